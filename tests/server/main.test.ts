import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { TEST_PG_URL } from './helpers/test-db'

const ROOT = join(__dirname, '..', '..')
const START_TIMEOUT_MS = 90_000
/** Two PGlite starts in one test can outlast the default test timeout on a busy machine. */
const TWO_STARTS_TIMEOUT_MS = 2 * START_TIMEOUT_MS + 10_000

interface ServerProcess {
  child: ChildProcess
  output: { stdout: string; stderr: string }
  exit: Promise<number | null>
}

const started: ServerProcess[] = []

/**
 * Runs the real entry point as `npm run server` would, with only the variables given (plus PATH and HOME). tsx is
 * a loader in the server's own process, so SIGTERM reaches its shutdown handler directly.
 */
function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { stdout: '', stderr: '' }
  child.stdout!.on('data', (d) => (output.stdout += d))
  child.stderr!.on('data', (d) => (output.stderr += d))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const server = { child, output, exit }
  started.push(server)
  return server
}

/** Resolves with the URL the server printed, or fails when it exits first or never says so. */
function startedUrl(server: ServerProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line in ${START_TIMEOUT_MS} ms:\n${server.output.stdout}\n${server.output.stderr}`)), START_TIMEOUT_MS)
    const check = () => {
      const match = /反诈宣防通已启动: (http:\/\/localhost:(\d+)\/)/.exec(server.output.stdout)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    server.child.stdout!.on('data', check)
    check()
    void server.exit.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${server.output.stderr}`))
    })
  })
}

async function stop(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM')
  return server.exit
}

afterEach(async () => {
  for (const server of started.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL')
      await server.exit
    }
  }
})

describe('server entry point', () => {
  it('when PORT is not a number, then it exits non-zero and names PORT on stderr', async () => {
    const server = startServer({ PORT: 'abc' })
    expect(await server.exit).not.toBe(0)
    expect(server.output.stderr).toContain('PORT')
    expect(server.output.stdout).not.toContain('已启动')
  })

  it('when started on PGlite with PORT=0, then it prints the real URL, answers health and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xuanfang-main-'))
    try {
      const server = startServer({ PORT: '0', DATA_DIR: dataDir, AUTH_MODE: 'demo', SEED_DEMO: 'false' })
      const url = await startedUrl(server)
      expect(url).not.toContain(':0/')
      expect(server.output.stdout).toContain(`${url}api/docs`)
      expect(server.output.stdout).toContain('PGlite')
      expect(server.output.stdout).toContain('王书记')

      const res = await fetch(`${url}api/health`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ status: 'ok', database: { engine: 'pglite', reachable: true } })
      expect(await stop(server)).toBe(0)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('when started twice on one folder with SEED_DEMO=true, then the demo data is written the first time only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xuanfang-main-'))
    try {
      const first = startServer({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'true' })
      await startedUrl(first)
      expect(first.output.stdout).toMatch(/演示数据已写入: .*2000 户/)
      expect(await stop(first)).toBe(0)

      const second = startServer({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'true' })
      await startedUrl(second)
      expect(second.output.stdout).not.toContain('演示数据已写入')
      expect(await stop(second)).toBe(0)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, TWO_STARTS_TIMEOUT_MS)

  it('when WORKERS=2 is asked for on PGlite, then it exits non-zero and names WORKERS on stderr', async () => {
    const server = startServer({ PORT: '0', WORKERS: '2' })
    expect(await server.exit).not.toBe(0)
    expect(server.output.stderr).toContain('WORKERS')
  })

  it('when WORKERS=2 on PostgreSQL, then it prints one start line for two workers on one port, both answer, metrics add both up, and SIGTERM stops all cleanly', async () => {
    const schema = `main_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: TEST_PG_URL })
    await admin.connect()
    try {
      await admin.query(`CREATE SCHEMA ${schema}`)
      const databaseUrl = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
      const metricsToken = 'm'.repeat(32)
      const server = startServer({ PORT: '0', DATABASE_URL: databaseUrl, AUTH_MODE: 'demo', SEED_DEMO: 'false', WORKERS: '2', METRICS_TOKEN: metricsToken })
      const url = await startedUrl(server)
      expect(server.output.stdout).toContain('工作进程: 2 个')
      expect(server.output.stdout.match(/反诈宣防通已启动/g)).toHaveLength(1)
      // tsx's esbuild service is a child too: count the node processes.
      const children = execFileSync('ps', ['--ppid', String(server.child.pid), '-o', 'comm=']).toString().trim().split(/\s+/)
      expect(children.filter((name) => name === 'node')).toHaveLength(2)
      for (let i = 0; i < 6; i++) expect((await fetch(`${url}api/health/ready`, { headers: { connection: 'close' } })).status).toBe(200)
      // Whichever worker takes the scrape, it reports both workers' requests added up.
      for (let i = 0; i < 2; i++) {
        const scrape = await fetch(`${url}metrics`, { headers: { authorization: `Bearer ${metricsToken}`, connection: 'close' } })
        expect(scrape.status).toBe(200)
        expect(await scrape.text()).toContain('xuanfang_http_requests_total{method="GET",route="/api/health/ready",status="200"} 6')
      }
      expect(await stop(server)).toBe(0)
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.end()
    }
  })

  it('when DATABASE_URL points at a fresh PostgreSQL schema, then it migrates it, answers health and stops cleanly', async () => {
    const schema = `main_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: TEST_PG_URL })
    await admin.connect()
    try {
      await admin.query(`CREATE SCHEMA ${schema}`)
      const databaseUrl = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
      const server = startServer({ PORT: '0', DATABASE_URL: databaseUrl, AUTH_MODE: 'demo', SEED_DEMO: 'false' })
      const url = await startedUrl(server)
      expect(server.output.stdout).toContain('PostgreSQL')

      const res = await fetch(`${url}api/health`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ status: 'ok', database: { engine: 'pg', reachable: true, schemaVersion: expect.any(String) } })
      const tables = await admin.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'households'`, [schema])
      expect(tables.rows[0].n).toBe(1)
      expect(await stop(server)).toBe(0)
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.end()
    }
  })
})
