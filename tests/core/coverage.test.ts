import { emptyCounts, percent, recentVisitWindow, rollupCoverage, type CoverageCounts, type CoverageRegion } from '@/core/coverage'

const regions: CoverageRegion[] = [
  { id: 'c', parentId: null, level: 'county', name: '县' },
  { id: 't1', parentId: 'c', level: 'town', name: '一镇' },
  { id: 't2', parentId: 'c', level: 'town', name: '二镇' },
  { id: 'v1', parentId: 't1', level: 'village', name: '东村' },
  { id: 'v2', parentId: 't1', level: 'village', name: '西村' },
  { id: 'g1', parentId: 'v1', level: 'grid', name: '东村1' },
  { id: 'g2', parentId: 'v1', level: 'grid', name: '东村2' },
  { id: 'g3', parentId: 'v2', level: 'grid', name: '西村1' },
]
const counts = (households: number, visited: number, extra: Partial<CoverageCounts> = {}): CoverageCounts => ({ ...emptyCounts(), households, visited, ...extra })

describe('rollupCoverage', () => {
  const grids = new Map([
    ['g1', counts(10, 4, { visited90d: 3, pledged: 2, vulnerable: 3, vulnerableVisited: 1 })],
    ['g2', counts(5, 5, { visited90d: 5, appInstalled: 4, callWarningOn: 2 })],
    ['g3', counts(7, 0)],
  ])

  it('when the county is asked, then its row sums every grid and its children are the towns', () => {
    const report = rollupCoverage(regions, grids, 'c')
    expect(report.region).toEqual({
      regionId: 'c', name: '县', level: 'county', households: 22, visited: 9, visited90d: 8, pledged: 2,
      appInstalled: 4, callWarningOn: 2, vulnerable: 3, vulnerableVisited: 1,
    })
    expect(report.children.map((r) => [r.regionId, r.households, r.visited])).toEqual([['t1', 22, 9], ['t2', 0, 0]])
  })

  it('when a town is asked, then its children are its villages with their grids summed', () => {
    const report = rollupCoverage(regions, grids, 't1')
    expect(report.children.map((r) => [r.regionId, r.households, r.visited, r.visited90d])).toEqual([['v1', 15, 9, 8], ['v2', 7, 0, 0]])
  })

  it('when a grid is asked, then it is its own row with no children', () => {
    const report = rollupCoverage(regions.filter((r) => r.id === 'g2'), grids, 'g2')
    expect(report.region.households).toBe(5)
    expect(report.children).toEqual([])
  })

  it('when a village is asked with only its own subtree, then grids elsewhere are ignored', () => {
    const subtree = regions.filter((r) => ['v1', 'g1', 'g2'].includes(r.id))
    expect(rollupCoverage(subtree, grids, 'v1').region.households).toBe(15)
  })

  it('when the root is not among the regions, then it throws', () => {
    expect(() => rollupCoverage(regions, grids, 'nope')).toThrow()
  })
})

describe('percent', () => {
  it('when there are households, then the share is a whole percentage rounded down; when none, then 0', () => {
    expect([percent(1, 3), percent(2, 3), percent(3, 3), percent(0, 0)]).toEqual([33, 66, 100, 0])
  })
})

describe('recentVisitWindow', () => {
  it('when asked in the Beijing morning, then the window starts at the Beijing midnight of the day 90 days before', () => {
    // 2026-04-01 08:00 in Beijing; 90 days before is 2026-01-01, whose Beijing midnight is 16:00 UTC the day before.
    expect(recentVisitWindow(new Date('2026-04-01T00:00:00Z'))).toEqual({ since: new Date('2025-12-31T16:00:00.000Z'), firstDay: '2026-01-01' })
  })

  it('when asked late in the Beijing evening, then the first day is still counted by the Beijing date, not the UTC one', () => {
    // 2026-04-01 23:30 in Beijing is 15:30 UTC; 90 days before is 2026-01-01 in Beijing.
    expect(recentVisitWindow(new Date('2026-04-01T15:30:00Z'))).toEqual({ since: new Date('2025-12-31T16:00:00.000Z'), firstDay: '2026-01-01' })
  })

  it('when asked just after a Beijing midnight, then the window moves on by a whole day', () => {
    // 2026-04-02 00:10 in Beijing.
    expect(recentVisitWindow(new Date('2026-04-01T16:10:00Z'))).toEqual({ since: new Date('2026-01-01T16:00:00.000Z'), firstDay: '2026-01-02' })
  })
})
