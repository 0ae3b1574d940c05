import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openDatabase, type Database } from '../../../server/src/db/database'
import { createSchema, dropSchemas, TEST_PG_URL } from './pg-schemas'
import type { Engine } from './test-db'

/** The real entry point run as a child process, on a data folder or a PostgreSQL schema of its own. */
const ROOT = resolve(__dirname, '../../..')

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => done(port))
    })
    s.on('error', fail)
  })
}

export interface Target { engine: Engine; env: Record<string, string>; open: () => Promise<Database>; cleanUp: () => Promise<void> }

export async function aTarget(engine: Engine): Promise<Target> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'xuanfang-server-'))
    return { engine, env: { DATA_DIR: dir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir: dir }), cleanUp: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const schema = await createSchema()
  const url = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
  return { engine, env: { DATABASE_URL: url }, open: () => openDatabase({ url: TEST_PG_URL, schema }), cleanUp: () => dropSchemas([schema]) }
}

/** Starts the server and resolves once /api/health answers; `env` adds to or overrides the defaults. */
export async function startServer(target: Target, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, ...target.env, PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'demo', SEED_DEMO: 'false', OUTBOX_WORKER: 'off', LOG_LEVEL: 'warn',
      H5_DIR: '/nonexistent', ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error('server did not start')
}

/** Resolves with the exit code (null when killed by a signal) once the child has exited. */
export const stopped = (child: ChildProcess) => new Promise<number | null>((r) => {
  if (child.exitCode !== null || child.signalCode !== null) r(child.exitCode)
  else child.once('exit', (code) => r(code))
})
