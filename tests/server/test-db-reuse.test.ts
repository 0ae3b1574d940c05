import { sql } from 'kysely'
import type { Database } from '../../server/src/db/database'
import { aRegionTree, aUser } from './helpers/factories'
import { ENGINES, openTestDatabase, type Engine } from './helpers/test-db'

/** Every table's rows and every sequence's position: what "freshly migrated" means, read generically. */
async function contents(database: Database) {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' ORDER BY relname`
    .execute(database.db)
  const snapshot: Record<string, unknown> = {}
  for (const { name } of tables) {
    const { rows } = await sql<{ rows: unknown }>`SELECT coalesce(json_agg(t ORDER BY t::text), '[]') AS rows FROM ${sql.table(name)} t`
      .execute(database.db)
    snapshot[name] = rows[0].rows
  }
  const { rows: sequences } = await sql<{ name: string; value: string | null }>`
    SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1`
    .execute(database.db)
  return { tables: snapshot, sequences }
}

/** Which physical database this is: the PostgreSQL schema, or the PGlite instance's start time. */
async function identity(database: Database) {
  const { rows } = await sql<{ id: string }>`SELECT current_schema() || ' ' || pg_postmaster_start_time()::text AS id`.execute(database.db)
  return rows[0].id
}

/** Writes to several tables, advancing a sequence, and changes the session: what a test leaves behind. */
async function dirty(database: Database) {
  const tree = await aRegionTree(database.db)
  await aUser(database.db, { roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
  await database.db.insertInto('audit_log').values({ action: 'test', target_type: 'test' }).execute()
  await database.db.deleteFrom('pledge_templates').execute()
}

async function withDatabase<T>(engine: Engine, use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openTestDatabase(engine)
  try {
    return await use(database)
  } finally {
    await database.close()
  }
}

describe.each(ENGINES)('reused test databases on %s', (engine) => {
  it('when a test writes rows and closes, then the next one gets the same database back exactly as freshly migrated', async () => {
    const first = await openTestDatabase(engine)
    const fresh = await contents(first)
    const id = await identity(first)
    await dirty(first)
    await first.close()

    await withDatabase(engine, async (next) => {
      expect(await identity(next)).toBe(id)
      expect(await contents(next)).toEqual(fresh)
      expect((fresh.tables.pledge_templates as unknown[]).length).toBeGreaterThan(0) // rows the migrations insert
    })
  })

  it('when a sequence was advanced, then the next test gets the same ids a fresh database gives', async () => {
    const insertAudit = (database: Database) => database.db.insertInto('audit_log')
      .values({ action: 'test', target_type: 'test' }).returning('id').executeTakeFirstOrThrow()
    const firstId = await withDatabase(engine, insertAudit)
    expect(await withDatabase(engine, insertAudit)).toEqual(firstId)
  })

  it('when a test changed its session, then the next test sees none of it', async () => {
    await withDatabase(engine, async (database) => {
      await database.exec(`SET TIME ZONE 'Pacific/Kiritimati'; CREATE TEMP TABLE scratch (x int); SELECT pg_advisory_lock(42)`)
    })
    await withDatabase(engine, async (database) => {
      const { rows } = await sql<{ zone: string; scratch: string | null; locks: number }>`
        SELECT current_setting('TimeZone') AS zone, to_regclass('scratch')::text AS scratch,
               (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS locks`.execute(database.db)
      expect(rows[0]).toEqual({ zone: expect.not.stringMatching(/Kiritimati/), scratch: null, locks: 0 })
    })
  })

  it('when a test closed its database, then queries on it fail and the next test gets a working one', async () => {
    const closed = await openTestDatabase(engine)
    await closed.close()
    await expect(sql`SELECT 1`.execute(closed.db)).rejects.toThrow()
    await expect(closed.exec('SELECT 1')).rejects.toThrow()
    await withDatabase(engine, async (database) => {
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows).toEqual([{ one: 1 }])
    })
  })

  it('when a test destroyed the connection underneath, then the next test still gets a working, freshly migrated one', async () => {
    const broken = await openTestDatabase(engine)
    const fresh = await contents(broken)
    await broken.db.destroy()
    await broken.close()
    await withDatabase(engine, async (database) => {
      expect(await contents(database)).toEqual(fresh)
    })
  })

  it('when a test changed the schema, then the next test gets a database without the change', async () => {
    await withDatabase(engine, (database) => database.exec('CREATE TABLE leftover (x int); ALTER TABLE regions ADD COLUMN extra int'))
    await withDatabase(engine, async (database) => {
      const { rows } = await sql<{ leftover: string | null; extra: number }>`
        SELECT to_regclass('leftover')::text AS leftover,
               (SELECT count(*)::int FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'extra') AS extra`
        .execute(database.db)
      expect(rows[0]).toEqual({ leftover: null, extra: 0 })
    })
  })

  it('when two databases are open at once, then they are distinct', async () => {
    const [a, b] = [await openTestDatabase(engine), await openTestDatabase(engine)]
    try {
      await aRegionTree(a.db)
      expect(await identity(a)).not.toBe(await identity(b))
      expect(await b.db.selectFrom('regions').select('id').execute()).toEqual([])
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('when an unmigrated database is asked for after pooled ones were used, then it is new and empty', async () => {
    await withDatabase(engine, dirty)
    const empty = await openTestDatabase(engine, { migrated: false })
    try {
      const { rows } = await sql<{ tables: number }>`
        SELECT count(*)::int AS tables FROM pg_class WHERE relnamespace = current_schema()::regnamespace`.execute(empty.db)
      expect(rows[0].tables).toBe(0)
    } finally {
      await empty.close()
    }
  })
})
