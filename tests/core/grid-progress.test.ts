import { progressBars, rollupCoverage, emptyCounts } from '@/core/coverage'
import type { GridProgress } from '@/contract/coverage'
import { gridTitle } from '@/core/regions'
import { chinaQuarterOf } from '@/core/report-period'

const aGrid = (over: Partial<GridProgress> = {}): GridProgress => ({
  gridId: 'g1', gridName: '东胜村第1网格', households: 40, visited: 12, pledged: 5, vulnerable: 8, vulnerableVisited: 2, ...over,
})

describe('chinaQuarterOf', () => {
  it('when it is 23:30 UTC on 31 March, then Beijing is already in the second quarter', () => {
    expect(chinaQuarterOf(new Date('2026-03-31T23:30:00Z'))).toEqual({ from: '2026-04-01', to: '2026-06-30', label: '2026年第2季度' })
  })

  it('when it is early December, then the quarter runs from 1 October to 31 December', () => {
    expect(chinaQuarterOf(new Date('2026-12-06T08:00:00+08:00'))).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' })
  })

  it('when it is 1 January just after Beijing midnight, then it is the new year\'s first quarter', () => {
    expect(chinaQuarterOf(new Date('2026-12-31T16:05:00Z'))).toEqual({ from: '2027-01-01', to: '2027-03-31', label: '2027年第1季度' })
  })
})

describe('progressBars', () => {
  it('when a grid has households, then visited and signed count against all of them and 一老一小 against the vulnerable ones', () => {
    expect(progressBars(aGrid())).toEqual([
      { label: '本季度已走访', part: 12, whole: 40, percent: 30 },
      { label: '本季度已签承诺书', part: 5, whole: 40, percent: 12 },
      { label: '一老一小已走访', part: 2, whole: 8, percent: 25 },
    ])
  })

  it('when a grid has no vulnerable households, then that bar is 0% rather than complete', () => {
    expect(progressBars(aGrid({ vulnerable: 0, vulnerableVisited: 0 }))[2].percent).toBe(0)
  })
})

describe('gridTitle', () => {
  it('when a grid is named only by its number, then its village comes first', () => {
    expect(gridTitle('第1网格', '东胜村')).toBe('东胜村第1网格')
  })

  it('when the village has its official name, then the short one is used', () => {
    expect(gridTitle('第2网格', '柏林社区居民委员会')).toBe('柏林社区第2网格')
  })

  it('when the grid name already holds its village, then it is kept', () => {
    expect(gridTitle('东胜村第1网格', '东胜村')).toBe('东胜村第1网格')
  })

  it('when the village is unknown, then the grid name stays', () => {
    expect(gridTitle('第1网格', null)).toBe('第1网格')
  })
})

describe('rollupCoverage grid names', () => {
  it('when a village report lists its grids, then each grid is named with the village', () => {
    const regions = [
      { id: 'v', parentId: 't', level: 'village' as const, name: '东胜村' },
      { id: 'g1', parentId: 'v', level: 'grid' as const, name: '第1网格' },
    ]
    const report = rollupCoverage(regions, new Map([['g1', emptyCounts()]]), 'v')
    expect(report.children.map((c) => c.name)).toEqual(['东胜村第1网格'])
  })
})
