import { chinaDateOf } from './bulletins'
import { gridTitle, type RegionLevel } from './regions'
import { periodInstants } from './report-period'

export const COVERAGE_FIELDS = [
  'households', 'visited', 'visited90d', 'pledged', 'appInstalled', 'callWarningOn', 'vulnerable', 'vulnerableVisited',
] as const

/** The counters kept per grid, plus visits in the last 90 days counted at read time. */
export type CoverageCounts = Record<(typeof COVERAGE_FIELDS)[number], number>

/** One region's line of the report (the contract's CoverageRow). */
export type CoverageRollupRow = { regionId: string; name: string; level: RegionLevel } & CoverageCounts

/** A region's own line and one per child region (the contract's CoverageReport). */
export interface CoverageRollup {
  region: CoverageRollupRow
  children: CoverageRollupRow[]
}

export const RECENT_VISIT_DAYS = 90

export interface CoverageRegion {
  id: string
  parentId: string | null
  level: RegionLevel
  name: string
}

export const emptyCounts = (): CoverageCounts =>
  Object.fromEntries(COVERAGE_FIELDS.map((f) => [f, 0])) as CoverageCounts

/**
 * The "visited in the last 90 days" window: from the Beijing midnight that begins the day 90 days ago. Whole days,
 * so that a county's figure summed from its per-day counters equals its grids' figures counted from households.
 */
export function recentVisitWindow(now: Date): { since: Date; firstDay: string } {
  const firstDay = chinaDateOf(new Date(now.getTime() - RECENT_VISIT_DAYS * 24 * 3600_000))
  return { since: periodInstants({ from: firstDay, to: firstDay }).start, firstDay }
}

/** Whole-number percentage, 0 when there is nothing to cover (a new grid is not "100% covered"). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.floor((part * 100) / whole) : 0
}

/**
 * The report for `rootId`: its own row and one per child region, each the sum of the grids beneath it.
 * `regions` must hold the root and everything under it; grids missing from `gridCounts` count as empty.
 */
export function rollupCoverage(
  regions: readonly CoverageRegion[],
  gridCounts: ReadonlyMap<string, CoverageCounts>,
  rootId: string,
): CoverageRollup {
  const byId = new Map(regions.map((r) => [r.id, r]))
  const root = byId.get(rootId)
  if (!root) throw new Error(`region ${rootId} is not among the regions given`)
  const totals = new Map(regions.map((r) => [r.id, emptyCounts()]))
  for (const [gridId, counts] of gridCounts) {
    // Walk up from the grid to the root, adding into every region on the way.
    for (let region = byId.get(gridId); region; region = region.parentId === null ? undefined : byId.get(region.parentId)) {
      const sum = totals.get(region.id)!
      for (const f of COVERAGE_FIELDS) sum[f] += counts[f]
      if (region.id === rootId) break
    }
  }
  const nameOf = (r: CoverageRegion) => (r.level === 'grid' ? gridTitle(r.name, r.parentId === null ? null : byId.get(r.parentId)?.name) : r.name)
  const row = (r: CoverageRegion): CoverageRollupRow => ({ regionId: r.id, name: nameOf(r), level: r.level, ...totals.get(r.id)! })
  const children = regions.filter((r) => r.parentId === rootId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { region: row(root), children: children.map(row) }
}

/** One bar of a grid's progress: how many of how many, and the percentage. */
export interface ProgressBar {
  label: string
  part: number
  whole: number
  percent: number
}

/** A grid's quarter in three bars: visited and pledged against all households, 一老一小 visited against the vulnerable ones. */
export function progressBars(g: Pick<CoverageCounts, 'households' | 'visited' | 'pledged' | 'vulnerable' | 'vulnerableVisited'>): ProgressBar[] {
  const bar = (label: string, part: number, whole: number): ProgressBar => ({ label, part, whole, percent: percent(part, whole) })
  return [
    bar('本季度已走访', g.visited, g.households),
    bar('本季度已签承诺书', g.pledged, g.households),
    bar('一老一小已走访', g.vulnerableVisited, g.vulnerable),
  ]
}
