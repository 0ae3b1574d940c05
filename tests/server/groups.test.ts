import { seedDemoData } from '../../server/src/seed/demo-seed'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('groups on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  async function twoVillages() {
    const tree = await aRegionTree(t.db)
    const east = await aUser(t.db, { displayName: '王书记', roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const west = await aUser(t.db, { displayName: '李主任', roles: [{ role: 'cadre', regionId: tree.villages[1].id }] })
    const [unlabelled] = await t.db.insertInto('wechat_groups').values({ county_id: tree.county.id, opengid: `u${Date.now()}` }).returning('id').execute()
    return { tree, east, west, unlabelled, eastToken: await signIn(t, east.id), westToken: await signIn(t, west.id) }
  }
  const list = (token: string, query = '') => t.app.inject({ method: 'GET', url: `/api/groups${query}`, headers: bearer(token) })
  const label = (token: string, id: string, body: object) => t.app.inject({ method: 'PUT', url: `/api/groups/${id}`, headers: bearer(token), payload: body })

  it('when a cadre labels an unlabelled group of the county, then it becomes theirs and leaves the other cadre\'s list', async () => {
    const { tree, east, unlabelled, eastToken, westToken } = await twoVillages()
    expect((await list(westToken)).json().map((g: { id: string }) => g.id)).toEqual([unlabelled.id])
    const res = await label(eastToken, unlabelled.id, { name: '东村1组群', tier: 2, regionId: tree.villages[0].id })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: '东村1组群', tier: 2, regionId: tree.villages[0].id, ownerId: east.id, ownerName: '王书记' })
    expect((await list(eastToken)).json()).toHaveLength(1)
    expect((await list(westToken)).json()).toEqual([])
    expect((await label(westToken, unlabelled.id, { name: '抢', tier: 2, regionId: tree.villages[1].id })).statusCode).toBe(403)
  })

  it('when a cadre asks for another village\'s groups or labels into it, then it is refused as out of scope', async () => {
    const { tree, unlabelled, westToken } = await twoVillages()
    expect((await list(westToken, `?regionId=${tree.villages[0].id}`)).json().code).toBe('OUT_OF_SCOPE')
    expect((await label(westToken, unlabelled.id, { name: '东村群', tier: 2, regionId: tree.villages[0].id })).json().code).toBe('OUT_OF_SCOPE')
  })

  it('when a 村群 is put on a town, or the group is unknown, then GROUP_LABEL_INVALID / GROUP_NOT_FOUND', async () => {
    const { tree, unlabelled } = await twoVillages()
    const admin = await signIn(t, (await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    expect((await label(admin, unlabelled.id, { name: '镇群', tier: 2, regionId: tree.town.id })).json().code).toBe('GROUP_LABEL_INVALID')
    expect((await label(admin, '00000000-0000-4000-8000-000000000000', { name: '镇群', tier: 1, regionId: tree.town.id })).json().code).toBe('GROUP_NOT_FOUND')
    expect((await label(admin, unlabelled.id, { name: '柏林平安群', tier: 1, regionId: tree.town.id })).json().tier).toBe(1)
  })

  it('when the demo is seeded, then the demo cadre sees the 东胜村 平安群 and 村群 they own and the one group waiting for a label', async () => {
    await seedDemoData(t.database, t.config, { households: 20 })
    const cadre = await t.db.selectFrom('users').select('id').where('demo_persona', '=', 'cadre').executeTakeFirstOrThrow()
    const groups = (await list(await signIn(t, cadre.id))).json() as { name: string | null; tier: number | null }[]
    expect(groups.map((g) => [g.name, g.tier])).toEqual([[null, null], ['东胜村1组群', 2], ['东胜村2组群', 2], ['东胜村3组群', 2], ['东胜村平安群', 1]])
  })
})
