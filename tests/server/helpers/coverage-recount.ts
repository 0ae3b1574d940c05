import { sql, type Kysely } from 'kysely'
import type { DB } from '../../../server/src/db/schema'

type GridRow = Record<string, number | string>

/**
 * The grids' kept coverage counters beside the same figures counted afresh from `households`, row for row in grid
 * order: equal whenever the statement-level triggers kept them right. The 一老一小 tags are written out here, as the
 * independent count a test compares against (coverage.test.ts ties the trigger's tags to core's).
 */
export async function keptAndRecountedCoverage(db: Kysely<DB>, gridIds: readonly string[]): Promise<{ kept: GridRow[]; recount: GridRow[] }> {
  const ids = [...gridIds]
  const [kept, recount] = await Promise.all([
    sql<GridRow>`
      SELECT grid_id, households, visited, pledged, app_installed, call_warning_on, vulnerable, vulnerable_visited
      FROM grid_coverage WHERE grid_id = ANY(${ids}::text[]) ORDER BY grid_id`.execute(db),
    sql<GridRow>`
      SELECT r.id AS grid_id, count(h.id)::int AS households, count(h.first_visit_at)::int AS visited,
             count(h.pledged_at)::int AS pledged, count(*) FILTER (WHERE h.app_installed)::int AS app_installed,
             count(*) FILTER (WHERE h.call_warning_on)::int AS call_warning_on,
             count(*) FILTER (WHERE h.tags && ARRAY['一老一小', '独居老人'])::int AS vulnerable,
             count(*) FILTER (WHERE h.tags && ARRAY['一老一小', '独居老人'] AND h.first_visit_at IS NOT NULL)::int AS vulnerable_visited
      FROM regions r LEFT JOIN households h ON h.region_id = r.id
      WHERE r.id = ANY(${ids}::text[]) GROUP BY r.id ORDER BY r.id`.execute(db),
  ])
  return { kept: kept.rows, recount: recount.rows }
}
