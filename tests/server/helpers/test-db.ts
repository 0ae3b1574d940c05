import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { openDatabase, type Database } from '../../../server/src/db/database'
import { migrate } from '../../../server/src/db/migrator'
import { PGLITE_DUMP_FILE } from './global-setup'

/** Every server suite runs on both engines: `describe.each(ENGINES)('%s', (engine) => …)`. */
export const ENGINES = ['pglite', 'pg'] as const
export type Engine = (typeof ENGINES)[number]

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * A fresh, migrated database of its own: PGlite in memory started from the migrated dump made once in
 * global-setup, or a new schema on the PostgreSQL server that is dropped again on close.
 */
export async function openTestDatabase(engine: Engine, opts: { migrated?: boolean } = {}): Promise<Database> {
  const migrated = opts.migrated ?? true
  if (engine === 'pglite') {
    const dump = migrated ? new Blob([readFileSync(PGLITE_DUMP_FILE)]) : undefined
    return openDatabase({ dataDir: 'memory://', ...(dump && { loadDataDir: dump }) })
  }
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_PG_URL })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const database = await openDatabase({ url: TEST_PG_URL, schema, poolMax: 10 })
  if (migrated) await migrate(database)
  const close = database.close
  return {
    ...database,
    close: async () => {
      await close()
      const cleanup = new pg.Client({ connectionString: TEST_PG_URL })
      await cleanup.connect()
      await cleanup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await cleanup.end()
    },
  }
}
