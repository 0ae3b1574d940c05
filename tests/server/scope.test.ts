import type { Role } from '@/core/roles'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('scope of reads on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string, displayName = '测试用户') =>
    signIn(t, (await aUser(t.db, { displayName, roles: [{ role, regionId }] })).id)
  const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, ...(token && { headers: bearer(token) }) })

  /** One household in every grid of the tree: grid [v][g] holds code H<v><g>. */
  async function householdsEverywhere(tree: RegionTree) {
    const made: Record<string, string> = {}
    for (const [v, grids] of tree.grids.entries()) {
      for (const [g, grid] of grids.entries()) {
        made[`H${v}${g}`] = (await aHousehold(t.db, { regionId: grid.id, code: `H${v}${g}`, headName: '张建华', phone: '13812345678' })).id
      }
    }
    return made
  }

  it('when a grid worker lists households, then only their own grid\'s households come back, masked', async () => {
    const tree = await aRegionTree(t.db)
    await householdsEverywhere(tree)
    const token = await tokenFor('grid_worker', tree.grids[0][0].id)
    const res = await get('/api/households', token)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      total: 1,
      items: [{
        id: expect.any(String), code: 'H00', regionId: tree.grids[0][0].id, gridName: '东村第1网格', address: 'H00 号',
        headName: '张*华', phoneMasked: '138****5678', tags: [], memberCount: 1,
      }],
    })
  })

  it('when a grid worker reads a household of their own grid, then it is shown; of another grid, then 404 exactly as for an unknown id', async () => {
    const tree = await aRegionTree(t.db)
    const ids = await householdsEverywhere(tree)
    const token = await tokenFor('grid_worker', tree.grids[0][0].id)
    expect((await get(`/api/households/${ids.H00}`, token)).statusCode).toBe(200)
    const other = await get(`/api/households/${ids.H01}`, token)
    const unknown = await get('/api/households/00000000-0000-4000-8000-000000000000', token)
    expect(other.statusCode).toBe(404)
    expect(other.json()).toEqual(unknown.json())
  })

  it('when a grid worker narrows the list to another grid, then 403 OUT_OF_SCOPE', async () => {
    const tree = await aRegionTree(t.db)
    const token = await tokenFor('grid_worker', tree.grids[0][0].id)
    const res = await get(`/api/households?regionId=${tree.grids[0][1].id}`, token)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('OUT_OF_SCOPE')
  })

  it('when a cadre lists households, then every grid of their village and nothing of the other village comes back', async () => {
    const tree = await aRegionTree(t.db)
    const ids = await householdsEverywhere(tree)
    const token = await tokenFor('cadre', tree.villages[0].id)
    expect((await get('/api/households', token)).json().items.map((h: { code: string }) => h.code)).toEqual(['H00', 'H01'])
    expect((await get(`/api/households/${ids.H10}`, token)).json().code).toBe('NOT_FOUND')
    expect((await get(`/api/households?regionId=${tree.villages[1].id}`, token)).statusCode).toBe(403)
  })

  it('when households are searched, then q matches code or address literally and pages hold pageSize items', async () => {
    const tree = await aRegionTree(t.db)
    for (let i = 1; i <= 5; i++) await aHousehold(t.db, { regionId: tree.grids[0][0].id, code: `K${i}`, address: `幸福路${i}号` })
    await aHousehold(t.db, { regionId: tree.grids[0][0].id, code: 'Z1', address: '100%_路' })
    const token = await tokenFor('admin', tree.town.id)
    const page2 = (await get('/api/households?q=幸福路&page=2&pageSize=2', token)).json()
    expect(page2.total).toBe(5)
    expect(page2.items.map((h: { code: string }) => h.code)).toEqual(['K3', 'K4'])
    expect((await get(`/api/households?q=${encodeURIComponent('%_')}`, token)).json().items.map((h: { code: string }) => h.code)).toEqual(['Z1'])
  })

  it('when a household id does not exist, then 404', async () => {
    const tree = await aRegionTree(t.db)
    const token = await tokenFor('admin', tree.county.id)
    expect((await get('/api/households/00000000-0000-4000-8000-000000000000', token)).statusCode).toBe(404)
  })

  it('when a cadre lists users, then only people with roles in their village come back, with those roles', async () => {
    const tree = await aRegionTree(t.db)
    const cadre = await aUser(t.db, { displayName: '王书记', roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const worker = await aUser(t.db, { displayName: '张网格', roles: [{ role: 'grid_worker', regionId: tree.grids[0][1].id }, { role: 'grid_worker', regionId: tree.grids[1][0].id }] })
    await aUser(t.db, { displayName: '赵网格', roles: [{ role: 'grid_worker', regionId: tree.grids[1][1].id }] })
    const res = await get('/api/users', await signIn(t, cadre.id))
    expect(res.statusCode).toBe(200)
    expect(res.json().total).toBe(2)
    const listed = res.json().items.find((u: { id: string }) => u.id === worker.id)
    expect(listed.roles).toEqual([{ role: 'grid_worker', regionId: tree.grids[0][1].id, regionName: '东村第2网格', regionPath: tree.grids[0][1].path }])
  })

  it('when a cadre lists the users of another village, then 403 OUT_OF_SCOPE', async () => {
    const tree = await aRegionTree(t.db)
    const token = await tokenFor('cadre', tree.villages[0].id)
    const res = await get(`/api/users?regionId=${tree.villages[1].id}`, token)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('OUT_OF_SCOPE')
  })

  it('when a grid worker lists users, then 403 FORBIDDEN', async () => {
    const tree = await aRegionTree(t.db)
    const res = await get('/api/users', await tokenFor('grid_worker', tree.grids[0][0].id))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it('when a cadre reads the region tree, then it holds their village and its grids with household counts', async () => {
    const tree = await aRegionTree(t.db)
    await householdsEverywhere(tree)
    await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const token = await tokenFor('cadre', tree.villages[0].id)
    const res = await get('/api/regions/tree', token)
    expect(res.statusCode).toBe(200)
    expect(res.json().nodes.map((n: { id: string; householdCount: number }) => [n.id, n.householdCount])).toEqual([
      [tree.villages[0].id, 3], [tree.grids[0][0].id, 2], [tree.grids[0][1].id, 1],
    ])
  })

  it('when an admin reads the tree from a root, then only that subtree comes back, ordered by path', async () => {
    const tree = await aRegionTree(t.db)
    await householdsEverywhere(tree)
    const token = await tokenFor('admin', tree.county.id)
    const whole = (await get('/api/regions/tree', token)).json().nodes
    expect(whole).toHaveLength(8)
    expect(whole[0]).toMatchObject({ id: tree.county.id, parentId: null, level: 'county', householdCount: 4 })
    const sub = (await get(`/api/regions/tree?rootId=${tree.villages[1].id}`, token)).json().nodes
    expect(sub.map((n: { id: string }) => n.id)).toEqual([tree.villages[1].id, tree.grids[1][0].id, tree.grids[1][1].id])
  })

  it('when a cadre asks for the tree of another village, then 403 OUT_OF_SCOPE', async () => {
    const tree = await aRegionTree(t.db)
    const res = await get(`/api/regions/tree?rootId=${tree.villages[1].id}`, await tokenFor('cadre', tree.villages[0].id))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('OUT_OF_SCOPE')
  })

  it.each([
    ['/api/households'], ['/api/users'], ['/api/regions/tree'],
  ])('when a resident asks for %s, then 403 FORBIDDEN', async (url) => {
    const tree = await aRegionTree(t.db)
    const res = await get(url, await tokenFor('resident', tree.villages[0].id))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it('when a resident reads a household by id, then 403 FORBIDDEN', async () => {
    const tree = await aRegionTree(t.db)
    const ids = await householdsEverywhere(tree)
    const res = await get(`/api/households/${ids.H00}`, await tokenFor('resident', tree.villages[0].id))
    expect(res.statusCode).toBe(403)
  })

  it.each([
    ['/api/households'], ['/api/households/00000000-0000-4000-8000-000000000000'], ['/api/users'], ['/api/regions/tree'], ['/api/regions/import-template'],
  ])('when an anonymous caller asks for %s, then 401 AUTH_REQUIRED', async (url) => {
    const res = await get(url)
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('AUTH_REQUIRED')
  })

  it('when a household list is answered, then no identity-number field appears anywhere', async () => {
    const tree = await aRegionTree(t.db)
    await householdsEverywhere(tree)
    const body = (await get('/api/households', await tokenFor('admin', tree.county.id))).body
    expect(body).not.toMatch(/id_?card|idNumber|身份证/i)
    expect(body).not.toContain('13812345678')
    expect(body).not.toContain('张建华')
  })
})
