import { sql, type Kysely, type RawBuilder } from 'kysely'
import { countyIdOf, gridTitle, type RegionLevel } from '#core/regions'
import { emptyFacts, type ActivityRow, type DoorToDoorRow, type ReportFacts, type WarningRow } from '#core/reports'
import type { DB } from '../../db/schema'
import { likePrefix } from '../../plugins/scope-filter'

export interface ReportRegion {
  id: string
  name: string
  level: RegionLevel
  path: string
}

/** The two periods counted together: the previous one ends where the current one starts. */
export interface ReportWindow {
  /** Instants: [previousStart, start) is the previous period, [start, end) the current one. */
  previousStart: Date
  start: Date
  end: Date
  /** The same as Beijing dates, for tables keyed by day (quiz_date). */
  previousFrom: string
  from: string
  to: string
}

/** Which period a row falls in: 'c' current, 'p' previous. */
type Tagged<T> = T & { p: 'c' | 'p' }

/**
 * The report's counts, straight from the other modules' tables. Each query reads both periods at once over
 * the (county_id, time) indexes (the visits, the largest, one period each), joins regions by path prefix and
 * groups by the child region the row lies under, so a county report is a handful of grouped scans, not a query
 * per village. The queries are independent and run concurrently on PostgreSQL's pool (PGlite queues them).
 */
export class ReportsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findRegionPath = async (id: string): Promise<string | null> => (await this.region(id))?.path ?? null

  /** A grid is named with its village, as everywhere. */
  async region(id: string): Promise<ReportRegion | null> {
    const row = await this.db
      .selectFrom('regions')
      .leftJoin('regions as parent', 'parent.id', 'regions.parent_id')
      .select(['regions.id', 'regions.name', 'regions.level', 'regions.path', 'parent.name as parent_name'])
      .where('regions.id', '=', id)
      .executeTakeFirst()
    if (!row) return null
    const { parent_name: parentName, ...region } = row
    return { ...region, name: region.level === 'grid' ? gridTitle(region.name, parentName) : region.name, level: region.level as RegionLevel }
  }

  /** The region's children; grids named with their village, which is the region itself. */
  async children(id: string): Promise<{ id: string; name: string }[]> {
    const rows = await this.db
      .selectFrom('regions')
      .innerJoin('regions as parent', 'parent.id', 'regions.parent_id')
      .select(['regions.id', 'regions.name', 'regions.level', 'parent.name as parent_name'])
      .where('regions.parent_id', '=', id)
      .orderBy('regions.id')
      .execute()
    return rows.map((r) => ({ id: r.id, name: r.level === 'grid' ? gridTitle(r.name, r.parent_name) : r.name }))
  }

  /**
   * A county's month of visits is a quarter of a million rows to group by household, and its opens fifty thousand
   * to sort for distinct readers: with the default work_mem both spill to disk. The settings last for this
   * transaction only, set in one round trip; JIT compilation costs more than it saves on a query this size.
   */
  private withSortMemory<T>(query: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(trx)
      return query(trx)
    })
  }

  async facts(path: string, w: ReportWindow): Promise<{ current: ReportFacts; previous: ReportFacts }> {
    const q = new WindowQueries(path, w)
    const [visits, households, pledges, warnings, activities, quiz, bulletins, groups] = await Promise.all([
      Promise.all((['c', 'p'] as const).map((p) => this.withSortMemory((trx) => q.visits(trx, p)))).then((rows) => rows.flat()),
      q.households(this.db), q.pledges(this.db), q.warnings(this.db), q.activities(this.db), q.quiz(this.db),
      this.withSortMemory((trx) => q.bulletins(trx)), q.groupsRegistered(this.db),
    ])
    const split = (p: 'c' | 'p'): ReportFacts => {
      const of = <T extends { p: 'c' | 'p' }>(rows: T[]) => rows.filter((r) => r.p === p).map(({ p: _, ...rest }) => rest)
      const b = bulletins.find((r) => r.p === p)
      const z = quiz.find((r) => r.p === p)
      return {
        bulletins: { ...emptyFacts().bulletins, ...(b && { published: b.published, opens: b.opens, uniqueReaders: b.uniqueReaders, groupsReached: b.groupsReached }), groupsRegistered: groups },
        quiz: z ? { participants: z.participants, attempts: z.attempts, scoreSum: z.scoreSum, scored: z.scored, flagged: z.flagged } : emptyFacts().quiz,
        doorToDoor: [...households.map((h) => coverageIn(h, p)), ...of(visits), ...of(pledges)],
        warnings: of(warnings),
        activities: of(activities),
      }
    }
    return { current: split('c'), previous: split('p') }
  }
}

interface HouseholdCounts {
  regionId: string
  households: number
  /** Households first visited before the end of the current period, before its start, before the previous start. */
  beforeEnd: number
  beforeStart: number
  beforePreviousStart: number
}

/** Coverage at the ends of each period: the current period ends where the previous one ended being current. */
const coverageIn = (h: HouseholdCounts, p: 'c' | 'p'): Partial<DoorToDoorRow> & { regionId: string } => ({
  regionId: h.regionId,
  households: h.households,
  coveredAtEnd: p === 'c' ? h.beforeEnd : h.beforeStart,
  coveredAtStart: p === 'c' ? h.beforeStart : h.beforePreviousStart,
})

/** The SQL of one report window under one region path. */
class WindowQueries {
  private readonly county: string
  private readonly prefix: string

  constructor(private readonly path: string, private readonly w: ReportWindow) {
    this.county = countyIdOf(path)
    this.prefix = likePrefix(path)
  }

  /** The id of the child region a row's region path lies under; '' for rows on the region itself. */
  private child(pathColumn: string): RawBuilder<string> {
    return sql<string>`split_part(substr(${sql.ref(pathColumn)}, ${this.path.length + 1}::int), '/', 1)`
  }

  private period(timeColumn: string): RawBuilder<'c' | 'p'> {
    return sql<'c' | 'p'>`CASE WHEN ${sql.ref(timeColumn)} >= ${this.w.start} THEN 'c' ELSE 'p' END`
  }

  private inWindow(timeColumn: string): RawBuilder<boolean> {
    return sql<boolean>`${sql.ref(timeColumn)} >= ${this.w.previousStart} AND ${sql.ref(timeColumn)} < ${this.w.end}`
  }

  /** The row's region lies under the report's; a county's rows all do, and sparing them the check spares a probe per row. */
  private under(regionColumn: string): RawBuilder<boolean> {
    return this.path === `/${this.county}/`
      ? sql<boolean>`true`
      : sql<boolean>`${sql.ref(regionColumn)} IN (SELECT id FROM regions WHERE path LIKE ${this.prefix})`
  }

  /**
   * Coverage at the ends of the periods: each grid's counters hold the households and those ever visited as of
   * now; the households first visited since an instant are taken away to give the figure at that instant. Only
   * households first visited since the previous period began are read.
   */
  async households(db: Kysely<DB>): Promise<HouseholdCounts[]> {
    const { start, end, previousStart } = this.w
    const { rows } = await sql<HouseholdCounts>`
      SELECT ${this.child('r.path')} AS "regionId", sum(c.households)::int AS households,
             sum(c.visited - coalesce(v.since_end, 0))::int AS "beforeEnd",
             sum(c.visited - coalesce(v.since_start, 0))::int AS "beforeStart",
             sum(c.visited - coalesce(v.since_previous_start, 0))::int AS "beforePreviousStart"
      FROM grid_coverage c
      JOIN regions r ON r.id = c.grid_id
      LEFT JOIN (
        SELECT region_id,
               count(*) FILTER (WHERE first_visit_at >= ${end}) AS since_end,
               count(*) FILTER (WHERE first_visit_at >= ${start}) AS since_start,
               count(*) AS since_previous_start
        FROM households
        WHERE county_id = ${this.county} AND first_visit_at >= ${previousStart}
        GROUP BY region_id
      ) v ON v.region_id = c.grid_id
      WHERE c.county_id = ${this.county} AND r.path LIKE ${this.prefix}
      GROUP BY 1`.execute(db)
    return rows
  }

  /**
   * A household lies in one grid, so distinct households counted per grid add up to any parent: one hash pass
   * groups the period's visits by household (a sort per grid costs twice as much), a second adds them up per grid,
   * and only then are the grids' regions joined. One query per period, so that the two run on two cores.
   */
  async visits(db: Kysely<DB>, p: 'c' | 'p'): Promise<Tagged<Partial<DoorToDoorRow> & { regionId: string }>[]> {
    const [from, to] = p === 'c' ? [this.w.start, this.w.end] : [this.w.previousStart, this.w.start]
    const { rows } = await sql<Tagged<Pick<DoorToDoorRow, 'regionId' | 'householdsVisited' | 'visits' | 'appInstalled' | 'callWarningOn'>>>`
      SELECT ${this.child('r.path')} AS "regionId", ${p}::text AS p, sum(g.households)::int AS "householdsVisited",
             sum(g.n)::int AS visits, sum(g.app)::int AS "appInstalled", sum(g.call_warning)::int AS "callWarningOn"
      FROM (
        SELECT grid_id, count(*) AS households, sum(n) AS n, sum(app) AS app, sum(call_warning) AS call_warning
        FROM (
          SELECT grid_id, household_id, count(*) AS n, count(*) FILTER (WHERE app_installed) AS app,
                 count(*) FILTER (WHERE call_warning_on) AS call_warning
          FROM visits
          WHERE county_id = ${this.county} AND visited_at >= ${from} AND visited_at < ${to} AND ${this.under('grid_id')}
          GROUP BY grid_id, household_id
        ) h
        GROUP BY grid_id
      ) g
      JOIN regions r ON r.id = g.grid_id
      GROUP BY 1`.execute(db)
    return rows
  }

  async pledges(db: Kysely<DB>): Promise<Tagged<Pick<DoorToDoorRow, 'regionId' | 'pledgesSigned'>>[]> {
    const { rows } = await sql<Tagged<Pick<DoorToDoorRow, 'regionId' | 'pledgesSigned'>>>`
      SELECT ${this.child('r.path')} AS "regionId", ${this.period('s.signed_at')} AS p, count(*)::int AS "pledgesSigned"
      FROM pledges s JOIN regions r ON r.id = s.village_id
      WHERE s.county_id = ${this.county} AND ${this.inWindow('s.signed_at')} AND r.path LIKE ${this.prefix}
      GROUP BY 1, 2`.execute(db)
    return rows
  }

  /** In time: the first contact (or the finding that the resident cannot be reached) came by the deadline. */
  async warnings(db: Kysely<DB>): Promise<Tagged<WarningRow>[]> {
    const { rows } = await sql<Tagged<WarningRow>>`
      SELECT ${this.child('r.path')} AS "regionId", ${this.period('x.received_at')} AS p, x.risk_level AS "riskLevel",
             count(*)::int AS received,
             (count(*) FILTER (WHERE x.first_contact_at <= x.contact_due_at))::int AS "handledInTime",
             (count(*) FILTER (WHERE x.state = 'dissuaded'))::int AS dissuaded,
             (count(*) FILTER (WHERE x.state = 'defrauded'))::int AS defrauded,
             (count(*) FILTER (WHERE x.state = 'unreachable'))::int AS unreachable,
             (count(*) FILTER (WHERE x.state = 'false_alarm'))::int AS "falseAlarm",
             (count(*) FILTER (WHERE x.state IN ('pending', 'contacted')))::int AS open,
             coalesce(sum(x.amount_at_risk) FILTER (WHERE x.state = 'dissuaded'), 0)::float8 AS "lossPrevented",
             coalesce(sum(x.loss_amount) FILTER (WHERE x.state = 'defrauded'), 0)::float8 AS "lossSuffered"
      FROM warnings x JOIN regions r ON r.id = x.region_id
      WHERE x.county_id = ${this.county} AND ${this.inWindow('x.received_at')} AND r.path LIKE ${this.prefix}
      GROUP BY 1, 2, 3`.execute(db)
    return rows
  }

  async activities(db: Kysely<DB>): Promise<Tagged<ActivityRow>[]> {
    const { rows } = await sql<Tagged<ActivityRow>>`
      SELECT ${this.child('r.path')} AS "regionId", ${this.period('a.held_at')} AS p, a.kind,
             count(*)::int AS activities, coalesce(sum(a.attendance), 0)::int AS attendance
      FROM activities a JOIN regions r ON r.id = a.region_id
      WHERE a.county_id = ${this.county} AND ${this.inWindow('a.held_at')} AND r.path LIKE ${this.prefix}
      GROUP BY 1, 2, 3`.execute(db)
    return rows
  }

  /** Submitted attempts of the period's quiz days by residents of villages under the region. */
  async quiz(db: Kysely<DB>): Promise<Tagged<ReportFacts['quiz']>[]> {
    const { rows } = await sql<Tagged<ReportFacts['quiz']>>`
      SELECT CASE WHEN q.quiz_date >= ${this.w.from}::date THEN 'c' ELSE 'p' END AS p,
             count(DISTINCT q.user_id)::int AS participants, count(*)::int AS attempts,
             coalesce(sum(q.score), 0)::int AS "scoreSum", count(q.score)::int AS scored,
             (count(*) FILTER (WHERE q.flagged))::int AS flagged
      FROM quiz_attempts q JOIN regions r ON r.id = q.village_id
      WHERE q.county_id = ${this.county} AND q.quiz_date BETWEEN ${this.w.previousFrom}::date AND ${this.w.to}::date
        AND q.submitted_at IS NOT NULL AND r.path LIKE ${this.prefix}
      GROUP BY 1`.execute(db)
    return rows
  }

  /**
   * Bulletins published for the region, the station's above it or any below it; and the opens made in the
   * period, each counted where it happened: in its group's region when the group is labelled, else in the
   * bulletin's region. Readers and groups are distinct within each period; readers compared byte by byte (COLLATE
   * "C": the same equality, without the cost of the locale's sort order).
   */
  async bulletins(db: Kysely<DB>): Promise<Tagged<Omit<ReportFacts['bulletins'], 'groupsRegistered'>>[]> {
    const { rows } = await sql<Tagged<Omit<ReportFacts['bulletins'], 'groupsRegistered'>>>`
      WITH published AS (
        SELECT ${this.period('b.published_at')} AS p, count(*)::int AS n
        FROM bulletins b JOIN regions r ON r.id = b.region_id
        WHERE b.county_id = ${this.county} AND ${this.inWindow('b.published_at')} AND b.retracted_at IS NULL
          AND (r.path LIKE ${this.prefix} OR starts_with(${this.path}, r.path))
        GROUP BY 1
      ), opened AS (
        SELECT p, count(*)::int AS opens, count(DISTINCT reader_key COLLATE "C")::int AS readers,
               (count(DISTINCT group_id) FILTER (WHERE labelled))::int AS groups
        FROM (
          SELECT ${this.period('o.opened_at')} AS p, o.reader_key, o.group_id, g.tier IS NOT NULL AS labelled
          FROM opens o LEFT JOIN wechat_groups g ON g.id = o.group_id
          WHERE o.county_id = ${this.county} AND ${this.inWindow('o.opened_at')}
            AND CASE WHEN g.region_id IS NOT NULL
                     THEN g.region_id IN (SELECT id FROM regions WHERE path LIKE ${this.prefix})
                     ELSE o.bulletin_id IN (SELECT b.id FROM bulletins b JOIN regions r ON r.id = b.region_id
                                            WHERE b.county_id = ${this.county} AND r.path LIKE ${this.prefix}) END
        ) x
        GROUP BY 1
      )
      SELECT coalesce(x.p, o.p) AS p, coalesce(x.n, 0) AS published, coalesce(o.opens, 0) AS opens,
             coalesce(o.readers, 0) AS "uniqueReaders", coalesce(o.groups, 0) AS "groupsReached"
      FROM published x FULL JOIN opened o ON o.p = x.p`.execute(db)
    return rows
  }

  /** Labelled groups under the region now: registration has no history to look back on. */
  async groupsRegistered(db: Kysely<DB>): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM wechat_groups g JOIN regions r ON r.id = g.region_id
      WHERE g.county_id = ${this.county} AND g.tier IS NOT NULL AND r.path LIKE ${this.prefix}`.execute(db)
    return rows[0].n
  }
}
