// Prize claim race over HTTP: 1,000 distinct signed-in residents claim a prize with stock 10 at the same moment,
// on PostgreSQL and on PGlite (the server's own embedded database in a temp folder). Reports the time until all
// 1,000 are answered and how many were granted (must be exactly 10). Goal: ≤ 1 s on PostgreSQL.
const { createHmac, randomBytes } = require('node:crypto')
const { mkdtempSync, rmSync } = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const pg = require('pg')
const { rawHttp } = require('./raw-http')
const { freshPgDatabase, startServer, round } = require('./server-harness')

const CLAIMANTS = Number(process.env.BENCH_CLAIMANTS || 1000)
const STOCK = 10
// Must equal server-harness's SESSION_SECRET: the server hashes bearer tokens with it.
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef-0123'
const COUNTY = '900003'
const TOWN = '900003001'
const VILLAGE = '900003001001'

/** Regions, an admin, the prize and CLAIMANTS residents with sessions, written as a login would write them. */
async function seed(query) {
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id) VALUES
    ('${COUNTY}', NULL, 'county', '压测区', '/${COUNTY}/', '${COUNTY}'),
    ('${TOWN}', '${COUNTY}', 'town', '压测镇', '/${COUNTY}/${TOWN}/', '${COUNTY}'),
    ('${VILLAGE}', '${TOWN}', 'village', '压测村', '/${COUNTY}/${TOWN}/${VILLAGE}/', '${COUNTY}')`)
  const { rows: [admin] } = await query(`INSERT INTO users (display_name) VALUES ('压测民警') RETURNING id`)
  const { rows: [prize] } = await query(`INSERT INTO prizes (county_id, region_id, name, stock, per_user_limit, valid_from, valid_to, pickup_place, created_by)
    VALUES ('${COUNTY}', '${TOWN}', '反诈宣传折扇', ${STOCK}, 1, now() - interval '1 hour', now() + interval '30 days', '压测警务室', $1) RETURNING id`, [admin.id])
  const { rows: users } = await query(`INSERT INTO users (display_name) SELECT '居民' || i FROM generate_series(1, ${CLAIMANTS}) i RETURNING id`)
  const ids = users.map((u) => u.id)
  await query(`INSERT INTO role_assignments (user_id, role, region_id) SELECT u, 'resident', '${VILLAGE}' FROM unnest($1::uuid[]) u`, [ids])
  const tokens = ids.map(() => randomBytes(32).toString('base64url'))
  await query(`INSERT INTO sessions (token_hash, user_id, expires_at) SELECT h, u, now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS t(h, u)`, [
    tokens.map((t) => createHmac('sha256', SESSION_SECRET).update(t).digest('base64url')), ids,
  ])
  return { prizeId: prize.id, tokens }
}

/**
 * All claims fired at once; the clock stops when the last answer is in. Each resident's phone is already
 * connected, as after opening the prize page (the connections are opened and used once for /api/health before
 * the clock starts; that takes `connectMs`, reported apart), but has not yet been seen by the server, so each
 * claim still pays for its session lookup. Requests are built before the clock and sent with bench/raw-http.js,
 * so that the clock times the server, not the load generator.
 */
async function race(base, prizeId, tokens) {
  const http = rawHttp(base)
  const health = http.request('GET', '/api/health')
  const claims = tokens.map((token) => http.request('POST', `/api/prizes/${prizeId}/claims`, undefined, token))
  const connecting = performance.now()
  const connections = await http.connect(tokens.length)
  try {
    await Promise.all(connections.map((connection) => connection.send(health)))
    const connectMs = performance.now() - connecting
    const started = performance.now()
    const answers = await Promise.all(connections.map((connection, i) => connection.exchange(claims[i])))
    const ms = performance.now() - started
    const byAnswer = {}
    for (const { status, body } of answers) {
      const key = status === 200 ? 200 : JSON.parse(body).code
      byAnswer[key] = (byAnswer[key] ?? 0) + 1
    }
    return { ms, connectMs, granted: byAnswer[200] ?? 0, answers: byAnswer }
  } finally {
    connections.forEach((connection) => connection.close())
  }
}

async function onPostgres() {
  const database = await freshPgDatabase('bench_prizes')
  const db = new pg.Pool({ connectionString: database.url, max: 2 })
  db.on('error', () => {})
  let server
  try {
    server = await startServer({ DATABASE_URL: database.url })
    const { prizeId, tokens } = await seed((text, params) => db.query(text, params))
    const result = await race(server.base, prizeId, tokens)
    const { rows: [row] } = await db.query('SELECT granted, (SELECT count(*)::int FROM prize_claims WHERE prize_id = $1) AS claims FROM prizes WHERE id = $1', [prizeId])
    return { ...result, grantedInDb: row.granted, claimRows: row.claims }
  } finally {
    await server?.stop()
    await db.end()
    await database.drop()
  }
}

/** PGlite lives inside the server process: migrate with one start, seed the folder while it is stopped, then race. */
async function onPGlite() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xuanfang-prizes-'))
  const env = { DATA_DIR: dir, DATABASE_URL: '' }
  let server
  try {
    await (await startServer(env)).stop()
    const { PGlite } = await import('@electric-sql/pglite')
    let pglite = await PGlite.create(dir)
    const { prizeId, tokens } = await seed((text, params) => pglite.query(text, params))
    await pglite.close()
    server = await startServer(env)
    const result = await race(server.base, prizeId, tokens)
    await server.stop()
    server = null
    pglite = await PGlite.create(dir)
    const { rows: [row] } = await pglite.query('SELECT granted, (SELECT count(*)::int FROM prize_claims WHERE prize_id = $1) AS claims FROM prizes WHERE id = $1', [prizeId])
    await pglite.close()
    return { ...result, grantedInDb: row.granted, claimRows: row.claims }
  } finally {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

exports.run = async () => {
  const figures = { claimants: CLAIMANTS, stock: STOCK }
  for (const [engine, runOn] of [['postgres', onPostgres], ['pglite', onPGlite]]) {
    const r = await runOn()
    figures[engine] = { allAnsweredMs: Math.round(r.ms), connectMs: Math.round(r.connectMs), granted: r.granted, grantedInDb: r.grantedInDb, claimRows: r.claimRows, answers: r.answers }
    console.log(`${engine}: ${CLAIMANTS} concurrent claims for stock ${STOCK} answered in ${round(r.ms / 1000, 2)} s (before the clock: ${CLAIMANTS} connections opened, one health check each, in ${round(r.connectMs / 1000, 2)} s); granted ${r.granted} (db: granted ${r.grantedInDb}, ${r.claimRows} claim rows); answers ${JSON.stringify(r.answers)}`)
  }
  figures.postgresGoalMet = figures.postgres.allAnsweredMs <= 1000
  return figures
}
