// Coverage rollup: GET /api/coverage for the whole county over 300,000 households and 1,500,000 visits across
// the 30 towns / 301 villages of 江津 with 4 generated grids each, on PostgreSQL and on PGlite, served by the
// real server. The data is generated in SQL through the normal write path (the coverage trigger keeps the
// per-grid counters), and the counters are then checked against a recount from households.
const { mkdtempSync, rmSync } = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const pg = require('pg')
const { insertRegions, jiangjinRegions } = require('./lib')
const { freshPgDatabase, startServer, signedInUser, round, timeGets } = require('./server-harness')

const HOUSEHOLDS = 300_000
const VISITS = 1_500_000
// PGlite generates rows single-threaded in WASM (about two minutes for the full set); BENCH_PGLITE_VISITS
// lowers it while working on the benchmark itself.
const PGLITE_VISITS = Number(process.env.BENCH_PGLITE_VISITS || VISITS)
const VISITED_HOUSEHOLDS = 200_000
const GRIDS_PER_VILLAGE = 4
const TIMED_REQUESTS = 20

/** Statements that fill a migrated database; `query(text, params)` runs one. */
async function generate(query, visits) {
  const regions = jiangjinRegions(GRIDS_PER_VILLAGE)
  await insertRegions(query, regions, '500116')
  const grids = regions.filter((r) => r.level === 'grid').length
  const { userId, token } = await signedInUser(query, 'admin', '500116')
  await query(`CREATE TEMP TABLE numbered_grids AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM regions WHERE level = 'grid'`)
  await query(`INSERT INTO households (county_id, region_id, code, address, head_name, tags)
    SELECT '500116', g.id, 'B' || i, '测试路' || i || '号', '张建华',
           CASE WHEN i % 10 = 0 THEN ARRAY['一老一小'] WHEN i % 17 = 0 THEN ARRAY['独居老人'] WHEN i % 23 = 0 THEN ARRAY['新市民'] ELSE '{}'::text[] END
    FROM generate_series(0, ${HOUSEHOLDS - 1}) i JOIN numbered_grids g ON g.n = i % ${grids}`)
  await query(`CREATE TEMP TABLE numbered_households AS SELECT id, region_id, (row_number() OVER (ORDER BY code) - 1)::int AS n FROM households`)
  await query(`INSERT INTO visits (id, county_id, household_id, grid_id, worker_id, visited_at, briefed, app_installed, call_warning_on, emergency_contact, elderly_child_reminded, note)
    SELECT gen_random_uuid(), '500116', h.id, h.region_id, $1, now() - (j % 400) * interval '1 day' - (j % 1440) * interval '1 minute',
           true, j % 3 = 0, j % 4 = 0, j % 5 = 0, false, ''
    FROM generate_series(0, ${visits - 1}) j JOIN numbered_households h ON h.n = j % ${VISITED_HOUSEHOLDS}`, [userId])
  // The write path's own statement shape: households widen from their visits, the trigger keeps the counters.
  await query(`UPDATE households h SET first_visit_at = v.first_at, last_visit_at = v.last_at, app_installed = v.app, call_warning_on = v.warning,
      pledged_at = CASE WHEN right(h.code, 1) IN ('0', '5') THEN v.last_at END
    FROM (SELECT household_id, min(visited_at) AS first_at, max(visited_at) AS last_at, bool_or(app_installed) AS app, bool_or(call_warning_on) AS warning
          FROM visits GROUP BY household_id) v
    WHERE h.id = v.household_id`)
  await query('VACUUM ANALYZE')
  // The bulk load's dirty pages are written now, not by the checkpointer while the clock runs.
  await query('CHECKPOINT')
  return { token, grids }
}

const MISMATCHES = `
  WITH recount AS (
    SELECT region_id AS grid_id, count(*)::int AS households, count(first_visit_at)::int AS visited, count(pledged_at)::int AS pledged,
           (count(*) FILTER (WHERE app_installed))::int AS app_installed, (count(*) FILTER (WHERE call_warning_on))::int AS call_warning_on,
           (count(*) FILTER (WHERE tags && ARRAY['一老一小', '独居老人']))::int AS vulnerable,
           (count(*) FILTER (WHERE tags && ARRAY['一老一小', '独居老人'] AND first_visit_at IS NOT NULL))::int AS vulnerable_visited
    FROM households GROUP BY region_id),
  kept AS (SELECT grid_id, households, visited, pledged, app_installed, call_warning_on, vulnerable, vulnerable_visited FROM grid_coverage WHERE households <> 0)
  SELECT (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) a)::int + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) b)::int AS n`

const timeReport = (base, token) => timeGets(`${base}/api/coverage`, token, { times: TIMED_REQUESTS, warmUps: 3 })

function summary(engine, visits, generationSeconds, timing, mismatches, grids) {
  const r = timing.body.region
  return {
    engine, households: r.households, visits, grids, towns: timing.body.children.length, generationSeconds,
    countyReportMedianMs: timing.medianMs, countyReportP95Ms: timing.p95Ms,
    counters: { visited: r.visited, visited90d: r.visited90d, pledged: r.pledged, vulnerable: r.vulnerable },
    countersEqualRecount: mismatches === 0, mismatchedGrids: mismatches,
  }
}

async function onPostgres() {
  const database = await freshPgDatabase('bench_coverage')
  const server = await startServer({ DATABASE_URL: database.url })
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    const started = performance.now()
    const { token, grids } = await generate((text, params) => client.query(text, params), VISITS)
    const generationSeconds = round((performance.now() - started) / 1000)
    const timing = await timeReport(server.base, token)
    const { rows: [{ n }] } = await client.query(MISMATCHES)
    return summary('PostgreSQL', VISITS, generationSeconds, timing, n, grids)
  } finally {
    await client.end()
    await server.stop()
    await database.drop()
  }
}

async function onPGlite() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xuanfang-coverage-'))
  try {
    await (await startServer({ DATA_DIR: dir, DATABASE_URL: '' })).stop() // migrates the folder
    const { PGlite } = await import('@electric-sql/pglite')
    const db = await PGlite.create(dir)
    const started = performance.now()
    const { token, grids } = await generate((text, params) => db.query(text, params), PGLITE_VISITS)
    const generationSeconds = round((performance.now() - started) / 1000)
    const { rows: [{ n }] } = await db.query(MISMATCHES)
    await db.close()
    const server = await startServer({ DATA_DIR: dir, DATABASE_URL: '' })
    try {
      return summary('PGlite', PGLITE_VISITS, generationSeconds, await timeReport(server.base, token), n, grids)
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

exports.run = async () => {
  const postgres = await onPostgres()
  console.log(`PostgreSQL: county report over ${postgres.households} households / ${postgres.visits} visits / ${postgres.grids} grids: median ${postgres.countyReportMedianMs} ms, p95 ${postgres.countyReportP95Ms} ms (goal ≤ 200 ms); counters equal recount: ${postgres.countersEqualRecount}; generated in ${postgres.generationSeconds} s`)
  const pglite = await onPGlite()
  console.log(`PGlite: county report over ${pglite.households} households / ${pglite.visits} visits: median ${pglite.countyReportMedianMs} ms, p95 ${pglite.countyReportP95Ms} ms (goal ≤ 400 ms); counters equal recount: ${pglite.countersEqualRecount}; generated in ${pglite.generationSeconds} s`)
  return { postgres, pglite, goals: { postgresMs: '≤ 200', pgliteMs: '≤ 400' } }
}
