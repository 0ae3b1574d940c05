import { mkdirSync } from 'node:fs'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB } from './schema'

/**
 * One data layer over two engines: PGlite (embedded, WASM PostgreSQL) when there is no DATABASE_URL,
 * a PostgreSQL server through `pg` when there is. Same migrations, same Kysely queries.
 */
export interface Database {
  kind: 'pg' | 'pglite'
  db: Kysely<DB>
  /** Runs multi-statement SQL text (migrations). Not for request handling. */
  exec(sqlText: string): Promise<void>
  close(): Promise<void>
  /** PGlite only: the whole data folder as a tarball, to start other instances from (tests). */
  dumpDataDir?(): Promise<Blob>
  /**
   * PostgreSQL only: other server instances on the same database hear what this one announces (`pg_notify` on
   * `channelName(topic)` inside a transaction reaches every listener when it commits). PGlite is one process.
   */
  listen?(topic: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  channelName?(topic: string): string
  /** PostgreSQL only: the connection pool's use, for metrics. */
  poolStats?(): PoolStats
}

export interface PoolStats {
  total: number
  idle: number
  /** Queries waiting for a free connection. */
  waiting: number
  max: number
}

export interface DatabaseOptions {
  url?: string | null
  /** A folder, or "memory://" for a throw-away PGlite. */
  dataDir?: string
  /** PostgreSQL only: the schema to work in (tests give each file its own). */
  schema?: string
  poolMax?: number
  /** PGlite only: a dump of an already migrated database to start from (tests). */
  loadDataDir?: Blob | File
}

export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts) : openPGlite(opts)
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<Database> {
  const max = opts.poolMax ?? 10
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  // One connection hears every topic this process listens to: a connection per topic would multiply by instances.
  // Several apps may share one Database (tests build two servers on one): each channel keeps a set of handlers.
  type Handlers = Map<string, Set<(payload: string) => void>>
  let sharedListener: Promise<{ client: pg.Client; handlers: Handlers }> | null = null
  const openListener = async () => {
    const client = new pg.Client({ connectionString: url })
    const handlers: Handlers = new Map()
    await client.connect()
    client.on('notification', (m) => {
      if (m.payload !== undefined) for (const handle of handlers.get(m.channel) ?? []) handle(m.payload)
    })
    // A listener whose connection dropped would miss announcements silently: better to fail loudly.
    client.on('error', (e) => console.error(`数据库通知连接中断（${[...handlers.keys()].join(', ')}）:`, e.message))
    return { client, handlers }
  }
  // Notifications are per database, not per schema: the schema in the name keeps test files apart.
  const channelName = (topic: string) => `xf_${(opts.schema ?? 'public').replace(/[^a-z0-9_]/gi, '_')}_${topic}`.toLowerCase()
  return {
    kind: 'pg',
    db,
    channelName,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    listen: async (topic, onMessage) => {
      const channel = channelName(topic)
      sharedListener ??= openListener().catch((e: unknown) => {
        sharedListener = null // the next listen tries again
        throw e
      })
      const listener = await sharedListener
      const handlers = listener.handlers.get(channel) ?? new Set()
      const handle = (payload: string) => onMessage(payload) // its own identity, even for the same function twice
      listener.handlers.set(channel, handlers)
      handlers.add(handle)
      if (handlers.size === 1) await listener.client.query(`LISTEN ${channel}`)
      return async () => {
        handlers.delete(handle)
        if (handlers.size > 0) return
        listener.handlers.delete(channel)
        if (listener.handlers.size > 0) {
          await listener.client.query(`UNLISTEN ${channel}`).catch(() => {})
          return
        }
        sharedListener = null
        await listener.client.end().catch(() => {})
      }
    },
    exec: async (sqlText) => {
      const client = await pool.connect()
      try {
        await client.query(sqlText) // no parameters: simple protocol, several statements allowed
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {}) // never return a connection stuck in a failed transaction
        throw e
      } finally {
        client.release()
      }
    },
    close: async () => {
      await db.destroy()
      if (!pool.ended) await pool.end() // destroy() skips the pool when Kysely never ran a query
    },
  }
}

async function openPGlite(opts: DatabaseOptions): Promise<Database> {
  const dataDir = opts.dataDir ?? './data'
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true })
  const { PGlite } = await import('@electric-sql/pglite') // PostgreSQL deployments never load the WASM
  const pglite = await PGlite.create(dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {})
  // PGlite is one connection: Kysely's PGliteDialect serialises queries and whole transactions with a mutex,
  // so concurrent requests never interleave inside one transaction.
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) })
  return {
    kind: 'pglite',
    db,
    exec: async (sqlText) => {
      try {
        await pglite.exec(sqlText)
      } catch (e) {
        await pglite.exec('ROLLBACK').catch(() => {})
        throw e
      }
    },
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
    dumpDataDir: async () => pglite.dumpDataDir('none'),
  }
}
