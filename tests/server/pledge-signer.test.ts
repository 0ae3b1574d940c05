import type { SyncBatchResult } from '@/contract/common'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('pledges: who signed on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  async function aDoorOfWangXiuying() {
    const tree = await aRegionTree(t.db)
    const household = await aHousehold(t.db, { regionId: tree.grids[0][0].id, headName: '王秀英' })
    const worker = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })).id)
    const cadre = await signIn(t, (await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })).id)
    return { tree, household, worker, cadre, template: await currentTemplate(t.db) }
  }
  const upload = (token: string, pledges: unknown[]) =>
    t.app.inject({ method: 'POST', url: '/api/pledges/batch', headers: bearer(token), payload: { pledges } })
  const storedSigner = async (id: string) =>
    t.db.selectFrom('pledges').select(['signer_name', 'signer_relation']).where('id', '=', id).executeTakeFirstOrThrow()

  it('when 户主本人 signs and the phone sends another name, then the household head\'s name is stored and the chain verifies', async () => {
    const { tree, household, worker, cadre, template } = await aDoorOfWangXiuying()
    const { signerName: _, ...pledge } = aPledgeInput(template, household.id, t.now(), { signer: 'head', signerRelation: '本人' })
    const forged = aPledgeInput(template, household.id, t.now(), { signer: 'head', signerName: '李四', signerRelation: '子女' })

    const res = await upload(worker, [pledge, forged])

    expect((res.json() as SyncBatchResult).items.map((i) => i.status)).toEqual(['stored', 'stored'])
    expect(await storedSigner(pledge.id)).toEqual({ signer_name: '王秀英', signer_relation: '本人' })
    expect(await storedSigner(forged.id)).toEqual({ signer_name: '王秀英', signer_relation: '本人' })
    const verify = await t.app.inject({ method: 'GET', url: `/api/pledges/verify?villageId=${tree.villages[0].id}`, headers: bearer(cadre) })
    expect(verify.json()).toMatchObject({ checked: 2, ok: true })
  })

  it('when another member signs with a typed name, then that name and relation are stored', async () => {
    const { household, worker, template } = await aDoorOfWangXiuying()
    const pledge = aPledgeInput(template, household.id, t.now(), { signer: 'member', signerName: ' 张小红 ', signerRelation: '子女' })

    await upload(worker, [pledge])

    expect(await storedSigner(pledge.id)).toEqual({ signer_name: '张小红', signer_relation: '子女' })
  })

  it('when another member signs without a name, then the pledge is rejected and asks for the signer', async () => {
    const { household, worker, template } = await aDoorOfWangXiuying()
    const { signerName: _, ...pledge } = aPledgeInput(template, household.id, t.now(), { signer: 'member', signerRelation: '子女' })

    const res = await upload(worker, [pledge])

    expect((res.json() as SyncBatchResult).items).toEqual([
      { id: pledge.id, status: 'rejected', code: 'PLEDGE_SIGNER_MISSING', message: '请填写签署人姓名和与户主的关系' },
    ])
  })
})
