import type { PledgeInput } from '@/contract/pledges'
import type { Role } from '@/core/roles'
import { decodeStrokes, svgPathData } from '@/core/strokes'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('pledges: the household\'s list and the printable rendering on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string, displayName = '李网格') =>
    signIn(t, (await aUser(t.db, { displayName, roles: [{ role, regionId }] })).id)
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })

  /** A pledge signed by 王秀英 for a household with a phone, uploaded by the grid worker 李网格. */
  async function aSignedPledge() {
    const tree = await aRegionTree(t.db)
    const household = await aHousehold(t.db, { regionId: tree.grids[0][0].id, headName: '王秀英', phone: '13812345678' })
    const worker = await tokenFor('grid_worker', tree.grids[0][0].id)
    const pledge: PledgeInput = aPledgeInput(await currentTemplate(t.db), household.id, t.now(), { signerName: '王秀英', signerRelation: '户主' })
    const res = await t.app.inject({ method: 'POST', url: '/api/pledges/batch', headers: bearer(worker), payload: { pledges: [pledge] } })
    expect(res.json().items[0].status).toBe('stored')
    return { tree, household, worker, pledge }
  }

  it('when the rendering is fetched, then it is an SVG with the template, the signature path, the masked signer and no phone', async () => {
    const { worker, pledge, household } = await aSignedPledge()
    const res = await get(`/api/pledges/${pledge.id}/svg`, worker)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/)
    const svg = res.body
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain('反诈承诺书')
    expect(svg).toContain('96110')
    expect(svg).toContain(`d="${svgPathData(decodeStrokes(pledge.strokes) ?? [])}"`)
    expect(svg).toContain('王*英（户主）')
    expect(svg).toContain('宣讲人：李网格')
    expect(svg).toContain(household.code)
    expect(svg).not.toContain('王秀英')
    expect(svg).not.toContain('13812345678')
    const row = await t.db.selectFrom('pledges').select('record_hash').where('id', '=', pledge.id).executeTakeFirstOrThrow()
    expect(svg).toContain(row.record_hash.slice(0, 16))
  })

  it('when the rendering is fetched, then the read is written to the audit log', async () => {
    const { worker, pledge } = await aSignedPledge()
    await get(`/api/pledges/${pledge.id}/svg`, worker)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id']).where('target_id', '=', pledge.id).execute()
    expect(audit).toEqual([{ action: 'pledge.render', target_type: 'pledge', target_id: pledge.id }])
  })

  it('when a worker of another grid asks for the rendering, then 404 as for an unknown pledge and nothing is audited', async () => {
    const { tree, pledge } = await aSignedPledge()
    const res = await get(`/api/pledges/${pledge.id}/svg`, await tokenFor('grid_worker', tree.grids[0][1].id))
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('PLEDGE_NOT_FOUND')
    expect(await t.db.selectFrom('audit_log').select('id').where('target_id', '=', pledge.id).execute()).toEqual([])
  })

  it('when a cadre of the village asks for the rendering, then it is shown; an unknown pledge, then 404 PLEDGE_NOT_FOUND', async () => {
    const { tree, pledge } = await aSignedPledge()
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    expect((await get(`/api/pledges/${pledge.id}/svg`, cadre)).statusCode).toBe(200)
    const unknown = await get('/api/pledges/00000000-0000-4000-8000-000000000000/svg', cadre)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('PLEDGE_NOT_FOUND')
  })

  it('when a household\'s pledges are listed, then each shows the masked signer, relation, time and template version', async () => {
    const { household, worker, pledge } = await aSignedPledge()
    const res = await get(`/api/pledges?householdId=${household.id}`, worker)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      items: [{
        id: pledge.id, householdId: household.id, signerName: '王*英', signerRelation: '户主', signedAt: pledge.signedAt,
        templateVersion: 1, workerName: '李网格', seq: 1,
      }],
    })
  })

  it('when a worker of another village lists a household\'s pledges, then 404 as for an unknown household', async () => {
    const { tree, household } = await aSignedPledge()
    const res = await get(`/api/pledges?householdId=${household.id}`, await tokenFor('grid_worker', tree.grids[1][0].id))
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
  })
})
