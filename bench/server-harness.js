// Helpers for the benchmarks that talk to a running server: a fresh PostgreSQL database, the real server
// (server/src/main.ts, which migrates on start) listening on 127.0.0.1, and signed-in users made in SQL.
const { spawn } = require('node:child_process')
const { createHmac, randomBytes } = require('node:crypto')
const pg = require('pg')
const { root, freePort } = require('./lib')

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef-0123'

async function freshPgDatabase(prefix) {
  const name = `${prefix}_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(PG_URL); url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_URL })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

/** The server in its own process, so that it has a core of its own and the load generator does not slow it. */
async function startServer(env) {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', SESSION_SECRET, ...env },
  })
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break
    if (Date.now() > deadline) { child.kill('SIGTERM'); throw new Error('server never became healthy') }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    base,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)))
    },
  }
}

/** A user holding `role` on `regionId`, and a bearer token for them, written the way a login writes it. */
async function signedInUser(query, role, regionId) {
  const { rows: [user] } = await query(`INSERT INTO users (display_name) VALUES ('压测用户') RETURNING id`)
  await query('INSERT INTO role_assignments (user_id, role, region_id) VALUES ($1, $2, $3)', [user.id, role, regionId])
  const token = randomBytes(32).toString('base64url')
  const tokenHash = createHmac('sha256', SESSION_SECRET).update(token).digest('base64url')
  await query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [tokenHash, user.id])
  return { userId: user.id, token }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

/**
 * Median and p95 of `times` GETs of `url` as `token`'s user, after `warmUps` untimed ones (plans, caches, JIT);
 * the last answer, as `read` gives it, is returned for its figures.
 */
async function timeGets(url, token, { times, warmUps, read = (res) => res.json() }) {
  const get = async () => {
    const started = performance.now()
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
    const body = await read(res)
    return { ms: performance.now() - started, body }
  }
  for (let i = 0; i < warmUps; i++) await get()
  const ms = []
  let body
  for (let i = 0; i < times; i++) ({ ms: ms[i], body } = await get())
  ms.sort((a, b) => a - b)
  return { medianMs: round(percentile(ms, 50)), p95Ms: round(percentile(ms, 95)), body }
}

module.exports = { PG_URL, freshPgDatabase, startServer, signedInUser, percentile, round, timeGets }
