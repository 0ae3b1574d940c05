import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('patrol plan on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const daysAgo = (d: number) => new Date(t.now().getTime() - d * 24 * 3600_000)
  const today = (token: string, query = '') => t.app.inject({ method: 'GET', url: `/api/patrol/today${query}`, headers: bearer(token) })

  async function aHouseholdVisited(gridId: string, code: string, opts: { lastVisit?: Date; tags?: string[]; geo?: [number, number] } = {}) {
    const { id } = await aHousehold(t.db, { regionId: gridId, code, tags: opts.tags, headName: '李秀英', phone: '13900001111' })
    await t.db.updateTable('households').set({
      first_visit_at: opts.lastVisit ?? null, last_visit_at: opts.lastVisit ?? null,
      geo_lat: opts.geo?.[0] ?? null, geo_lng: opts.geo?.[1] ?? null,
    }).where('id', '=', id).execute()
    return id
  }

  it('when a worker asks for today\'s plan, then never visited, then vulnerable, then longest unvisited come first, five by default', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    await aHouseholdVisited(grid, 'A-RECENT', { lastVisit: daysAgo(2) })
    await aHouseholdVisited(grid, 'B-OLD', { lastVisit: daysAgo(120) })
    await aHouseholdVisited(grid, 'C-ALONE', { lastVisit: daysAgo(10), tags: ['独居老人'] })
    await aHouseholdVisited(grid, 'D-NEVER')
    await aHouseholdVisited(grid, 'E-MID', { lastVisit: daysAgo(40) })
    await aHouseholdVisited(grid, 'F-NEWER', { lastVisit: daysAgo(1) })
    await aHouseholdVisited(tree.grids[0][1].id, 'Z-OTHER-GRID')
    const worker = await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid }] })
    const res = await today(await signIn(t, worker.id))
    expect(res.statusCode).toBe(200)
    const items = res.json().items
    expect(items.map((i: { household: { code: string } }) => i.household.code)).toEqual(['D-NEVER', 'C-ALONE', 'B-OLD', 'E-MID', 'A-RECENT'])
    expect(items.map((i: { reason: string }) => i.reason)).toEqual(['从未走访', '独居老人 · 距上次走访 10 天', '距上次走访 120 天', '距上次走访 40 天', '距上次走访 2 天'])
    expect(items[0].household).toMatchObject({ headName: '李*英', phoneMasked: '139****1111' })
    expect(items[0].lastVisitAt).toBeNull()
  })

  it('when the size is 3 or out of range, then 3 doors, or clamped to 3–5', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    for (let i = 0; i < 7; i++) await aHouseholdVisited(grid, `H${i}`, { lastVisit: daysAgo(i + 1) })
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid }] })).id)
    expect((await today(token, '?size=3')).json().items).toHaveLength(3)
    expect((await today(token, '?size=1')).json().items).toHaveLength(3)
    expect((await today(token, '?size=9')).json().items).toHaveLength(5)
  })

  it('when the chosen doors have locations, then they come as a walk from the most urgent to the nearest next', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    await aHouseholdVisited(grid, 'START', { geo: [29.0, 106.0] })
    await aHouseholdVisited(grid, 'FAR', { lastVisit: daysAgo(100), geo: [29.02, 106.0] })
    await aHouseholdVisited(grid, 'NEAR', { lastVisit: daysAgo(10), geo: [29.001, 106.0] })
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid }] })).id)
    expect((await today(token)).json().items.map((i: { household: { code: string } }) => i.household.code)).toEqual(['START', 'NEAR', 'FAR'])
  })

  it('when a worker asks for another grid, then 403 OUT_OF_SCOPE; a cadre of the village may ask for it', async () => {
    const tree = await aRegionTree(t.db)
    const other = tree.grids[0][1].id
    await aHouseholdVisited(other, 'X1')
    const worker = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })).id)
    const refused = await today(worker, `?gridId=${other}`)
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
    const cadre = await signIn(t, (await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })).id)
    expect((await today(cadre, `?gridId=${other}`)).json().items.map((i: { household: { code: string } }) => i.household.code)).toEqual(['X1'])
  })

  it('when a cadre names no grid or a village, then 400 PATROL_GRID_REQUIRED', async () => {
    const tree = await aRegionTree(t.db)
    const cadre = await signIn(t, (await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })).id)
    expect((await today(cadre)).json().code).toBe('PATROL_GRID_REQUIRED')
    expect((await today(cadre, `?gridId=${tree.villages[0].id}`)).json().code).toBe('PATROL_GRID_REQUIRED')
  })
})
