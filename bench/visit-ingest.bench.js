// Visit ingest: POST /api/visits/batch against the real server on PostgreSQL (one visit per request, and a
// patrol's 5 visits per request) versus raw single-row autocommit INSERTs of the same rows through pg, from
// concurrent clients; latency at 10 and 100 connections; and one batch of 500 visits. Requests are serialised
// before the clock starts and sent with bench/raw-http.js, so that the clock times the server, not the phones.
const { randomUUID } = require('node:crypto')
const pg = require('pg')
const { rawHttp } = require('./raw-http')
const { freshPgDatabase, startServer, signedInUser, percentile, round } = require('./server-harness')

// A few seconds of each path, so that a moment's noise from other work on the machine weighs little.
const VISITS_PER_MEASUREMENT = Number(process.env.BENCH_N || 30_000)
/** A worker's patrol of 3–5 doors synced together when the phone regains signal. */
const PATROL_BATCH = 5
const WARM_UP_VISITS = 10_000
// The PostgreSQL here allows 100 connections in all: the raw clients run before the server opens its pool and
// after the seeding pool has closed, so all 100 fit. Nothing else may hold connections meanwhile.
const RAW_CLIENTS = Number(process.env.BENCH_RAW_CLIENTS || 100)
const GRIDS = 10
const HOUSEHOLDS_PER_GRID = 200
// Counted in an answer's bytes instead of parsing it: the server writes its JSON without spaces.
const STORED = Buffer.from('"status":"stored"')

async function seed(query) {
  await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id) VALUES
    ('900001', NULL, 'county', '压测区', '/900001/', '900001'),
    ('900001001', '900001', 'town', '压测镇', '/900001/900001001/', '900001'),
    ('900001001200', '900001001', 'village', '压测村', '/900001/900001001/900001001200/', '900001')`)
  const workers = []
  for (let g = 1; g <= GRIDS; g++) {
    const grid = `900001001200-${String(g).padStart(2, '0')}`
    await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id) VALUES ($1, '900001001200', 'grid', $2, $3, '900001')`,
      [grid, `压测第${g}网格`, `/900001/900001001/900001001200/${grid}/`])
    const { rows } = await query(`INSERT INTO households (county_id, region_id, code, address, head_name)
      SELECT '900001', $1, $1 || '-' || i, '压测路' || i || '号', '张三' FROM generate_series(1, ${HOUSEHOLDS_PER_GRID}) i RETURNING id`, [grid])
    workers.push({ grid, households: rows.map((r) => r.id), ...(await signedInUser(query, 'grid_worker', grid)) })
  }
  return workers
}

function aVisit(worker, i) {
  return {
    id: randomUUID(), householdId: worker.households[i % worker.households.length],
    visitedAt: new Date(Date.now() - (i % 1000) * 60_000).toISOString(), note: '已宣讲防骗知识',
    briefed: true, appInstalled: i % 3 === 0, callWarningOn: i % 5 === 0, emergencyContact: false, elderlyChildReminded: false,
  }
}

/** Throws unless each of the `size` items of a batch answer says stored. */
function expectStored(answer, size) {
  let stored = 0
  for (let at = answer.indexOf(STORED); at >= 0; at = answer.indexOf(STORED, at + STORED.length)) stored++
  if (stored !== size) throw new Error(`${size - stored} of ${size} visits not stored: ${answer}`)
}

/**
 * `total` visits, `perRequest` to a request, from `concurrency` keep-alive connections; every answer must say
 * stored. Connection c is a phone signed in as worker c % workers, taking the next of that worker's requests,
 * all built before the clock starts. Each connection is opened and used twice before the clock starts, so the
 * figures are those of a server already talking to that many phones, not of a hundred TCP handshakes arriving
 * in the same instant.
 */
async function httpIngest(base, workers, concurrency, total, perRequest = 1) {
  const http = rawHttp(base)
  const batch = (worker, visits) => http.request('POST', '/api/visits/batch', { visits }, worker.token)
  // Requests dealt round the workers in turn; a worker's n-th request carries its visits n·perRequest onwards.
  const queues = workers.map(() => [])
  for (let r = 0; r < total / perRequest; r++) {
    const worker = workers[r % workers.length]
    const first = Math.floor(r / workers.length) * perRequest
    queues[r % workers.length].push(batch(worker, Array.from({ length: perRequest }, (_, k) => aVisit(worker, first + k))))
  }
  const connections = await http.connect(concurrency)
  const workerOf = (c) => workers[c % workers.length]
  for (let round = 0; round < 2; round++) {
    const warmUps = connections.map((_, c) => batch(workerOf(c), [aVisit(workerOf(c), c + round * concurrency)]))
    await Promise.all(connections.map(async (connection, c) => expectStored(await connection.send(warmUps[c]), 1)))
  }
  const latencies = []
  const started = performance.now()
  await Promise.all(connections.map(async (connection, c) => {
    const queue = queues[c % workers.length]
    for (let request = queue.pop(); request; request = queue.pop()) {
      const t0 = performance.now()
      const answer = await connection.send(request)
      latencies.push(performance.now() - t0)
      expectStored(answer, perRequest)
    }
  }))
  const seconds = (performance.now() - started) / 1000
  connections.forEach((connection) => connection.close())
  latencies.sort((a, b) => a - b)
  return { rowsPerSecond: Math.round(total / seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) }
}

/** The naive path: one INSERT of the same row per visit, autocommit, from `concurrency` connections. */
async function rawInserts(url, workers, concurrency, total) {
  const pool = new pg.Pool({ connectionString: url, max: concurrency })
  pool.on('error', () => {}) // idle clients of a dropped database
  await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')))
  const latencies = []
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async (_, c) => {
    const worker = workers[c % workers.length]
    while (next < total) {
      const v = aVisit(worker, next++)
      const t0 = performance.now()
      await pool.query(`INSERT INTO visits (id, county_id, household_id, grid_id, worker_id, visited_at, briefed, app_installed,
        call_warning_on, emergency_contact, elderly_child_reminded, note, geo_lat, geo_lng)
        VALUES ($1, '900001', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL)`,
      [v.id, v.householdId, worker.grid, worker.userId, v.visitedAt, v.briefed, v.appInstalled, v.callWarningOn, v.emergencyContact, v.elderlyChildReminded, v.note])
      latencies.push(performance.now() - t0)
    }
  }))
  const seconds = (performance.now() - started) / 1000
  await pool.end()
  latencies.sort((a, b) => a - b)
  return { rowsPerSecond: Math.round(total / seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) }
}

async function batchOf500(base, worker) {
  const http = rawHttp(base)
  const request = http.request('POST', '/api/visits/batch', { visits: Array.from({ length: 500 }, (_, i) => aVisit(worker, i)) }, worker.token)
  const [connection] = await http.connect(1)
  const started = performance.now()
  const answer = await connection.send(request)
  const ms = performance.now() - started
  connection.close()
  expectStored(answer, 500)
  return round(ms)
}

exports.run = async () => {
  const database = await freshPgDatabase('bench_visits')
  let server
  let db
  try {
    await (await startServer({ DATABASE_URL: database.url })).stop() // it migrates on start
    const seeding = new pg.Pool({ connectionString: database.url, max: 2 })
    const workers = await seed((text, params) => seeding.query(text, params))
    await seeding.end()
    const raw100 = await rawInserts(database.url, workers, RAW_CLIENTS, VISITS_PER_MEASUREMENT)
    db = new pg.Pool({ connectionString: database.url, max: 2 })
    db.on('error', () => {})
    server = await startServer({ DATABASE_URL: database.url })
    // Warm-up at the load to be measured: the first few thousand requests after a start pay for JIT compilation,
    // the pool's connections and plans, and the heap growing to its working size (event-loop stalls of 20–30 ms).
    // Its figures are reported apart, as those of a server just started.
    const justStarted = await httpIngest(server.base, workers, 100, WARM_UP_VISITS)
    const api100 = await httpIngest(server.base, workers, 100, VISITS_PER_MEASUREMENT)
    const api10 = await httpIngest(server.base, workers, 10, VISITS_PER_MEASUREMENT / 4)
    const patrol100 = await httpIngest(server.base, workers, 100, VISITS_PER_MEASUREMENT, PATROL_BATCH)
    const batch500Ms = await batchOf500(server.base, workers[0])
    const { rows: [{ n }] } = await db.query('SELECT count(*)::int AS n FROM visits')
    const figures = {
      engine: 'PostgreSQL', visitsPerMeasurement: VISITS_PER_MEASUREMENT, visitsPerRequest: 1,
      apiRowsPerSecondAt100: api100.rowsPerSecond, rawInsertRowsPerSecond: raw100.rowsPerSecond,
      apiOverRaw: round(api100.rowsPerSecond / raw100.rowsPerSecond, 2), rawClients: RAW_CLIENTS, apiConnections: 100,
      patrolBatches: { visitsPerRequest: PATROL_BATCH, apiRowsPerSecondAt100: patrol100.rowsPerSecond, apiOverRaw: round(patrol100.rowsPerSecond / raw100.rowsPerSecond, 2), p50Ms: patrol100.p50Ms, p99Ms: patrol100.p99Ms },
      latencyAt10: { p50Ms: api10.p50Ms, p99Ms: api10.p99Ms },
      latencyAt100: { p50Ms: api100.p50Ms, p99Ms: api100.p99Ms },
      justStartedAt100: { visits: WARM_UP_VISITS, rowsPerSecond: justStarted.rowsPerSecond, p50Ms: justStarted.p50Ms, p99Ms: justStarted.p99Ms },
      rawLatency: { p50Ms: raw100.p50Ms, p99Ms: raw100.p99Ms },
      batchOf500Ms: batch500Ms,
      visitRows: n,
      goals: { apiOverRaw: '≥ 1.0', p99At100Ms: '≤ 50', batchOf500Ms: '≤ 10000' },
      note: 'API load generator (bench/raw-http.js): every request serialised to bytes before the clock; one socket write per '
        + 'request on node:net keep-alive connections, one in flight on each, no pipelining; answers checked by counting '
        + '"status":"stored" in their bytes, not parsed; latency timed around each send. The raw INSERTs go through pg.',
    }
    console.log(`visit ingest at 100 connections: API ${figures.apiRowsPerSecondAt100} rows/s vs raw INSERT ${figures.rawInsertRowsPerSecond} rows/s from ${RAW_CLIENTS} clients (${figures.apiOverRaw}×)`)
    console.log(`with ${PATROL_BATCH} visits per request: API ${patrol100.rowsPerSecond} rows/s (${figures.patrolBatches.apiOverRaw}×), p50/p99 ${patrol100.p50Ms}/${patrol100.p99Ms} ms`)
    console.log(`API latency: p50/p99 ${api10.p50Ms}/${api10.p99Ms} ms at 10, ${api100.p50Ms}/${api100.p99Ms} ms at 100 connections; batch of 500: ${batch500Ms} ms`)
    console.log(`the first ${WARM_UP_VISITS} visits after the server started (warm-up, not in the figures above): ${justStarted.rowsPerSecond} rows/s, p50/p99 ${justStarted.p50Ms}/${justStarted.p99Ms} ms at 100 connections`)
    return figures
  } catch (e) {
    console.error(e.message)
    throw e
  } finally {
    await db?.end()
    await server?.stop()
    await database.drop()
  }
}
