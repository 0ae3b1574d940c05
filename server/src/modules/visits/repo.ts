import { sql, type Insertable, type Kysely } from 'kysely'
import { VISIT_TASK_DONE_BY_VISIT_NOTE } from '#core/visit-tasks'
import { CHECKLIST_COLUMNS } from '../../db/checklist-columns'
import { ItemFailure, writeIsolated } from '../../db/isolate-failures'
import type { DB, VisitsTable } from '../../db/schema'

export interface VisitedHousehold {
  id: string
  countyId: string
  gridId: string
  regionPath: string
}

export type NewVisit = Insertable<VisitsTable>

export type VisitWriteOutcome = 'stored' | 'duplicate' | 'misplaced'

/** What the visit use case needs of storage: this SQL repository, or it wrapped in batching (batching-visit-repo.ts). */
export interface VisitRepository {
  /** The households of these ids, in the order given; null where there is none. */
  householdsByIds(ids: readonly string[]): Promise<(VisitedHousehold | null)[]>
  /** Stores each visit not stored before (see storeAndApply); a visit the database refuses on its own fails alone. */
  insertIdempotent(rows: readonly NewVisit[]): Promise<PromiseSettledResult<VisitWriteOutcome>[]>
}

export class VisitRepo implements VisitRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async householdsByIds(ids: readonly string[]): Promise<(VisitedHousehold | null)[]> {
    const found = await this.findHouseholds([...new Set(ids)])
    return ids.map((id) => found.get(id) ?? null)
  }

  async insertIdempotent(rows: readonly NewVisit[]): Promise<PromiseSettledResult<VisitWriteOutcome>[]> {
    const results = await writeIsolated([...rows], (batch) => this.store(batch))
    return results.map((r) => (r instanceof ItemFailure ? { status: 'rejected', reason: r.error } : { status: 'fulfilled', value: r }))
  }

  /** One statement for all the rows. The same id twice is a retry racing its original: the first one is the visit. */
  async store(rows: readonly NewVisit[]): Promise<VisitWriteOutcome[]> {
    const seen = new Set<string>()
    const firsts = rows.map((row) => {
      if (seen.has(row.id)) return false
      seen.add(row.id)
      return true
    })
    const outcomes = await this.storeAndApply(rows.filter((_, i) => firsts[i]))
    return rows.map((row, i) => (firsts[i] && outcomes.get(row.id)) || 'duplicate')
  }

  /** The households visited, with the region path the scope check needs. */
  private async findHouseholds(ids: readonly string[]): Promise<Map<string, VisitedHousehold>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('households')
      .innerJoin('regions', 'regions.id', 'households.region_id')
      .select(['households.id', 'households.county_id', 'households.region_id', 'regions.path'])
      .where('households.id', '=', sql<string>`ANY(${[...ids]}::uuid[])`)
      .execute()
    return new Map(rows.map((r) => [r.id, { id: r.id, countyId: r.county_id, gridId: r.region_id, regionPath: r.path }]))
  }

  /**
   * Stores the visits not stored before and folds exactly those into their households, in one statement:
   * first and last visit widen, and the APP / 来电预警 flags only ever turn on. The coverage trigger follows
   * each changed household. A visit is stored only if its household is still in the grid the visit names
   * (the caller may have checked scope against a remembered household); those that are not come back
   * `misplaced`. A household's open door-visit task set before the visit is closed by it, with the visit's time
   * and worker. Answers the ids stored or misplaced; any other id was stored before: a retried visit stays
   * as first stored. One statement is one transaction and one round trip, so a flush holds its household and
   * counter locks only for the time PostgreSQL needs to write it.
   */
  async storeAndApply(visits: readonly NewVisit[]): Promise<Map<string, 'stored' | 'misplaced'>> {
    if (visits.length === 0) return new Map()
    const column = <K extends keyof NewVisit>(key: K) => visits.map((v) => v[key] ?? null)
    const checklist = sql.join(CHECKLIST_COLUMNS.map((c) => sql.ref(c)))
    const { rows } = await sql<{ id: string; outcome: 'stored' | 'misplaced' }>`
      WITH input AS (
        SELECT u.*, h.id IS NOT NULL AS placed
        FROM unnest(
          ${column('id')}::uuid[], ${column('county_id')}::text[], ${column('household_id')}::uuid[], ${column('grid_id')}::text[],
          ${column('worker_id')}::uuid[], ${column('visited_at')}::timestamptz[], ${column('note')}::text[], ${column('geo_lat')}::float8[],
          ${column('geo_lng')}::float8[], ${sql.join(CHECKLIST_COLUMNS.map((c) => sql`${column(c)}::boolean[]`))})
          AS u (id, county_id, household_id, grid_id, worker_id, visited_at, note, geo_lat, geo_lng, ${checklist})
        LEFT JOIN households h ON h.id = u.household_id AND h.region_id = u.grid_id AND h.county_id = u.county_id
      ), stored AS (
        INSERT INTO visits (id, county_id, household_id, grid_id, worker_id, visited_at, note, geo_lat, geo_lng, ${checklist})
        SELECT id, county_id, household_id, grid_id, worker_id, visited_at, note, geo_lat, geo_lng, ${checklist}
        FROM input WHERE placed
        ON CONFLICT (id) DO NOTHING
        RETURNING id, household_id, worker_id, visited_at, app_installed, call_warning_on
      ), per_household AS (
        SELECT household_id, min(visited_at) AS first_at, max(visited_at) AS last_at,
               (array_agg(worker_id ORDER BY visited_at DESC))[1] AS last_worker,
               bool_or(app_installed) AS app_installed, bool_or(call_warning_on) AS call_warning_on
        FROM stored GROUP BY household_id
      ), applied AS (
        UPDATE households h SET
          first_visit_at  = LEAST(h.first_visit_at, v.first_at),
          last_visit_at   = GREATEST(h.last_visit_at, v.last_at),
          app_installed   = h.app_installed OR v.app_installed,
          call_warning_on = h.call_warning_on OR v.call_warning_on,
          updated_at      = now()
        FROM per_household v
        WHERE h.id = v.household_id
      ), tasks_done AS (
        UPDATE visit_tasks t SET done_at = v.last_at, done_by = v.last_worker, done_note = ${VISIT_TASK_DONE_BY_VISIT_NOTE}
        FROM per_household v
        WHERE t.household_id = v.household_id AND t.done_at IS NULL AND t.created_at <= v.last_at
      )
      SELECT id, 'stored' AS outcome FROM stored
      UNION ALL
      SELECT id, 'misplaced' FROM input WHERE NOT placed`.execute(this.db)
    return new Map(rows.map((r) => [r.id, r.outcome]))
  }
}
