import { sql, type Kysely } from 'kysely'
import { VULNERABLE_TAGS } from '#core/households'
import { verifyChain } from '#core/pledge-chain'
import type { DB } from '../db/schema'
import { PledgeRepo } from '../modules/pledges/repo'

/** Per village that has pledges or a chain head: whether its hash chain verifies (core's verifyChain). */
export async function chainResults(db: Kysely<DB>): Promise<Record<string, boolean>> {
  const { rows } = await sql<{ id: string }>`
    SELECT village_id AS id FROM pledge_chain_heads UNION SELECT DISTINCT village_id FROM pledges ORDER BY 1`.execute(db)
  const repo = new PledgeRepo(db)
  const results: Record<string, boolean> = {}
  for (const { id } of rows) {
    const { records, head } = await repo.chainOf(id)
    results[id] = verifyChain(id, records, head).ok
  }
  return results
}

/** A counter table kept by triggers, and how many of its rows differ from a recount of what it counts. */
export interface CounterCheck {
  counter: 'grid_coverage' | 'county_last_visit_days' | 'bulletin_reach_totals'
  mismatchedRows: number
}

/**
 * Recounts what the statement triggers keep: per grid, households and their visit/pledge/app/warning/vulnerable
 * counts (migrations 002, 008); per county and Beijing day, households last visited that day (migration 015);
 * per bulletin, opens and distinct readers (migration 011). Rows of zeros are left when everything a counter
 * counted was deleted, and equal "nothing" in the recount.
 */
export async function counterChecks(db: Kysely<DB>): Promise<CounterCheck[]> {
  const vulnerable = sql`${sql.val([...VULNERABLE_TAGS])}::text[]`
  const { rows: [coverage] } = await sql<{ n: number }>`
    WITH recount AS (
      SELECT region_id AS grid_id, count(*)::int AS households, count(first_visit_at)::int AS visited, count(pledged_at)::int AS pledged,
             (count(*) FILTER (WHERE app_installed))::int AS app_installed, (count(*) FILTER (WHERE call_warning_on))::int AS call_warning_on,
             (count(*) FILTER (WHERE tags && ${vulnerable}))::int AS vulnerable,
             (count(*) FILTER (WHERE tags && ${vulnerable} AND first_visit_at IS NOT NULL))::int AS vulnerable_visited
        FROM households GROUP BY region_id),
    kept AS (
      SELECT grid_id, households, visited, pledged, app_installed, call_warning_on, vulnerable, vulnerable_visited FROM grid_coverage
       WHERE (households, visited, pledged, app_installed, call_warning_on, vulnerable, vulnerable_visited) <> (0, 0, 0, 0, 0, 0, 0))
    SELECT ((SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) a)
          + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) b))::int AS n`.execute(db)
  const { rows: [lastVisits] } = await sql<{ n: number }>`
    WITH recount AS (
      SELECT county_id, ((last_visit_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, count(*)::int AS households
        FROM households WHERE last_visit_at IS NOT NULL GROUP BY 1, 2),
    kept AS (SELECT county_id, day, households FROM county_last_visit_days WHERE households <> 0)
    SELECT ((SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) a)
          + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) b))::int AS n`.execute(db)
  const { rows: [reach] } = await sql<{ n: number }>`
    WITH recount AS (SELECT bulletin_id, count(*)::int AS opens, count(DISTINCT reader_key)::int AS readers FROM opens GROUP BY bulletin_id),
    kept AS (SELECT bulletin_id, opens, readers FROM bulletin_reach_totals WHERE (opens, readers) <> (0, 0))
    SELECT ((SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) a)
          + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) b))::int AS n`.execute(db)
  return [
    { counter: 'grid_coverage', mismatchedRows: coverage.n },
    { counter: 'county_last_visit_days', mismatchedRows: lastVisits.n },
    { counter: 'bulletin_reach_totals', mismatchedRows: reach.n },
  ]
}
