import type { Role } from '@/core/roles'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('door labels on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine, { publicBaseUrl: 'https://fz.example.cn' }) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const issue = (token: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/labels/issue', headers: bearer(token), payload })
  const sheet = (token: string, query: string) => t.app.inject({ method: 'GET', url: `/api/labels/sheet?${query}`, headers: bearer(token) })
  const door = (labelToken: string) => t.app.inject({ method: 'GET', url: `/api/doors/${labelToken}` })
  const labelsOf = (householdId: string) =>
    t.db.selectFrom('door_labels').selectAll().where('household_id', '=', householdId).orderBy('version').execute()

  it('when a cadre issues labels for a grid, then each household without one gets version 1 and a 22-character random token, audited', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    // A code long enough that a random token cannot contain it by chance (a two-letter one did, about once in 200 runs).
    const a = await aHousehold(t.db, { regionId: grid, code: 'BL-0001', headName: '张建华', phone: '13812345678', address: '幸福路1号' })
    const b = await aHousehold(t.db, { regionId: grid, code: 'L2' })
    const cadre = await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const res = await issue(await signIn(t, cadre.id), { gridId: grid })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ issued: 2, revoked: 0 })
    const labels = [...(await labelsOf(a.id)), ...(await labelsOf(b.id))]
    expect(labels.map((l) => [l.version, l.revoked_at, l.issued_by])).toEqual([[1, null, cadre.id], [1, null, cadre.id]])
    for (const l of labels) {
      expect(l.token).toMatch(/^[A-Za-z0-9_-]{22}$/)
      for (const personal of ['BL-0001', '张建华', '13812345678', '5678', '幸福路', a.id, b.id, grid]) expect(l.token).not.toContain(personal)
    }
    expect(labels[0].token).not.toBe(labels[1].token)
    const household = await t.db.selectFrom('households').select('label_version').where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(household.label_version).toBe(1)
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'label.issue', actor_id: cadre.id, county_id: tree.county.id })])
  })

  it('when labels are issued again without reissue, then households that have one keep it', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const token = await tokenFor('admin', tree.town.id)
    await issue(token, { householdIds: [h.id] })
    const again = await issue(token, { householdIds: [h.id] })
    expect(again.json()).toEqual({ issued: 0, revoked: 0 })
    expect(await labelsOf(h.id)).toHaveLength(1)
  })

  it('when a label is reissued, then the old token is revoked (410) and the new one opens the door', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const token = await tokenFor('admin', tree.town.id)
    await issue(token, { householdIds: [h.id] })
    const res = await issue(token, { householdIds: [h.id], reissue: true })
    expect(res.json()).toEqual({ issued: 1, revoked: 1 })
    const [old, current] = await labelsOf(h.id)
    expect(old.revoked_at).toEqual(t.now())
    expect(current).toMatchObject({ version: 2, revoked_at: null })
    const oldDoor = await door(old.token)
    expect(oldDoor.statusCode).toBe(410)
    expect(oldDoor.json()).toEqual({ code: 'LABEL_REVOKED', message: '该门牌二维码已作废，请使用新门牌' })
    expect((await door(current.token)).statusCode).toBe(200)
  })

  it('when the same household is issued from many requests at once, then it holds exactly one label of version 1', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const token = await tokenFor('admin', tree.town.id)
    const answers = await Promise.all(Array.from({ length: 8 }, () => issue(token, { householdIds: [h.id] })))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200))
    expect((await labelsOf(h.id)).map((l) => l.version)).toEqual([1])
  })

  it.each([['grid_worker'], ['resident']] as [Role][])('when a %s issues labels, then 403 FORBIDDEN', async (role) => {
    const tree = await aRegionTree(t.db)
    const res = await issue(await tokenFor(role, tree.grids[0][0].id), { gridId: tree.grids[0][0].id })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it('when a cadre issues labels for another village\'s household, then 404 as for an unknown household and nothing is issued', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[1][0].id })
    const res = await issue(await tokenFor('cadre', tree.villages[0].id), { householdIds: [h.id] })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
    expect(await labelsOf(h.id)).toEqual([])
  })

  it('when neither a grid nor households are named, then 400 with a Chinese message', async () => {
    const tree = await aRegionTree(t.db)
    const res = await issue(await tokenFor('admin', tree.town.id), { reissue: true })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/请指定网格/)
  })

  it('when the label sheet of a grid is asked for, then households without a label get one and each label carries its URL and QR code', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const a = await aHousehold(t.db, { regionId: grid, code: 'S1' })
    await aHousehold(t.db, { regionId: grid, code: 'S2' })
    await aHousehold(t.db, { regionId: tree.grids[0][1].id, code: 'S3' })
    const res = await sheet(await tokenFor('cadre', tree.villages[0].id), `gridId=${grid}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ station: '柏林派出所', hotline: '96110', slogan: '反诈不停歇，平安你我他' })
    expect(body.labels.map((l: { householdCode: string }) => l.householdCode)).toEqual(['S1', 'S2'])
    const [label] = await labelsOf(a.id)
    expect(body.labels[0]).toEqual({
      householdId: a.id, householdCode: 'S1', gridName: '东村第1网格', url: `https://fz.example.cn/h/${label.token}`, qrSvg: expect.stringMatching(/^<svg[\s\S]*<\/svg>\s*$/),
    })
  })

  it('when the sheet is asked for chosen households twice, then the second sheet shows the same tokens', async () => {
    const tree = await aRegionTree(t.db)
    const a = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const b = await aHousehold(t.db, { regionId: tree.grids[1][0].id })
    const token = await tokenFor('admin', tree.town.id)
    const first = await sheet(token, `householdIds=${a.id},${b.id}`)
    const second = await sheet(token, `householdIds=${b.id},${a.id}`)
    expect(first.statusCode).toBe(200)
    expect(second.json().labels.map((l: { url: string }) => l.url).sort()).toEqual(first.json().labels.map((l: { url: string }) => l.url).sort())
    expect(await t.db.selectFrom('door_labels').selectAll().execute()).toHaveLength(2)
  })

  it('when a sheet names a household that does not exist, then 404 and nothing is issued', async () => {
    const tree = await aRegionTree(t.db)
    const a = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const res = await sheet(await tokenFor('admin', tree.town.id), `householdIds=${a.id},00000000-0000-4000-8000-000000000000`)
    expect(res.statusCode).toBe(404)
    expect(await labelsOf(a.id)).toEqual([])
  })
})
