// Monthly county report: GET /api/reports and /api/reports/export.xlsx for the whole of 江津 (30 towns, 301
// villages, 4 generated grids each) over 300,000 households, 1,500,000 visits across 12 months, 20,000 warnings,
// 2,000 activities, pledges, quiz attempts, bulletins and their opens, on PostgreSQL, served by the real server.
// The data is generated in SQL with generate_series into a fresh database.
const pg = require('pg')
const { insertRegions, jiangjinRegions } = require('./lib')
const { PG_URL, freshPgDatabase, startServer, signedInUser, round, timeGets } = require('./server-harness')

const HOUSEHOLDS = 300_000
const VISITS = 1_500_000
const VISITED_HOUSEHOLDS = 220_000
const WARNINGS = 20_000
const ACTIVITIES = 2_000
const PLEDGES = 60_000
const QUIZ_USERS = 10_000
const QUIZ_DAYS_PER_USER = 10
const BULLETINS = 365
const OPENS = 300_000
const GROUPS = 3_000
const GRIDS_PER_VILLAGE = 4
const TIMED_REQUESTS = 7
const COUNTY = '500116'
/** Twelve months of data end at this Beijing midnight; the report is for the last full month. */
const DATA_END = '2026-12-01 00:00:00+08'
const REPORT_QUERY = `regionId=${COUNTY}&period=month&date=2026-11-15`
const GOALS = { reportMs: 500, xlsxMs: 3000 }

/** An instant `daysExpr` days (plus some minutes) before the end of the data, spread over the year. */
const before = (daysExpr, minutesExpr) => `'${DATA_END}'::timestamptz - (${daysExpr}) * interval '1 day' - (${minutesExpr}) * interval '1 minute'`

async function generate(query) {
  await insertRegions(query, jiangjinRegions(GRIDS_PER_VILLAGE), COUNTY)
  const { userId, token } = await signedInUser(query, 'admin', COUNTY)
  await query(`CREATE TEMP TABLE numbered_grids AS SELECT id, parent_id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM regions WHERE level = 'grid'`)
  await query(`CREATE TEMP TABLE numbered_villages AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM regions WHERE level = 'village'`)
  const { rows: [{ grids, villages }] } = await query(`SELECT (SELECT count(*) FROM numbered_grids)::int AS grids, (SELECT count(*) FROM numbered_villages)::int AS villages`)

  await query(`INSERT INTO households (county_id, region_id, code, address, head_name, tags)
    SELECT '${COUNTY}', g.id, 'R' || i, '测试路' || i || '号', '张建华', '{}'::text[]
    FROM generate_series(0, ${HOUSEHOLDS - 1}) i JOIN numbered_grids g ON g.n = i % ${grids}`)
  await query(`CREATE TEMP TABLE numbered_households AS
    SELECT h.id, h.region_id, g.parent_id AS village_id, (row_number() OVER (ORDER BY h.code) - 1)::int AS n
    FROM households h JOIN numbered_grids g ON g.id = h.region_id`)
  await query(`INSERT INTO visits (id, county_id, household_id, grid_id, worker_id, visited_at, briefed, app_installed, call_warning_on, emergency_contact, elderly_child_reminded, note)
    SELECT gen_random_uuid(), '${COUNTY}', h.id, h.region_id, $1, ${before('j % 365', 'j % 1440')}, true, j % 3 = 0, j % 4 = 0, j % 5 = 0, false, ''
    FROM generate_series(0, ${VISITS - 1}) j JOIN numbered_households h ON h.n = j % ${VISITED_HOUSEHOLDS}`, [userId])
  await query(`UPDATE households h SET first_visit_at = v.first_at, last_visit_at = v.last_at, app_installed = v.app, call_warning_on = v.warning
    FROM (SELECT household_id, min(visited_at) AS first_at, max(visited_at) AS last_at, bool_or(app_installed) AS app, bool_or(call_warning_on) AS warning
          FROM visits GROUP BY household_id) v
    WHERE h.id = v.household_id`)
  await query(`INSERT INTO pledges (id, county_id, village_id, household_id, template_version, template_sha256, signer_name, signer_relation, strokes,
      worker_id, signed_at, chain_seq, prev_hash, record_hash)
    SELECT gen_random_uuid(), '${COUNTY}', h.village_id, h.id, 1, 'x', '王秀英', '户主', '', $1, ${before('i % 365', 'i % 600')}, i, 'x', 'x'
    FROM generate_series(0, ${PLEDGES - 1}) i JOIN numbered_households h ON h.n = i * 3`, [userId])
  await query(`INSERT INTO warnings (county_id, region_id, resident_name, phone_enc, phone_last4, fraud_type, risk_level, source, amount_at_risk,
      received_at, contact_due_at, state, first_contact_at, closed_at, loss_amount, created_by)
    SELECT '${COUNTY}', CASE WHEN i % 2 = 0 THEN v.id ELSE v.id || '-01' END, '李大妈', 'x', '1234', 'rebate_task',
           (ARRAY['high', 'medium', 'low'])[i % 3 + 1], 'instruction', (i % 50) * 1000, w.at, w.at + interval '10 minutes',
           (ARRAY['dissuaded', 'defrauded', 'unreachable', 'false_alarm', 'contacted', 'pending'])[i % 6 + 1],
           CASE WHEN i % 6 = 5 THEN NULL ELSE w.at + (i % 20) * interval '1 minute' END,
           CASE WHEN i % 6 < 4 THEN w.at + interval '1 hour' END, CASE WHEN i % 6 = 1 THEN (i % 30) * 500 END, $1
    FROM generate_series(0, ${WARNINGS - 1}) i
    JOIN numbered_villages v ON v.n = i % ${villages}
    CROSS JOIN LATERAL (SELECT ${before('i % 365', 'i % 1440')} AS at) w`, [userId])
  await query(`INSERT INTO activities (county_id, region_id, kind, title, place, held_at, organiser, attendance, target_groups, materials, summary, created_by)
    SELECT '${COUNTY}', v.id, (ARRAY['courtyard_meeting', 'market_day', 'school', 'enterprise', 'community', 'training'])[i % 6 + 1], '反诈宣传',
           '村委会坝子', ${before('i % 365', 'i % 600')}, '派出所', 20 + i % 200, ARRAY['老年人'], i % 100, '', $1
    FROM generate_series(0, ${ACTIVITIES - 1}) i JOIN numbered_villages v ON v.n = i % ${villages}`, [userId])
  const { rows: quizUsers } = await query(`INSERT INTO users (display_name) SELECT '居民' || i FROM generate_series(1, ${QUIZ_USERS}) i RETURNING id`)
  await query(`INSERT INTO quiz_attempts (county_id, user_id, village_id, quiz_date, question_ids, token_hash, started_at, submitted_at, answers, correct, score, flagged)
    SELECT '${COUNTY}', u.id, v.id, (date '2026-11-30' - d * 36 - u.n % 36), '{}', 'x', now(), now(), '[]', 4, 60 + (u.n + d) % 41, (u.n + d) % 97 = 0
    FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM unnest($1::uuid[]) id) u
    JOIN numbered_villages v ON v.n = u.n % ${villages}
    CROSS JOIN generate_series(0, ${QUIZ_DAYS_PER_USER - 1}) d`, [quizUsers.map((u) => u.id)])
  await query(`INSERT INTO wechat_groups (county_id, opengid, name, tier, region_id, labelled_at)
    SELECT '${COUNTY}', 'benchG' || g, '村群' || g, CASE WHEN g < 50 THEN 1 ELSE 2 END, v.id, now()
    FROM generate_series(0, ${GROUPS - 1}) g JOIN numbered_villages v ON v.n = g % ${villages}`)
  await query(`INSERT INTO bulletins (county_id, region_id, bulletin_date, published_at, created_by)
    SELECT '${COUNTY}', '${COUNTY}', (date '2026-11-30' - i), ${before('i', '-480')}, $1 FROM generate_series(0, ${BULLETINS - 1}) i`, [userId])
  await query(`CREATE TEMP TABLE numbered_bulletins AS SELECT id, published_at, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM bulletins`)
  await query(`CREATE TEMP TABLE numbered_groups AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM wechat_groups`)
  await query(`INSERT INTO opens (bulletin_id, county_id, group_id, reader_key, scene, opened_at)
    SELECT b.id, '${COUNTY}', g.id, 'd:' || i, 1044, b.published_at + (i % 720) * interval '1 minute'
    FROM generate_series(0, ${OPENS - 1}) i
    JOIN numbered_bulletins b ON b.n = i % ${BULLETINS}
    JOIN numbered_groups g ON g.n = i % ${GROUPS}`)
  await query('VACUUM ANALYZE')
  // The bulk load's dirty pages are written now, not by the checkpointer while the clock runs.
  await query('CHECKPOINT')
  return { token }
}

/**
 * BENCH_KEEP_DB=1 keeps the generated database (bench_report_kept) and reuses it on the next run, so that report
 * queries can be tuned without 70 s of generation each time; the server still migrates it on start, but a changed
 * migration that was already applied is not run again. Unset, every run generates into a fresh database and drops it.
 */
const KEPT_DB = 'bench_report_kept'

async function keptPgDatabase() {
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [KEPT_DB])
  if (!rowCount) await admin.query(`CREATE DATABASE ${KEPT_DB}`)
  await admin.end()
  const url = new URL(PG_URL); url.pathname = `/${KEPT_DB}`
  return { url: url.toString(), drop: async () => {} }
}

/** Generates the data, or in a kept database that already holds it only signs a user in. */
async function prepare(query, reuse) {
  // Opens are generated last: a run stopped halfway leaves none (drop bench_report_kept by hand to start over).
  const { rows: [{ done }] } = reuse ? await query('SELECT EXISTS (SELECT 1 FROM opens) AS done') : { rows: [{ done: false }] }
  return done ? signedInUser(query, 'admin', COUNTY) : generate(query)
}

exports.run = async () => {
  const keep = process.env.BENCH_KEEP_DB === '1'
  const database = keep ? await keptPgDatabase() : await freshPgDatabase('bench_report')
  const server = await startServer({ DATABASE_URL: database.url })
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    const started = performance.now()
    const { token } = await prepare((text, params) => client.query(text, params), keep)
    const generationSeconds = round((performance.now() - started) / 1000)
    const report = await timeGets(`${server.base}/api/reports?${REPORT_QUERY}`, token, { times: TIMED_REQUESTS, warmUps: 2 })
    const xlsx = await timeGets(`${server.base}/api/reports/export.xlsx?${REPORT_QUERY}`, token, {
      times: TIMED_REQUESTS, warmUps: 2, read: async (res) => Buffer.from(await res.arrayBuffer()),
    })
    const { current } = report.body
    const figures = {
      engine: 'PostgreSQL', households: HOUSEHOLDS, visits: VISITS, warnings: WARNINGS, activities: ACTIVITIES, pledges: PLEDGES,
      quizAttempts: QUIZ_USERS * QUIZ_DAYS_PER_USER, opens: OPENS, generationSeconds, timedRequests: TIMED_REQUESTS,
      monthlyReportMedianMs: report.medianMs, monthlyReportP95Ms: report.p95Ms,
      xlsxExportMedianMs: xlsx.medianMs, xlsxExportP95Ms: xlsx.p95Ms, xlsxBytes: xlsx.body.length,
      month: { period: report.body.period.label, towns: report.body.children.length, householdsVisited: current.doorToDoor.householdsVisited, visits: current.doorToDoor.visits,
        warnings: current.warnings.received, activities: current.activities.activities, pledges: current.doorToDoor.pledgesSigned, quizAttempts: current.quiz.attempts, opens: current.bulletins.opens },
      goals: { reportMs: `≤ ${GOALS.reportMs}`, xlsxMs: `≤ ${GOALS.xlsxMs}` },
      goalsMet: { report: report.medianMs <= GOALS.reportMs, xlsx: xlsx.medianMs <= GOALS.xlsxMs },
    }
    const mark = (ok) => (ok ? '✓' : '✗')
    console.log(`PostgreSQL, ${report.body.period.label} for 江津区 (${figures.month.visits} visits, ${figures.month.warnings} warnings in the month; generated in ${generationSeconds} s):`)
    console.log(`  report: median ${report.medianMs} ms, p95 ${report.p95Ms} ms (goal ≤ ${GOALS.reportMs} ms) ${mark(figures.goalsMet.report)}`)
    console.log(`  XLSX:   median ${xlsx.medianMs} ms, p95 ${xlsx.p95Ms} ms, ${xlsx.body.length} bytes (goal ≤ ${GOALS.xlsxMs} ms) ${mark(figures.goalsMet.xlsx)}`)
    return figures
  } finally {
    await client.end()
    await server.stop()
    await database.drop()
  }
}
