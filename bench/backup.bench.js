// Backup and restore of a county on PostgreSQL with the real commands: 江津's 30 towns / 301 villages with 4 grids
// each, 300,000 households, 1,500,000 visits, 60,000 pledges, 300,000 opens, generated with set-based SQL; then
// `npm run backup` while nothing else runs, and `npm run restore` into a second, new database, which verifies row
// counts, pledge chains and counters. BENCH_BACKUP_SCALE (default 1) scales the rows.
const { spawnSync } = require('node:child_process')
const { mkdtempSync, rmSync, statSync } = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const pg = require('pg')
const { insertRegions, jiangjinRegions, root } = require('./lib')
const { freshPgDatabase, signedInUser, round } = require('./server-harness')

const SCALE = Number(process.env.BENCH_BACKUP_SCALE || 1)
const HOUSEHOLDS = Math.round(300_000 * SCALE)
const VISITS = Math.round(1_500_000 * SCALE)
const OPENS = Math.round(300_000 * SCALE)
const COUNTY = '500116'

async function generate(query) {
  await insertRegions(query, jiangjinRegions(4), COUNTY)
  const { userId } = await signedInUser(query, 'grid_worker', COUNTY)
  await query(`CREATE TEMP TABLE numbered_grids AS SELECT id, parent_id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM regions WHERE level = 'grid'`)
  const { rows: [{ grids }] } = await query('SELECT count(*)::int AS grids FROM numbered_grids')
  await query(`INSERT INTO households (county_id, region_id, code, address, head_name, tags)
    SELECT '${COUNTY}', g.id, 'K' || i, '测试路' || i || '号', '张建华', CASE WHEN i % 10 = 0 THEN ARRAY['一老一小'] ELSE '{}'::text[] END
    FROM generate_series(0, ${HOUSEHOLDS - 1}) i JOIN numbered_grids g ON g.n = i % ${grids}`)
  await query(`CREATE TEMP TABLE numbered_households AS
    SELECT h.id, h.region_id, g.parent_id AS village_id, (row_number() OVER (ORDER BY h.code) - 1)::int AS n
    FROM households h JOIN numbered_grids g ON g.id = h.region_id`)
  await query(`INSERT INTO visits (id, county_id, household_id, grid_id, worker_id, visited_at, briefed, app_installed, call_warning_on, emergency_contact, elderly_child_reminded, note)
    SELECT gen_random_uuid(), '${COUNTY}', h.id, h.region_id, $1, now() - (j % 365) * interval '1 day', true, j % 3 = 0, j % 4 = 0, false, false, '已宣传'
    FROM generate_series(0, ${VISITS - 1}) j JOIN numbered_households h ON h.n = j % ${Math.round(HOUSEHOLDS * 2 / 3)}`, [userId])
  await query(`UPDATE households h SET first_visit_at = v.first_at, last_visit_at = v.last_at, app_installed = v.app
    FROM (SELECT household_id, min(visited_at) AS first_at, max(visited_at) AS last_at, bool_or(app_installed) AS app FROM visits GROUP BY household_id) v
    WHERE h.id = v.household_id`)
  // Pledges as unchained rows (their hashes are placeholders): the backup carries them and the chain check reports
  // them unverified in the source and in the copy alike, which is what verification compares.
  await query(`INSERT INTO pledges (id, county_id, village_id, household_id, template_version, template_sha256, signer_name, signer_relation, strokes,
      worker_id, signed_at, chain_seq, prev_hash, record_hash)
    SELECT gen_random_uuid(), '${COUNTY}', h.village_id, h.id, 1, 'x', '王秀英', '户主', 'AAAA', $1, now() - (i % 365) * interval '1 day',
           row_number() OVER (PARTITION BY h.village_id ORDER BY i), 'x', 'x'
    FROM generate_series(0, ${Math.round(HOUSEHOLDS / 5) - 1}) i JOIN numbered_households h ON h.n = i * 5`, [userId])
  await query(`INSERT INTO bulletins (county_id, region_id, bulletin_date, published_at, created_by)
    SELECT '${COUNTY}', '${COUNTY}', (date '2026-11-30' - i), now() - i * interval '1 day', $1 FROM generate_series(0, 29) i`, [userId])
  await query(`INSERT INTO opens (bulletin_id, county_id, reader_key, scene, opened_at)
    SELECT b.id, '${COUNTY}', 'd:' || i, 1044, b.published_at + (i % 720) * interval '1 minute'
    FROM generate_series(0, ${OPENS - 1}) i JOIN (SELECT id, published_at, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM bulletins) b ON b.n = i % 30`)
  await query('VACUUM ANALYZE')
}

function timedCommand(args, env) {
  const started = performance.now()
  const r = spawnSync('npm', ['run', '-s', ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`npm run ${args.join(' ')} failed: ${r.stderr}`)
  return { seconds: round((performance.now() - started) / 1000), stdout: r.stdout }
}

exports.run = async () => {
  const source = await freshPgDatabase('bench_backup_src')
  const target = await freshPgDatabase('bench_backup_dst')
  const folder = mkdtempSync(path.join(os.tmpdir(), 'xuanfang-backup-bench-'))
  const file = path.join(folder, 'county.ndjson.gz')
  try {
    timedCommand(['migrate'], { DATABASE_URL: source.url })
    const client = new pg.Client({ connectionString: source.url })
    await client.connect()
    const started = performance.now()
    await generate((text, params) => client.query(text, params))
    const generationSeconds = round((performance.now() - started) / 1000)
    const { rows: [{ bytes }] } = await client.query('SELECT pg_database_size(current_database())::bigint AS bytes')
    await client.end()

    const backup = timedCommand(['backup', '--', '--out', file], { DATABASE_URL: source.url })
    const restore = timedCommand(['restore', '--', '--in', file], { DATABASE_URL: target.url })
    const verified = /校验: \d+ 张表的行数一致/.test(restore.stdout) && !/不符/.test(restore.stdout)
    const figures = {
      engine: 'PostgreSQL', scale: SCALE, households: HOUSEHOLDS, visits: VISITS, pledges: Math.round(HOUSEHOLDS / 5), opens: OPENS,
      generationSeconds, databaseBytes: Number(bytes), backupSeconds: backup.seconds, backupFileBytes: statSync(file).size,
      restoreSeconds: restore.seconds, restoreVerified: verified,
      note: 'Wall time of the npm commands, including tsx start-up; restore includes migrating the new database and the verification.',
    }
    console.log(`county of ${HOUSEHOLDS} households / ${VISITS} visits (${round(Number(bytes) / 2 ** 20)} MiB): backup ${backup.seconds} s → ${round(figures.backupFileBytes / 2 ** 20)} MiB; restore ${restore.seconds} s, verified: ${verified}`)
    return figures
  } finally {
    rmSync(folder, { recursive: true, force: true })
    await source.drop()
    await target.drop()
  }
}
