import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { recentVisitWindow } from '@/core/coverage'
import { HOUSEHOLD_TAGS, VULNERABLE_TAGS } from '@/core/households'
import type { VisitInput } from '@/contract/visits'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { keptAndRecountedCoverage } from './helpers/coverage-recount'
import { counterChecks } from '../../server/src/backup/integrity'
import { CoverageRepo } from '../../server/src/modules/coverage/repo'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('coverage on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const daysAgo = (d: number) => new Date(t.now().getTime() - d * 24 * 3600_000)
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })
  const tokenFor = async (role: 'admin' | 'cadre' | 'grid_worker', regionId: string) =>
    signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)

  async function aHouseholdWith(gridId: string, code: string, opts: { visited?: Date; tags?: string[]; pledged?: boolean; app?: boolean; warning?: boolean } = {}) {
    const { id } = await aHousehold(t.db, { regionId: gridId, code, tags: opts.tags, headName: '王小明' })
    await t.db.updateTable('households').set({
      first_visit_at: opts.visited ?? null, last_visit_at: opts.visited ?? null, pledged_at: opts.pledged ? opts.visited ?? t.now() : null,
      app_installed: opts.app ?? false, call_warning_on: opts.warning ?? false,
    }).where('id', '=', id).execute()
    return id
  }

  /** Grid [0][0]: 3 households, grid [0][1]: 1, grid [1][0]: 2, grid [1][1]: none. */
  async function aSmallCounty(tree: RegionTree) {
    const [g00, g01] = [tree.grids[0][0].id, tree.grids[0][1].id]
    const g10 = tree.grids[1][0].id
    await aHouseholdWith(g00, 'A1', { visited: daysAgo(10), tags: ['独居老人'], pledged: true, app: true })
    await aHouseholdWith(g00, 'A2', { visited: daysAgo(200), warning: true })
    await aHouseholdWith(g00, 'A3', { tags: ['一老一小'] })
    await aHouseholdWith(g01, 'B1', { visited: daysAgo(1), app: true, warning: true })
    await aHouseholdWith(g10, 'C1')
    await aHouseholdWith(g10, 'C2', { visited: daysAgo(89), tags: ['一老一小', '留守儿童'] })
  }

  const row = (regionId: string, name: string, level: string, n: number[]) => {
    const [households, visited, visited90d, pledged, appInstalled, callWarningOn, vulnerable, vulnerableVisited] = n
    return { regionId, name, level, households, visited, visited90d, pledged, appInstalled, callWarningOn, vulnerable, vulnerableVisited }
  }

  it('when an admin of the county asks for coverage, then the hand-counted figures come back for the county and its town', async () => {
    const tree = await aRegionTree(t.db)
    await aSmallCounty(tree)
    const res = await get('/api/coverage', await tokenFor('admin', tree.county.id))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      region: row(tree.county.id, '测试区', 'county', [6, 4, 3, 1, 2, 2, 3, 2]),
      children: [row(tree.town.id, '测试镇', 'town', [6, 4, 3, 1, 2, 2, 3, 2])],
    })
  })

  it('when the town is asked, then each village is a child; when a village is asked, then each grid, empty ones as zeros', async () => {
    const tree = await aRegionTree(t.db)
    await aSmallCounty(tree)
    const token = await tokenFor('admin', tree.county.id)
    expect((await get(`/api/coverage?regionId=${tree.town.id}`, token)).json().children).toEqual([
      row(tree.villages[0].id, '东村', 'village', [4, 3, 2, 1, 2, 2, 2, 1]),
      row(tree.villages[1].id, '西村', 'village', [2, 1, 1, 0, 0, 0, 1, 1]),
    ])
    expect((await get(`/api/coverage?regionId=${tree.villages[1].id}`, token)).json().children).toEqual([
      row(tree.grids[1][0].id, '西村第1网格', 'grid', [2, 1, 1, 0, 0, 0, 1, 1]),
      row(tree.grids[1][1].id, '西村第2网格', 'grid', [0, 0, 0, 0, 0, 0, 0, 0]),
    ])
  })

  it('when a cadre asks, then their own village is the default and another village or the town is out of scope', async () => {
    const tree = await aRegionTree(t.db)
    await aSmallCounty(tree)
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const own = (await get('/api/coverage', cadre)).json()
    expect(own.region).toEqual(row(tree.villages[0].id, '东村', 'village', [4, 3, 2, 1, 2, 2, 2, 1]))
    expect(own.children.map((c: { regionId: string }) => c.regionId)).toEqual([tree.grids[0][0].id, tree.grids[0][1].id])
    for (const other of [tree.villages[1].id, tree.town.id]) {
      const res = await get(`/api/coverage?regionId=${other}`, cadre)
      expect([res.statusCode, res.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
    }
  })

  it('when a grid worker asks for coverage or gaps, then 403 FORBIDDEN', async () => {
    const tree = await aRegionTree(t.db)
    const worker = await tokenFor('grid_worker', tree.grids[0][0].id)
    expect((await get('/api/coverage', worker)).json().code).toBe('FORBIDDEN')
    expect((await get('/api/coverage/gaps', worker)).json().code).toBe('FORBIDDEN')
  })

  it('when the gap list is asked, then only never-visited households in scope come back, masked and paged', async () => {
    const tree = await aRegionTree(t.db)
    await aSmallCounty(tree)
    const admin = await tokenFor('admin', tree.county.id)
    const all = (await get('/api/coverage/gaps?pageSize=1&page=2', admin)).json()
    expect(all.total).toBe(2)
    expect(all.items).toEqual([expect.objectContaining({ code: 'C1', headName: '王*明', gridName: '西村第1网格' })])
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    expect((await get('/api/coverage/gaps', cadre)).json().items.map((h: { code: string }) => h.code)).toEqual(['A3'])
    expect((await get(`/api/coverage/gaps?regionId=${tree.villages[1].id}`, cadre)).statusCode).toBe(403)
  })

  it('when the gap list is exported, then an .xlsx with Chinese headers holds the masked gap rows', async () => {
    const tree = await aRegionTree(t.db)
    await aSmallCounty(tree)
    const res = await get(`/api/coverage/gaps.xlsx?regionId=${tree.villages[0].id}`, await tokenFor('admin', tree.county.id))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const values = book.worksheets[0].getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))
    expect(values).toEqual([
      ['户码', '网格', '地址', '户主(脱敏)', '标签'],
      ['A3', '东村第1网格', 'A3 号', '王*明', '一老一小'],
    ])
  })

  it('when households are randomly added, visited, retagged, moved, pledged and deleted, then the kept counters equal a recount', async () => {
    const tree = await aRegionTree(t.db)
    const grids = tree.grids.flat().map((g) => g.id)
    const admin = await tokenFor('admin', tree.county.id)
    let seed = 20261124
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
    const tagSets = [[], ['一老一小'], ['独居老人'], ['新市民'], ['一老一小', '留守儿童']]
    const ids: string[] = []
    for (let step = 0; step < 120; step++) {
      const op = ids.length < 5 ? 0 : Math.floor(random() * 6)
      if (op === 0) {
        ids.push((await aHousehold(t.db, { regionId: pick(grids), tags: pick(tagSets) })).id)
      } else if (op === 1) {
        const visit: VisitInput = {
          id: randomUUID(), householdId: pick(ids), visitedAt: daysAgo(random() * 20).toISOString(), note: '', briefed: true,
          appInstalled: random() < 0.5, callWarningOn: random() < 0.5, emergencyContact: false, elderlyChildReminded: false,
        }
        expect((await t.app.inject({ method: 'POST', url: '/api/visits/batch', headers: bearer(admin), payload: { visits: [visit] } })).statusCode).toBe(200)
      } else if (op === 2) {
        await t.db.updateTable('households').set({ tags: pick(tagSets) }).where('id', '=', pick(ids)).execute()
      } else if (op === 3) {
        await t.db.updateTable('households').set({ region_id: pick(grids) }).where('id', '=', pick(ids)).execute()
      } else if (op === 4) {
        await t.db.updateTable('households').set({ pledged_at: t.now() }).where('id', '=', pick(ids)).execute()
      } else {
        const gone = ids.splice(Math.floor(random() * ids.length), 1)[0]
        await t.db.deleteFrom('visits').where('household_id', '=', gone).execute()
        await t.db.deleteFrom('households').where('id', '=', gone).execute()
      }
    }
    const { kept, recount } = await keptAndRecountedCoverage(t.db, grids)
    expect(recount.reduce((n, r) => n + Number(r.visited), 0)).toBeGreaterThan(0)
    expect(kept).toEqual(recount)
    expect(await counterChecks(t.db)).toContainEqual({ counter: 'county_last_visit_days', mismatchedRows: 0 })
  })

  it('when households were last visited either side of the 90-day window\'s first Beijing midnight, then each county\'s row summed from its day counters equals its own coverage report', async () => {
    const [east, west] = [await aRegionTree(t.db), await aRegionTree(t.db)]
    const { since, firstDay } = recentVisitWindow(t.now())
    const at = (ms: number) => new Date(since.getTime() + ms)
    await aHouseholdWith(east.grids[0][0].id, 'E1', { visited: at(-1000), tags: ['独居老人'] })
    await aHouseholdWith(east.grids[0][0].id, 'E2', { visited: since, pledged: true })
    await aHouseholdWith(east.grids[0][1].id, 'E3', { visited: at(3600_000), app: true })
    await aHouseholdWith(east.grids[1][0].id, 'E4', { visited: t.now(), warning: true, tags: ['一老一小'] })
    await aHouseholdWith(east.grids[1][1].id, 'E5')
    await aHouseholdWith(west.grids[0][0].id, 'W1', { visited: daysAgo(200) })
    const ghostCounty = 'no-such-county'

    const counts = await new CoverageRepo(t.db).countyCounts([east.county.id, west.county.id, ghostCounty], firstDay)

    const admin = await tokenFor('admin', east.county.id)
    const { regionId: _, name: __, level: ___, ...eastReport } = (await get('/api/coverage', admin)).json().region
    expect(counts.get(east.county.id)).toEqual(eastReport)
    expect(counts.get(east.county.id)).toMatchObject({ households: 5, visited: 4, visited90d: 3, pledged: 1, vulnerable: 2, vulnerableVisited: 2 })
    expect(counts.get(west.county.id)).toMatchObject({ households: 1, visited: 1, visited90d: 0 })
    expect(Object.values(counts.get(ghostCounty)!).every((n) => n === 0)).toBe(true)
  })

  it('when a household is visited again the same Beijing day, later, and then deleted, then the county\'s day counters follow it', async () => {
    const tree = await aRegionTree(t.db)
    const { firstDay } = recentVisitWindow(t.now())
    const repo = new CoverageRepo(t.db)
    const id = await aHouseholdWith(tree.grids[0][0].id, 'A1', { visited: daysAgo(95) })
    const recent = async () => (await repo.countyCounts([tree.county.id], firstDay)).get(tree.county.id)!.visited90d

    expect(await recent()).toBe(0)
    await t.db.updateTable('households').set({ last_visit_at: daysAgo(2) }).where('id', '=', id).execute()
    expect(await recent()).toBe(1)
    await t.db.updateTable('households').set({ last_visit_at: new Date(daysAgo(2).getTime() + 60_000) }).where('id', '=', id).execute()
    expect(await recent()).toBe(1)
    await t.db.deleteFrom('households').where('id', '=', id).execute()
    expect(await recent()).toBe(0)
    expect(await counterChecks(t.db)).toContainEqual({ counter: 'county_last_visit_days', mismatchedRows: 0 })
  })

  it('when a household carries each tag core knows, then the kept 一老一小 counter counts exactly those core calls vulnerable', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    for (const [i, tag] of HOUSEHOLD_TAGS.entries()) await aHouseholdWith(grid, `T${i}`, { tags: [tag], visited: i % 2 ? daysAgo(3) : undefined })
    const kept = await t.db.selectFrom('grid_coverage').select(['vulnerable', 'vulnerable_visited']).where('grid_id', '=', grid).executeTakeFirstOrThrow()
    const vulnerable = HOUSEHOLD_TAGS.map((tag, i) => ({ tag, visited: i % 2 === 1 })).filter((h) => VULNERABLE_TAGS.includes(h.tag))
    expect(VULNERABLE_TAGS.length).toBeGreaterThan(0)
    expect(kept).toEqual({ vulnerable: vulnerable.length, vulnerable_visited: vulnerable.filter((h) => h.visited).length })
  })
})
