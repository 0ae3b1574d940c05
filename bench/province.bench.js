// A province on one PostgreSQL: 38 counties (8 cities) of 30 towns × 10 villages × 4 grids, 3,000,000 households,
// 15,000,000 visits over the year, 3,000,000 opens of 1,140 bulletins, generated with set-based SQL into a fresh
// database. Times, from the counters: the coverage report of a county (GET /api/coverage on the real server), of a
// city and of the province, the monthly report of a county (GET /api/reports) and a bulletin's reach report
// (GET /api/bulletins/:id/reach). PROVINCE_SCALE (default 1) scales households, visits and opens, for a machine
// that cannot hold the full set; the figures say which scale ran. PROVINCE_KEEP=1 keeps the generated database
// (its URL is printed) for looking at query plans; drop it by hand afterwards.
//
// The region tree stops at the county (regions.level is county/town/village/grid, and a path starts with its
// county: core's countyIdOf), so there is no city or province region to ask the API for. The city and province
// reports run, in this process, as such a level would: the coverage repository's counters one row per county
// (countyCounts) and core's rollup, with the city and province rows put above the counties.
const pg = require('pg')
const { register } = require('tsx/cjs/api')
const { freshPgDatabase, startServer, signedInUser, round, timeGets } = require('./server-harness')

const SCALE = Number(process.env.PROVINCE_SCALE || 1)
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('PROVINCE_SCALE must be in (0, 1]')
const PROVINCE = '51'
const CITIES = 8
const COUNTIES = 38
const TOWNS_PER_COUNTY = 30
const VILLAGES_PER_TOWN = 10
const GRIDS_PER_VILLAGE = 4
const HOUSEHOLDS = Math.round(3_000_000 * SCALE)
const VISITS = Math.round(15_000_000 * SCALE)
/** Two households in three have been visited at least once; the rest are the gap list. */
const VISITED_HOUSEHOLDS = Math.round(HOUSEHOLDS * 2 / 3)
const OPENS = Math.round(3_000_000 * SCALE)
const BULLETINS_PER_COUNTY = 30
const GROUPS_PER_COUNTY = 3_000
const CHUNK = 1_000_000
const TIMED_REQUESTS = 7
const GOAL_MS = 500
/** Twelve months of visits end at this Beijing midnight; the monthly report is for the last full month. */
const DATA_END = '2026-12-01 00:00:00+08'
const REPORT_DATE = '2026-11-15'

const before = (daysExpr, minutesExpr) => `'${DATA_END}'::timestamptz - (${daysExpr}) * interval '1 day' - (${minutesExpr}) * interval '1 minute'`

/** County k (0-based) lies in city k % CITIES: codes 51cc and 51ccnn, as statistical codes nest. */
const cityOf = (k) => `${PROVINCE}${String((k % CITIES) + 1).padStart(2, '0')}`
const countyOf = (k) => `${cityOf(k)}${String(Math.floor(k / CITIES) + 1).padStart(2, '0')}`
const pathOfCounty = (k) => `/${countyOf(k)}/`

/**
 * Secondary indexes of the big tables are dropped during the bulk load and built again after it: building an
 * index once is much faster than keeping it through 15 million random-uuid inserts. Primary keys and unique
 * constraints stay, so the load is checked as the write path would be.
 */
async function withoutSecondaryIndexes(query, tables, load) {
  const { rows } = await query(`SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`, [tables])
  for (const r of rows) await query(`DROP INDEX ${r.name}`)
  await load()
  for (const r of rows) await query(r.def)
  return rows.length
}

async function generate(query, log) {
  await query("SET maintenance_work_mem = '512MB'")
  await query('SET synchronous_commit = off')
  const counties = Array.from({ length: COUNTIES }, (_, k) => ({ k, id: countyOf(k), path: pathOfCounty(k) }))
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id)
    SELECT id, NULL, 'county', '压测县' || k, path, id FROM unnest($1::text[], $2::text[], $3::int[]) AS c(id, path, k)`,
  [counties.map((c) => c.id), counties.map((c) => c.path), counties.map((c) => c.k)])
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id)
    SELECT r.id || lpad(t::text, 3, '0'), r.id, 'town', '第' || t || '镇', r.path || r.id || lpad(t::text, 3, '0') || '/', r.id
    FROM regions r CROSS JOIN generate_series(1, ${TOWNS_PER_COUNTY}) t WHERE r.level = 'county'`)
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id)
    SELECT r.id || lpad(v::text, 3, '0'), r.id, 'village', '第' || v || '村', r.path || r.id || lpad(v::text, 3, '0') || '/', r.county_id
    FROM regions r CROSS JOIN generate_series(1, ${VILLAGES_PER_TOWN}) v WHERE r.level = 'town'`)
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id)
    SELECT r.id || '-0' || g, r.id, 'grid', '第' || g || '网格', r.path || r.id || '-0' || g || '/', r.county_id
    FROM regions r CROSS JOIN generate_series(1, ${GRIDS_PER_VILLAGE}) g WHERE r.level = 'village'`)
  const worker = await signedInUser(query, 'grid_worker', counties[0].id)
  await query(`CREATE TEMP TABLE numbered_grids AS SELECT id, county_id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM regions WHERE level = 'grid'`)
  const { rows: [{ grids }] } = await query('SELECT count(*)::int AS grids FROM numbered_grids')
  log(`regions: ${COUNTIES} counties, ${grids} grids`)

  for (let lo = 0; lo < HOUSEHOLDS; lo += CHUNK) {
    await query(`INSERT INTO households (county_id, region_id, code, address, head_name, tags)
      SELECT g.county_id, g.id, 'P' || i, '测试路' || i || '号', '张建华',
             CASE WHEN i % 10 = 0 THEN ARRAY['一老一小'] WHEN i % 17 = 0 THEN ARRAY['独居老人'] ELSE '{}'::text[] END
      FROM generate_series(${lo}, ${Math.min(HOUSEHOLDS, lo + CHUNK) - 1}) i JOIN numbered_grids g ON g.n = i % ${grids}`)
    log(`households: ${Math.min(HOUSEHOLDS, lo + CHUNK)}`)
  }
  await query(`CREATE TEMP TABLE numbered_households AS SELECT id, county_id, region_id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM households`)
  await query('CREATE UNIQUE INDEX ON numbered_households (n)')
  await query('ANALYZE numbered_households')
  const visitIndexes = await withoutSecondaryIndexes(query, ['visits'], async () => {
    for (let lo = 0; lo < VISITS; lo += CHUNK) {
      await query(`INSERT INTO visits (id, county_id, household_id, grid_id, worker_id, visited_at, briefed, app_installed, call_warning_on, emergency_contact, elderly_child_reminded, note)
        SELECT gen_random_uuid(), h.county_id, h.id, h.region_id, $1, ${before('j % 365', 'j % 1440')}, true, j % 3 = 0, j % 4 = 0, j % 5 = 0, false, ''
        FROM generate_series(${lo}, ${Math.min(VISITS, lo + CHUNK) - 1}) j JOIN numbered_households h ON h.n = j % ${VISITED_HOUSEHOLDS}`, [worker.userId])
      log(`visits: ${Math.min(VISITS, lo + CHUNK)}`)
    }
  })
  log(`visits: ${visitIndexes} secondary indexes rebuilt`)
  // The write path's statement shape: households widen from their visits, the coverage trigger keeps the counters.
  await query(`UPDATE households h SET first_visit_at = v.first_at, last_visit_at = v.last_at, app_installed = v.app, call_warning_on = v.warning,
      pledged_at = CASE WHEN right(h.code, 1) IN ('0', '5') THEN v.last_at END
    FROM (SELECT household_id, min(visited_at) AS first_at, max(visited_at) AS last_at, bool_or(app_installed) AS app, bool_or(call_warning_on) AS warning
          FROM visits GROUP BY household_id) v
    WHERE h.id = v.household_id`)
  log('households: visit columns and coverage counters')

  await query(`INSERT INTO wechat_groups (county_id, opengid, name, tier, region_id, labelled_at)
    SELECT c.id, 'provG' || c.id || '-' || g, '村群' || g, CASE WHEN g < 50 THEN 1 ELSE 2 END, c.id, now()
    FROM regions c CROSS JOIN generate_series(0, ${GROUPS_PER_COUNTY - 1}) g WHERE c.level = 'county'`)
  await query(`INSERT INTO bulletins (county_id, region_id, bulletin_date, published_at, created_by)
    SELECT c.id, c.id, (date '2026-11-30' - i), ${before('i', '-480')}, $1
    FROM regions c CROSS JOIN generate_series(0, ${BULLETINS_PER_COUNTY - 1}) i WHERE c.level = 'county'`, [worker.userId])
  await query(`CREATE TEMP TABLE numbered_bulletins AS SELECT id, county_id, published_at, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM bulletins`)
  await query(`CREATE TEMP TABLE numbered_groups AS
    SELECT id, county_id, (row_number() OVER (PARTITION BY county_id ORDER BY id) - 1)::int AS n FROM wechat_groups`)
  await query('CREATE UNIQUE INDEX ON numbered_groups (county_id, n)')
  const { rows: [{ bulletins }] } = await query('SELECT count(*)::int AS bulletins FROM numbered_bulletins')
  // Each open goes to a group of the bulletin's own county; the statement trigger keeps the reach totals.
  const openIndexes = await withoutSecondaryIndexes(query, ['opens'], async () => {
    for (let lo = 0; lo < OPENS; lo += CHUNK) {
      await query(`INSERT INTO opens (bulletin_id, county_id, group_id, reader_key, scene, opened_at)
        SELECT b.id, b.county_id, g.id, 'd:' || (i / 3), 1044, b.published_at + (i % 720) * interval '1 minute'
        FROM generate_series(${lo}, ${Math.min(OPENS, lo + CHUNK) - 1}) i
        JOIN numbered_bulletins b ON b.n = i % ${bulletins}
        JOIN numbered_groups g ON g.county_id = b.county_id AND g.n = i % ${GROUPS_PER_COUNTY}`)
      log(`opens: ${Math.min(OPENS, lo + CHUNK)}`)
    }
  })
  log(`opens: ${openIndexes} secondary indexes rebuilt`)
  await query('VACUUM ANALYZE')
  await query('CHECKPOINT')
  return { grids, bulletins, counties }
}

/**
 * The coverage report above the counties, in this process, as a city or province level would answer it: one row
 * per county from the counters (CoverageRepo.countyCounts: grid_coverage summed per county, the 90-day figure
 * summed from the per-county day counters), the counties' names, and core's rollup with `roots` (the city and
 * province rows the region tree does not have) put above the counties.
 */
async function timeRollup(appDb, repo, core, countyIds, roots, rootId) {
  const parentOfCounty = (id) => (rootId === PROVINCE ? id.slice(0, 4) : rootId)
  const ms = []
  let report
  for (let i = 0; i < TIMED_REQUESTS + 2; i++) {
    const started = performance.now()
    const { firstDay } = core.recentVisitWindow(new Date())
    const [regions, counts] = await Promise.all([
      appDb.db.selectFrom('regions').select(['id', 'name']).where('id', 'in', countyIds).execute(),
      repo.countyCounts(countyIds, firstDay),
    ])
    const tree = [...roots, ...regions.map((r) => ({ id: r.id, parentId: parentOfCounty(r.id), level: 'county', name: r.name }))]
    report = core.rollupCoverage(tree, counts, rootId)
    if (i >= 2) ms.push(performance.now() - started)
  }
  ms.sort((a, b) => a - b)
  return { medianMs: round(ms[Math.floor(ms.length / 2)]), p95Ms: round(ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))]), report }
}

exports.run = async () => {
  const database = await freshPgDatabase('bench_province')
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  const query = (text, params) => client.query(text, params)
  const started = performance.now()
  const log = (what) => console.log(`  ${round((performance.now() - started) / 1000)} s  ${what}`)
  let server
  let appDb
  try {
    server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'off' }) // migrates the fresh database
    console.log(`generating a province at scale ${SCALE}: ${HOUSEHOLDS} households, ${VISITS} visits, ${OPENS} opens`)
    const { grids, bulletins, counties } = await generate(query, log)
    const generationSeconds = round((performance.now() - started) / 1000)
    const { rows: [size] } = await query(`SELECT pg_database_size(current_database())::bigint AS bytes,
      (SELECT count(*)::int FROM regions) AS regions`)

    // County: the real server, as a county admin sees it.
    const county = counties[0]
    const admin = await signedInUser(query, 'admin', county.id)
    const countyCoverage = await timeGets(`${server.base}/api/coverage?regionId=${county.id}`, admin.token, { times: TIMED_REQUESTS, warmUps: 2 })
    const monthly = await timeGets(`${server.base}/api/reports?regionId=${county.id}&period=month&date=${REPORT_DATE}`, admin.token, { times: TIMED_REQUESTS, warmUps: 2 })
    const { rows: [bulletin] } = await query(`SELECT b.id FROM bulletins b JOIN bulletin_reach_totals t ON t.bulletin_id = b.id
      WHERE b.county_id = $1 ORDER BY t.opens DESC LIMIT 1`, [county.id])
    const reach = await timeGets(`${server.base}/api/bulletins/${bulletin.id}/reach`, admin.token, { times: TIMED_REQUESTS, warmUps: 2 })

    // City and province: the same repository and rollup, in this process (see the top of the file).
    register()
    const { openDatabase } = require('../server/src/db/database')
    const { CoverageRepo } = require('../server/src/modules/coverage/repo')
    const { counterChecks } = require('../server/src/backup/integrity')
    const core = require('../src/core/coverage')
    appDb = await openDatabase({ url: database.url })
    const repo = new CoverageRepo(appDb.db)
    const city = cityOf(0)
    const cityRoots = [{ id: city, parentId: null, level: 'city', name: '压测市' }]
    const cityCoverage = await timeRollup(appDb, repo, core, counties.filter((c) => cityOf(c.k) === city).map((c) => c.id), cityRoots, city)
    const provinceRoots = [{ id: PROVINCE, parentId: null, level: 'province', name: '压测省' },
      ...Array.from({ length: CITIES }, (_, c) => ({ id: cityOf(c), parentId: PROVINCE, level: 'city', name: `压测市${c + 1}` }))]
    const provinceCoverage = await timeRollup(appDb, repo, core, counties.map((c) => c.id), provinceRoots, PROVINCE)
    // The county's row in its city's report, from the county counters, against the county's own report, from its grids.
    const countyInCity = cityCoverage.report.children.find((r) => r.regionId === county.id)
    const countyRowAgrees = core.COVERAGE_FIELDS.every((f) => countyInCity[f] === countyCoverage.body.region[f])

    const counters = await counterChecks(appDb.db)
    const { rows: [{ opens: countedOpens }] } = await query('SELECT sum(opens)::bigint AS opens FROM bulletin_reach_totals')
    const p = provinceCoverage.report.region
    const figures = {
      engine: 'PostgreSQL', scale: SCALE, fullSize: SCALE === 1,
      counties: COUNTIES, cities: CITIES, regions: size.regions, grids, households: HOUSEHOLDS, visits: VISITS, opens: OPENS, bulletins,
      generationSeconds, databaseBytes: Number(size.bytes), databaseGiB: round(Number(size.bytes) / 2 ** 30, 2), timedRequests: TIMED_REQUESTS,
      countyCoverageMedianMs: countyCoverage.medianMs, countyCoverageP95Ms: countyCoverage.p95Ms,
      cityCoverageMedianMs: cityCoverage.medianMs, cityCoverageP95Ms: cityCoverage.p95Ms,
      provinceCoverageMedianMs: provinceCoverage.medianMs, provinceCoverageP95Ms: provinceCoverage.p95Ms,
      countyMonthlyReportMedianMs: monthly.medianMs, countyMonthlyReportP95Ms: monthly.p95Ms,
      bulletinReachMedianMs: reach.medianMs, bulletinReachP95Ms: reach.p95Ms,
      measuredHow: {
        county: 'GET /api/coverage, /api/reports (month), /api/bulletins/:id/reach on the real server',
        cityAndProvince: 'CoverageRepo.countyCounts (grid_coverage and county_last_visit_days summed per county), the counties\' names and core rollupCoverage, in the bench process; the region tree has no city/province level',
      },
      province: { households: p.households, visited: p.visited, visited90d: p.visited90d, pledged: p.pledged, cities: provinceCoverage.report.children.length },
      countyMonth: { visits: monthly.body.current.doorToDoor.visits, householdsVisited: monthly.body.current.doorToDoor.householdsVisited },
      reach: { opens: reach.body.opens, uniqueReaders: reach.body.uniqueReaders },
      counters: Object.fromEntries(counters.map((c) => [c.counter, { mismatchedRows: c.mismatchedRows }])),
      countyRowFromDayCountersEqualsCountyReport: countyRowAgrees,
      countersEqualRecount: counters.every((c) => c.mismatchedRows === 0) && Number(countedOpens) === OPENS,
      goals: { reportMs: `≤ ${GOAL_MS}` },
    }
    figures.goalsMet = Object.fromEntries(['countyCoverage', 'cityCoverage', 'provinceCoverage', 'countyMonthlyReport', 'bulletinReach']
      .map((k) => [k, figures[`${k}MedianMs`] <= GOAL_MS]))
    console.log(`province at scale ${SCALE} generated in ${generationSeconds} s, database ${figures.databaseGiB} GiB`)
    for (const k of Object.keys(figures.goalsMet)) console.log(`  ${k}: median ${figures[`${k}MedianMs`]} ms, p95 ${figures[`${k}P95Ms`]} ms (goal ≤ ${GOAL_MS} ms)`)
    console.log(`  counters equal recount: ${figures.countersEqualRecount}; the province's row for a county equals its own report: ${countyRowAgrees}`)
    return figures
  } finally {
    await appDb?.close()
    await client.end()
    await server?.stop()
    if (process.env.PROVINCE_KEEP) console.log(`kept the province database: ${database.url}`)
    else await database.drop()
  }
}
