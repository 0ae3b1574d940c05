import type { CoverageReport, CoverageRow } from '@/contract/coverage'
import type { HouseholdSummary } from '@/contract/households'
import { ApiError } from '@/services/api-client'
import { CoverageStore, coverageLines } from '@/stores/coverage-store'
import { FakeApi } from '../support/fake-api'

const aRow = (overrides: Partial<CoverageRow> = {}): CoverageRow => ({
  regionId: 't1', name: '柏林镇', level: 'town', households: 0, visited: 0, visited90d: 0, pledged: 0,
  appInstalled: 0, callWarningOn: 0, vulnerable: 0, vulnerableVisited: 0, ...overrides,
})
const aHousehold = (n: number): HouseholdSummary => ({
  id: `h${n}`, code: `DS-${n}`, regionId: 'g1', gridName: '第1网格', address: `东胜村${n}号`,
  headName: '张*华', phoneMasked: '138****1234', tags: [], memberCount: 2,
})

/** A fake server: each region's report has one child village, and gaps answer with `total` households, 20 a page. */
function fakeCoverage(api: FakeApi, total = 0) {
  const reportCalls: string[] = []
  const gapCalls: { regionId: string; page: number; pageSize: number }[] = []
  api.coverage = (regionId) => {
    reportCalls.push(regionId)
    const report: CoverageReport = {
      region: aRow({ regionId, name: regionId === 't1' ? '柏林镇' : '东胜村' }),
      children: [aRow({ regionId: `${regionId}-c`, name: '东胜村', level: 'village' })],
    }
    return Promise.resolve(report)
  }
  api.coverageGaps = (regionId, page, pageSize) => {
    gapCalls.push({ regionId, page, pageSize })
    const from = (page - 1) * pageSize
    const count = Math.max(0, Math.min(pageSize, total - from))
    return Promise.resolve({ items: Array.from({ length: count }, (_, i) => aHousehold(from + i + 1)), total })
  }
  return { reportCalls, gapCalls }
}

describe('CoverageStore', () => {
  it('when a region opens, then its report and the first page of never-visited households load', async () => {
    const api = new FakeApi()
    const { reportCalls, gapCalls } = fakeCoverage(api, 3)
    const store = new CoverageStore(api)

    await store.start('t1', '柏林镇')

    expect(store.state).toBe('ready')
    expect(store.report?.region.name).toBe('柏林镇')
    expect(store.report?.children.map((c) => c.name)).toEqual(['东胜村'])
    expect(reportCalls).toEqual(['t1'])
    expect(gapCalls).toEqual([{ regionId: 't1', page: 1, pageSize: 20 }])
    expect(store.gaps.map((h) => h.code)).toEqual(['DS-1', 'DS-2', 'DS-3'])
  })

  it('when a child is tapped, then its report loads, and going up reloads the parent', async () => {
    const api = new FakeApi()
    const { reportCalls } = fakeCoverage(api)
    const store = new CoverageStore(api)
    await store.start('t1', '柏林镇')

    await store.drillDown(store.report!.children[0])
    expect(store.regionId).toBe('t1-c')
    expect(store.trail.map((s) => s.name)).toEqual(['柏林镇', '东胜村'])
    expect(store.canGoUp).toBe(true)

    await store.goUp()
    expect(store.regionId).toBe('t1')
    expect(store.canGoUp).toBe(false)
    expect(reportCalls).toEqual(['t1', 't1-c', 't1'])
  })

  it('when there are more gaps than a page, then load more appends the next page', async () => {
    const api = new FakeApi()
    const { gapCalls } = fakeCoverage(api, 25)
    const store = new CoverageStore(api)
    await store.start('t1', '柏林镇')
    expect(store.hasMoreGaps).toBe(true)

    await store.loadMoreGaps()

    expect(store.gaps).toHaveLength(25)
    expect(store.hasMoreGaps).toBe(false)
    expect(gapCalls.map((c) => c.page)).toEqual([1, 2])
  })

  it('when the report is refused, then the error state carries the server message and no gaps are asked for', async () => {
    const api = new FakeApi()
    const { gapCalls } = fakeCoverage(api)
    api.coverage = () => Promise.reject(new ApiError('OUT_OF_SCOPE', '该数据不在您负责的辖区内', 403))
    const store = new CoverageStore(api)

    await store.start('t9', '别的镇')

    expect(store.state).toBe('error')
    expect(store.error).toBe('该数据不在您负责的辖区内')
    expect(gapCalls).toEqual([])
  })

  it('when a report for a region already left arrives late, then it does not replace the open one', async () => {
    const api = new FakeApi()
    fakeCoverage(api)
    let answerSlow: (report: CoverageReport) => void = () => undefined
    const slow = new Promise<CoverageReport>((resolve) => { answerSlow = resolve })
    const fast = api.coverage
    api.coverage = (regionId) => (regionId === 't1' ? slow : fast(regionId))
    const store = new CoverageStore(api)

    const first = store.start('t1', '柏林镇')
    await store.start('t2', '石门镇')
    answerSlow({ region: aRow({ regionId: 't1', name: '柏林镇' }), children: [] })
    await first

    expect(store.report?.region.regionId).toBe('t2')
  })

  it('when exporting, then the gap file of the open region is fetched', async () => {
    const api = new FakeApi()
    fakeCoverage(api)
    const exported: string[] = []
    api.coverageGapsXlsx = (regionId) => {
      exported.push(regionId)
      return Promise.resolve(new Blob(['xlsx']))
    }
    const store = new CoverageStore(api)
    await store.start('t1', '柏林镇')

    await store.exportGaps()

    expect(exported).toEqual(['t1'])
    expect(store.exporting).toBe(false)
  })
})

describe('coverageLines', () => {
  it('when a third of the households were visited, then the line says 33 percent', () => {
    const lines = coverageLines(aRow({ households: 3, visited: 1, pledged: 3 }))

    expect(lines.find((l) => l.label === '已走访')).toEqual({ label: '已走访', part: 1, whole: 3, percent: 33 })
    expect(lines.find((l) => l.label === '已签承诺书')?.percent).toBe(100)
  })

  it('when the vulnerable line is computed, then it counts against vulnerable households, not all of them', () => {
    const lines = coverageLines(aRow({ households: 10, vulnerable: 4, vulnerableVisited: 1 }))

    expect(lines.find((l) => l.label === '一老一小/独居已走访')).toEqual({ label: '一老一小/独居已走访', part: 1, whole: 4, percent: 25 })
  })

  it('when a region has no households, then every percentage is 0, not 100', () => {
    expect(coverageLines(aRow()).map((l) => l.percent)).toEqual([0, 0, 0, 0, 0, 0])
  })
})
