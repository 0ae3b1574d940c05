import { sql, type Kysely } from 'kysely'
import { emptyCounts, type CoverageCounts, type CoverageRegion } from '#core/coverage'
import { VULNERABLE_TAGS } from '#core/households'
import type { DB } from '../../db/schema'
import { likePrefix, pathUnderAny } from '../../plugins/scope-filter'
import type { HouseholdRecord } from '../households/repo'
import { selectHouseholdRecords, toHouseholdRecord } from '../households/household-records'
import { regionPathOf } from '../../db/region-path'

/** A grid's quarter as counted in SQL; the name is not yet joined to its village's. */
export interface GridQuarterRow {
  gridId: string
  gridName: string
  villageName: string | null
  households: number
  visited: number
  pledged: number
  vulnerable: number
  vulnerableVisited: number
}

export class CoverageRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findRegionPath = (id: string): Promise<string | null> => regionPathOf(this.db, id)

  /** The regions under the path, and the one just above it: a grid's report is named with its village. */
  async regionsUnder(path: string): Promise<CoverageRegion[]> {
    const parentId = path.split('/').filter(Boolean).at(-2)
    const rows = await this.db.selectFrom('regions').select(['id', 'parent_id', 'level', 'name'])
      .where((eb) => (parentId ? eb.or([eb('path', 'like', likePrefix(path)), eb('id', '=', parentId)]) : eb('path', 'like', likePrefix(path))))
      .execute()
    return rows.map((r) => ({ id: r.id, parentId: r.parent_id, level: r.level, name: r.name }))
  }

  /**
   * Each grid's counters under the path: the kept ones from grid_coverage, and visits in the last 90 days
   * counted from households.last_visit_at over the (region_id, last_visit_at) index, grid by grid.
   */
  async gridCountsUnder(path: string, recentSince: Date): Promise<Map<string, CoverageCounts>> {
    const [kept, recent] = await Promise.all([
      this.db
        .selectFrom('grid_coverage')
        .innerJoin('regions', 'regions.id', 'grid_coverage.grid_id')
        .selectAll('grid_coverage')
        .where('regions.path', 'like', likePrefix(path))
        .execute(),
      this.db
        .selectFrom('regions')
        .innerJoinLateral(
          (eb) => eb.selectFrom('households').select(sql<number>`count(*)::int`.as('n'))
            .whereRef('households.region_id', '=', 'regions.id').where('households.last_visit_at', '>=', recentSince).as('recent'),
          (join) => join.onTrue(),
        )
        .select(['regions.id', 'recent.n'])
        .where('regions.path', 'like', likePrefix(path))
        .where('regions.level', '=', 'grid')
        .execute(),
    ])
    const counts = new Map<string, CoverageCounts>()
    for (const g of kept) {
      counts.set(g.grid_id, {
        ...emptyCounts(), households: g.households, visited: g.visited, pledged: g.pledged, appInstalled: g.app_installed,
        callWarningOn: g.call_warning_on, vulnerable: g.vulnerable, vulnerableVisited: g.vulnerable_visited,
      })
    }
    for (const r of recent) {
      if (r.n > 0) counts.set(r.id, { ...(counts.get(r.id) ?? emptyCounts()), visited90d: r.n })
    }
    return counts
  }

  /**
   * Each county's counters, one row per county, for a report above the counties (a city's, a province's): the kept
   * ones summed from grid_coverage, and the households last visited on or after `firstDay` (a Beijing date) summed
   * from the per-day counter, so that no household is read.
   */
  async countyCounts(countyIds: readonly string[], firstDay: string): Promise<Map<string, CoverageCounts>> {
    if (countyIds.length === 0) return new Map()
    const ids = [...countyIds]
    const [kept, recent] = await Promise.all([
      this.db
        .selectFrom('grid_coverage')
        .select((eb) => [
          'county_id',
          eb.fn.sum<string>('households').as('households'), eb.fn.sum<string>('visited').as('visited'),
          eb.fn.sum<string>('pledged').as('pledged'), eb.fn.sum<string>('app_installed').as('app_installed'),
          eb.fn.sum<string>('call_warning_on').as('call_warning_on'), eb.fn.sum<string>('vulnerable').as('vulnerable'),
          eb.fn.sum<string>('vulnerable_visited').as('vulnerable_visited'),
        ])
        .where('county_id', 'in', ids)
        .groupBy('county_id')
        .execute(),
      this.db
        .selectFrom('county_last_visit_days')
        .select((eb) => ['county_id', eb.fn.sum<string>('households').as('n')])
        .where('county_id', 'in', ids)
        .where('day', '>=', firstDay)
        .groupBy('county_id')
        .execute(),
    ])
    const counts = new Map<string, CoverageCounts>(ids.map((id) => [id, emptyCounts()]))
    for (const c of kept) {
      Object.assign(counts.get(c.county_id)!, {
        households: Number(c.households), visited: Number(c.visited), pledged: Number(c.pledged), appInstalled: Number(c.app_installed),
        callWarningOn: Number(c.call_warning_on), vulnerable: Number(c.vulnerable), vulnerableVisited: Number(c.vulnerable_visited),
      })
    }
    for (const r of recent) counts.get(r.county_id)!.visited90d = Number(r.n)
    return counts
  }

  /**
   * The grids' households and 一老一小 from the kept counters; visited and signed since `since`, counted per grid:
   * a household's last visit is after the start exactly when it was visited in the quarter (visits are never dated
   * ahead), which the (region_id, last_visit_at) index answers; pledges go through their household index.
   */
  async gridQuarter(gridIds: readonly string[], since: Date): Promise<GridQuarterRow[]> {
    if (gridIds.length === 0) return []
    const vulnerable = sql<boolean>`households.tags && ${sql.val([...VULNERABLE_TAGS])}::text[]`
    const rows = await this.db
      .selectFrom('regions')
      .leftJoin('regions as village', 'village.id', 'regions.parent_id')
      .leftJoin('grid_coverage', 'grid_coverage.grid_id', 'regions.id')
      .select((eb) => [
        'regions.id', 'regions.name', 'village.name as village_name',
        sql<number>`coalesce(grid_coverage.households, 0)`.as('households'),
        sql<number>`coalesce(grid_coverage.vulnerable, 0)`.as('vulnerable'),
        eb.selectFrom('households').select(sql<number>`count(*)::int`.as('n'))
          .whereRef('households.region_id', '=', 'regions.id').where('households.last_visit_at', '>=', since).as('visited'),
        eb.selectFrom('households').select(sql<number>`count(*)::int`.as('n'))
          .whereRef('households.region_id', '=', 'regions.id').where('households.last_visit_at', '>=', since).where(vulnerable)
          .as('vulnerable_visited'),
        eb.selectFrom('households').select(sql<number>`count(*)::int`.as('n'))
          .whereRef('households.region_id', '=', 'regions.id')
          .where((w) => w.exists(w.selectFrom('pledges').select('pledges.id')
            .whereRef('pledges.household_id', '=', 'households.id').where('pledges.signed_at', '>=', since)))
          .as('pledged'),
      ])
      .where('regions.id', 'in', [...gridIds])
      .where('regions.level', '=', 'grid')
      .orderBy('regions.id')
      .execute()
    return rows.map((r) => ({
      gridId: r.id, gridName: r.name, villageName: r.village_name, households: r.households, visited: r.visited ?? 0,
      pledged: r.pledged ?? 0, vulnerable: r.vulnerable, vulnerableVisited: r.vulnerable_visited ?? 0,
    }))
  }

  /** Households never visited, under any of the paths, in code order. */
  async gapsUnder(paths: readonly string[], page: { limit: number; offset: number }): Promise<HouseholdRecord[]> {
    const rows = await selectHouseholdRecords(this.db)
      .where(pathUnderAny('regions.path', paths))
      .where('households.first_visit_at', 'is', null)
      .orderBy('households.code')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    return rows.map(toHouseholdRecord)
  }

  async countGapsUnder(paths: readonly string[]): Promise<number> {
    const row = await this.db
      .selectFrom('households')
      .innerJoin('regions', 'regions.id', 'households.region_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(pathUnderAny('regions.path', paths))
      .where('households.first_visit_at', 'is', null)
      .executeTakeFirstOrThrow()
    return row.n
  }
}
