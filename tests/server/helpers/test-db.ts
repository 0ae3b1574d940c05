import { readFileSync } from 'node:fs'
import type { KyselyPlugin } from 'kysely'
import { openDatabase, type Database } from '../../../server/src/db/database'
import { migrate } from '../../../server/src/db/migrator'
import { PGLITE_DUMP_FILE } from './global-setup'
import { createSchema, dropSchemas, TEST_PG_URL } from './pg-schemas'
import { capturePristine, schemaFingerprint, type Pristine } from './pristine'

/** Every server suite runs on both engines: `describe.each(ENGINES)('%s', (engine) => …)`. */
export const ENGINES = ['pglite', 'pg'] as const
export type Engine = (typeof ENGINES)[number]

export { TEST_PG_URL }

/**
 * A migrated database that looks freshly made: every table as the migrations left it, sequences included.
 *
 * A new PGlite costs 1–3 s and a new PostgreSQL schema a migration run, while putting a used one back costs
 * milliseconds; so the databases a test file opened are kept and handed out again after close(). Jest gives every
 * test file its own module registry, hence this pool is per file and dies with it (see the afterAll below).
 * `{ migrated: false }` always gives a new empty one, closed for good on close().
 */
export async function openTestDatabase(engine: Engine, opts: { migrated?: boolean } = {}): Promise<Database> {
  if (!(opts.migrated ?? true)) return engine === 'pglite' ? openPGliteDatabase(false) : openSchema(await createSchema(), { dropOnClose: true })
  for (let slot = takeIdle(engine); slot; slot = takeIdle(engine)) {
    try {
      return await withinSeconds(RESET_TIMEOUT_SECONDS, lease(slot, { fresh: false }))
    } catch {
      discard(slot) // closed, broken or changed by its last test: never hand it out again
    }
  }
  return lease(await createSlot(engine), { fresh: true })
}

/** A pooled database: a PGlite kept open, or a PostgreSQL schema opened with a new pool for every lease. */
type Slot = { engine: 'pglite'; base: Database } | { engine: 'pg'; schema: string }

const RESET_TIMEOUT_SECONDS = 10
const idle: Slot[] = []
const owned = new Set<Slot>()
const pristine = new Map<Engine, Promise<Pristine>>()

function takeIdle(engine: Engine): Slot | undefined {
  const at = idle.findIndex((s) => s.engine === engine)
  return at < 0 ? undefined : idle.splice(at, 1)[0]
}

async function createSlot(engine: Engine): Promise<Slot> {
  const slot: Slot = engine === 'pglite' ? { engine, base: await openPGliteDatabase(true) } : { engine, schema: await createSchema() }
  owned.add(slot)
  return slot
}

/**
 * Hands the slot out. A reused one is first put back to the migrated state and checked: a schema changed by its
 * last test (DDL, a migration applied) fails the fingerprint and the caller replaces the slot.
 */
async function lease(slot: Slot, opts: { fresh: boolean }): Promise<Database> {
  const database = slot.engine === 'pglite' ? slot.base : await openSchema(slot.schema)
  try {
    if (opts.fresh && slot.engine === 'pg') await migrate(database) // the PGlite dump is migrated already
    if (!pristine.has(slot.engine)) pristine.set(slot.engine, capturePristine(database)) // taken from a fresh one
    const state = await pristine.get(slot.engine)!
    if (!opts.fresh) {
      if (slot.engine === 'pglite') await sessionReset(database)
      await database.exec(state.resetSql)
      if ((await schemaFingerprint(database)) !== state.fingerprint) throw new Error('schema changed by an earlier test')
    }
  } catch (e) {
    if (slot.engine === 'pg') await database.close().catch(() => {})
    throw e
  }
  return releasedOnClose(slot.engine === 'pglite' ? revocable(database) : database, () => idle.push(slot))
}

function releasedOnClose(database: Database, release: () => void): Database {
  let closed = false
  return {
    ...database,
    close: async () => {
      if (closed) return
      closed = true
      await database.close()
      release()
    },
  }
}

/**
 * PGlite is one session shared by every lease: end a transaction left open and drop what DISCARD ALL drops
 * (settings, prepared statements, temporary tables, LISTEN, session advisory locks). On PostgreSQL every lease has
 * a new pool, so its sessions end with it.
 */
async function sessionReset(base: Database) {
  await base.exec('ROLLBACK') // outside a transaction only a warning
  await base.exec('DISCARD ALL') // refuses to run in a transaction block, hence its own call
}

/**
 * A view of a shared PGlite that its test can close: afterwards every query fails as on a closed database,
 * while the instance itself stays open for the next lease.
 */
function revocable(base: Database): Database {
  let closed = false
  const refuseWhenClosed = () => {
    if (closed) throw new Error('PGlite is closed')
  }
  const guard: KyselyPlugin = {
    transformQuery: ({ node }) => {
      refuseWhenClosed()
      return node
    },
    transformResult: async ({ result }) => result,
  }
  return {
    ...base,
    db: base.db.withPlugin(guard),
    exec: async (sqlText) => {
      refuseWhenClosed()
      await base.exec(sqlText)
    },
    close: async () => {
      closed = true
    },
  }
}

function openPGliteDatabase(migrated: boolean): Promise<Database> {
  const dump = migrated ? new Blob([readFileSync(PGLITE_DUMP_FILE)]) : undefined
  return openDatabase({ dataDir: 'memory://', ...(dump && { loadDataDir: dump }) })
}

/** A new pool on the schema, so no session state outlives a lease; dropOnClose drops the schema after the pool. */
async function openSchema(schema: string, opts: { dropOnClose?: boolean } = {}): Promise<Database> {
  const database = await openDatabase({ url: TEST_PG_URL, schema, poolMax: 10 })
  if (!opts.dropOnClose) return database
  return {
    ...database,
    close: async () => {
      await database.close()
      await dropSchemas([schema])
    },
  }
}

function discard(slot: Slot) {
  owned.delete(slot)
  // Not awaited: a PGlite stuck in an abandoned transaction would never finish closing.
  const done = slot.engine === 'pglite' ? slot.base.close() : dropSchemas([slot.schema])
  done.catch(() => {})
}

function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

// The pool lives as long as the test file: close its PGlites and drop its schemas with it.
afterAll(async () => {
  const slots = [...owned]
  owned.clear()
  idle.length = 0
  await Promise.all(slots.flatMap((s) => (s.engine === 'pglite' ? [s.base.close().catch(() => {})] : [])))
  await dropSchemas(slots.flatMap((s) => (s.engine === 'pg' ? [s.schema] : []))).catch(() => {})
})
