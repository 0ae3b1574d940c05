import { aHousehold, aRegion, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('grids named with their village on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })

  /** A grid stored, like the demo's, only as "第9网格" under 西村. */
  async function aNumberOnlyGrid() {
    const tree = await aRegionTree(t.db)
    const grid = await aRegion(t.db, 'grid', `${tree.villages[1].id}-09`, '第9网格', tree.villages[1])
    const household = await aHousehold(t.db, { regionId: grid.id, code: 'N1' })
    const admin = await signIn(t, (await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.county.id }] })).id)
    return { tree, grid, household, admin }
  }

  it('when the household list, a label sheet and a report name the grid, then each says 西村第9网格', async () => {
    const { tree, grid, admin } = await aNumberOnlyGrid()
    expect((await get(`/api/households?regionId=${grid.id}`, admin)).json().items[0].gridName).toBe('西村第9网格')
    await t.app.inject({ method: 'POST', url: '/api/labels/issue', headers: bearer(admin), payload: { gridId: grid.id } })
    expect((await get(`/api/labels/sheet?gridId=${grid.id}`, admin)).json().labels[0].gridName).toBe('西村第9网格')
    const report = (await get(`/api/reports?regionId=${tree.villages[1].id}&period=month&date=2026-11-01`, admin)).json()
    expect(report.children.map((c: { regionName: string }) => c.regionName)).toContain('西村第9网格')
  })

  it('when coverage and a report are opened for the grid itself, then the grid is named with its village too', async () => {
    const { grid, admin } = await aNumberOnlyGrid()
    expect((await get(`/api/coverage?regionId=${grid.id}`, admin)).json().region.name).toBe('西村第9网格')
    expect((await get(`/api/reports?regionId=${grid.id}&period=month&date=2026-11-01`, admin)).json().region.name).toBe('西村第9网格')
  })

  it('when a warning is made for a household of the grid, then the warning names the grid with its village', async () => {
    const { grid, admin } = await aNumberOnlyGrid()
    const res = await t.app.inject({
      method: 'POST', url: '/api/warnings', headers: bearer(admin),
      payload: { regionId: grid.id, householdCode: null, residentName: '赵桂兰', phone: '13912345678', address: '西村9组1号', fraudType: 'fake_police', riskLevel: 'high', source: 'instruction', amountAtRisk: null, receivedAt: t.now().toISOString(), assigneeId: null },
    })
    expect([res.statusCode, res.json().regionName]).toEqual([200, '西村第9网格'])
  })

  it('when the grid\'s worker signs in, then their role names the grid with its village', async () => {
    const { grid } = await aNumberOnlyGrid()
    const worker = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })).id)
    expect((await get('/api/me', worker)).json().roles[0].regionName).toBe('西村第9网格')
  })
})
