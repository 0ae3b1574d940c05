// Bulletin fan-out: one bulletin shared station → 50 平安群 → 3,000 村群 over 3,050 registered groups, then
// 300,000 opens over HTTP from ~100 keep-alive connections, most carrying WeChat group info sealed with the
// reader's session key as a phone would send it. Measures the open ingest rate, checks that every open sent
// is counted in SQL, and times the reach report on PostgreSQL. Every open, group info sealed, is serialised
// before the clock starts and sent with bench/raw-http.js, so that the clock times the server, not the phones.
const { createCipheriv, createHmac, hkdfSync, randomBytes, randomUUID } = require('node:crypto')
const pg = require('pg')
const { rawHttp } = require('./raw-http')
const { freshPgDatabase, startServer, signedInUser, percentile, round } = require('./server-harness')

const OPENS = Number(process.env.BENCH_OPENS || 300_000)
const CONNECTIONS = 100
const READERS = 10_000
const TIER1 = 50
const TIER2 = 3_000
const APP_ID = 'wx_bench_app'
// Must equal server-harness's SESSION_SECRET: the server unseals the session keys written here.
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef-0123'
// Searched for in an answer's bytes instead of parsing it: the server writes its JSON without spaces.
const COUNTED = Buffer.from('"counted":true')
const WITH_GROUP = Buffer.from('"group":{')
const COUNTY = '900002'
const TOWN = '900002001'

/** FieldCipher of server/src/crypto/field-cipher.ts, purpose 'wechat-session-key': how a login stores session_key. */
const sealKey = (() => {
  const key = Buffer.from(hkdfSync('sha256', SESSION_SECRET, 'xuanfang', 'wechat-session-key', 32))
  return (plain) => {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', key, iv)
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()])
    return [iv, c.getAuthTag(), data].map((b) => b.toString('base64url')).join('.')
  }
})()

/** What wx.getGroupEnterInfo gives the phone: AES-128-CBC under the session key. */
function groupInfo(sessionKey, opengid) {
  const iv = randomBytes(16)
  const c = createCipheriv('aes-128-cbc', sessionKey, iv)
  const data = Buffer.concat([c.update(JSON.stringify({ opengid, watermark: { appid: APP_ID, timestamp: 1772323200 } })), c.final()])
  return { encryptedData: data.toString('base64'), iv: iv.toString('base64') }
}

async function seed(query) {
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id) VALUES
    ('${COUNTY}', NULL, 'county', '压测区', '/${COUNTY}/', '${COUNTY}'),
    ('${TOWN}', '${COUNTY}', 'town', '压测镇', '/${COUNTY}/${TOWN}/', '${COUNTY}')`)
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id)
    SELECT '${TOWN}' || lpad(i::text, 3, '0'), '${TOWN}', 'village', '压测村' || i, '/${COUNTY}/${TOWN}/${TOWN}' || lpad(i::text, 3, '0') || '/', '${COUNTY}'
    FROM generate_series(1, ${TIER1}) i`)
  const station = await signedInUser(query, 'admin', TOWN)
  const cadres = []
  for (let v = 1; v <= TIER1; v++) cadres.push(await signedInUser(query, 'cadre', `${TOWN}${String(v).padStart(3, '0')}`))
  // Group g: 0..49 are 平安群 (one per cadre), 50.. are 村群 spread over the villages.
  await query(`INSERT INTO wechat_groups (county_id, opengid, name, tier, region_id, owner_id, labelled_at)
    SELECT '${COUNTY}', 'benchG' || g, CASE WHEN g < ${TIER1} THEN '平安群' ELSE '村群' END || g, CASE WHEN g < ${TIER1} THEN 1 ELSE 2 END,
           '${TOWN}' || lpad((g % ${TIER1} + 1)::text, 3, '0'), (array[${cadres.map((c) => `'${c.userId}'::uuid`).join(',')}])[g % ${TIER1} + 1], now()
    FROM generate_series(0, ${TIER1 + TIER2 - 1}) g`)
  const { rows: [bulletin] } = await query(`INSERT INTO bulletins (county_id, region_id, bulletin_date, published_at, created_by)
    VALUES ('${COUNTY}', '${TOWN}', '2026-03-01', now() - interval '1 hour', $1) RETURNING id`, [station.userId])
  await query(`INSERT INTO bulletin_versions (bulletin_id, version, title, cases, advice, edited_by) VALUES ($1, 1, '压测通报', '[]', '不转账', $2)`, [bulletin.id, station.userId])
  // Readers signed in through WeChat: each session holds a session key the bench knows.
  const { rows: users } = await query(`INSERT INTO users (display_name) SELECT '读者' || i FROM generate_series(1, ${READERS}) i RETURNING id`)
  const readers = users.map((u) => ({ userId: u.id, token: randomBytes(32).toString('base64url'), sessionKey: randomBytes(16) }))
  for (let i = 0; i < readers.length; i += 2000) {
    const batch = readers.slice(i, i + 2000)
    await query(`INSERT INTO sessions (token_hash, user_id, session_key_enc, expires_at)
      SELECT * , now() + interval '1 day' FROM unnest($1::text[], $2::uuid[], $3::text[])`, [
      batch.map((r) => createHmac('sha256', SESSION_SECRET).update(r.token).digest('base64url')),
      batch.map((r) => r.userId), batch.map((r) => sealKey(r.sessionKey.toString('base64'))),
    ])
  }
  return { station, cadres, bulletinId: bulletin.id, readers }
}

/** Runs `work(connection, i)` for i in [0, total), each connection taking the next i once its answer is in. */
async function pool(connections, total, work) {
  let next = 0
  await Promise.all(connections.map(async (connection) => {
    while (next < total) await work(connection, next++)
  }))
}

const closeAll = (connections) => connections.forEach((c) => c.close())

exports.run = async () => {
  const database = await freshPgDatabase('bench_reach')
  let server
  const db = new pg.Pool({ connectionString: database.url, max: 2 })
  db.on('error', () => {})
  try {
    server = await startServer({ DATABASE_URL: database.url, WECHAT_APPID: APP_ID })
    const setupStarted = performance.now()
    const { station, cadres, bulletinId, readers } = await seed((text, params) => db.query(text, params))
    const http = rawHttp(server.base)
    const call = async (connection, method, path, body, token) => JSON.parse(await connection.send(http.request(method, path, body, token)))
    const share = (connection, parentShareId, who) => call(connection, 'POST', `/api/public/bulletins/${bulletinId}/shares`, { parentShareId, ...(who.readerKey && { readerKey: who.readerKey }) }, who.token)
    const setup = await http.connect(CONNECTIONS)
    const root = await share(setup[0], null, station)
    const tier1 = new Array(TIER1)
    await pool(setup, TIER1, async (connection, k) => { tier1[k] = await share(connection, root.id, cadres[k]) })
    const tier2 = new Array(TIER2)
    await pool(setup, TIER2, async (connection, k) => { tier2[k] = await share(connection, tier1[k % TIER1].id, { readerKey: `d:${randomUUID()}` }) })
    closeAll(setup)
    const tiers = [root, ...tier1, ...tier2].reduce((acc, s) => ({ ...acc, [s.tier]: (acc[s.tier] ?? 0) + 1 }), {})
    const setupSeconds = round((performance.now() - setupStarted) / 1000)

    // Open i: reader i % READERS in the k-th of 30 distinct groups, k = i / READERS; every tenth open anonymous, no group.
    const openRequest = (i) => {
      const k = Math.floor(i / READERS)
      const g = (i % READERS + k * 101) % (TIER1 + TIER2)
      const shareId = g < TIER1 ? tier1[g].id : tier2[g - TIER1].id
      if (i % 10 === 9) return http.request('POST', '/api/public/opens', { bulletinId, shareId, readerKey: `d:${randomUUID()}`, scene: 1007 })
      const reader = readers[i % READERS]
      return http.request('POST', '/api/public/opens', { bulletinId, shareId, scene: 1044, group: groupInfo(reader.sessionKey, `benchG${g}`) }, reader.token)
    }
    const opens = Array.from({ length: OPENS }, (_, i) => openRequest(i))
    // Connections opened after the opens are built, and used twice each, so the clock starts on 100 phones already talking.
    const connections = await http.connect(CONNECTIONS)
    const health = http.request('GET', '/api/health')
    await pool(connections, CONNECTIONS * 2, (connection) => connection.send(health))
    let counted = 0
    let withGroup = 0
    const latencies = []
    const started = performance.now()
    await pool(connections, OPENS, async (connection, i) => {
      const t0 = performance.now()
      const answer = await connection.send(opens[i])
      latencies.push(performance.now() - t0)
      if (answer.includes(COUNTED)) counted++
      if (answer.includes(WITH_GROUP)) withGroup++
    })
    const seconds = (performance.now() - started) / 1000
    const { rows: [{ n }] } = await db.query('SELECT count(*)::int AS n FROM opens WHERE bulletin_id = $1', [bulletinId])

    const [reporter] = connections
    const reachTimes = []
    let report
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now()
      report = await call(reporter, 'GET', `/api/bulletins/${bulletinId}/reach`, undefined, station.token)
      reachTimes.push(performance.now() - t0)
    }
    const treeStarted = performance.now()
    const tree = await call(reporter, 'GET', `/api/bulletins/${bulletinId}/tree`, undefined, station.token)
    const treeMs = round(performance.now() - treeStarted)
    closeAll(connections)
    reachTimes.sort((a, b) => a - b)
    latencies.sort((a, b) => a - b)
    const figures = {
      engine: 'PostgreSQL', shares: tiers, groupsRegistered: TIER1 + TIER2, setupSeconds,
      opensSent: OPENS, opensCountedInAnswers: counted, opensWithGroup: withGroup, opensInSql: n, lost: OPENS - n,
      openIngestPerSecond: Math.round(OPENS / seconds), connections: CONNECTIONS,
      openLatency: { p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) },
      reachReportMedianMs: round(percentile(reachTimes, 50)), reachReportMaxMs: round(reachTimes.at(-1)),
      reach: { tiers: report.tiers, opens: report.opens, uniqueReaders: report.uniqueReaders, shares: report.shares, notReached: report.notReached.length },
      treeNodes: tree.length, treeMs,
      goals: { openIngestPerSecond: '≥ 5000', lost: '= 0', reachReportMedianMs: '≤ 200' },
      note: 'Load generator (bench/raw-http.js): every open, AES group info included, serialised to bytes before the clock; '
        + 'one socket write per open on 100 node:net keep-alive connections, one open in flight on each, no pipelining; '
        + 'answers checked by a byte search, not parsed; latency timed around each send.',
    }
    console.log(`shares over HTTP: ${JSON.stringify(tiers)} in ${setupSeconds} s (with seeding)`)
    console.log(`opens: ${figures.openIngestPerSecond}/s from ${CONNECTIONS} connections, p50/p99 ${figures.openLatency.p50Ms}/${figures.openLatency.p99Ms} ms; sent ${OPENS}, counted ${counted}, in SQL ${n}, lost ${figures.lost}; with group ${withGroup}`)
    console.log(`reach report: median ${figures.reachReportMedianMs} ms (max ${figures.reachReportMaxMs}); tree of ${tree.length} nodes in ${treeMs} ms`)
    return figures
  } catch (e) {
    console.error(e.message)
    throw e
  } finally {
    await db.end()
    await server?.stop()
    await database.drop()
  }
}
