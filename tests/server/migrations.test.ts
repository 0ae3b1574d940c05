import { sql } from 'kysely'
import { migrate, readMigrations, MigrationError } from '../../server/src/db/migrator'
import { openDatabase } from '../../server/src/db/database'
import { createSchema, dropSchemas } from './helpers/pg-schemas'
import { ENGINES, openTestDatabase, TEST_PG_URL } from './helpers/test-db'

describe.each(ENGINES)('migrations on %s', (engine) => {
  it('when migrations run on an empty database, then every table exists and a second run applies nothing', async () => {
    const database = await openTestDatabase(engine, { migrated: false })
    try {
      const applied = await migrate(database)
      expect(applied).toEqual(readMigrations().map((m) => m.version))
      expect(await migrate(database)).toEqual([])
      const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM regions`.execute(database.db)
      expect(count.rows[0].n).toBe(0)
    } finally {
      await database.close()
    }
  })

  it('when a migration fails halfway, then it is rolled back whole and the schema stays as it was', async () => {
    const database = await openTestDatabase(engine, { migrated: true })
    try {
      const broken = [...readMigrations(), { version: '999_broken', sql: 'CREATE TABLE half_done (id int);\nSELECT no_such_function();' }]
      await expect(migrate(database, broken)).rejects.toBeInstanceOf(MigrationError)
      const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(database.db)
      expect(tables.rows[0].n).toBe(0)
      const versions = await database.db.selectFrom('schema_migrations').select('version').execute()
      expect(versions.map((v) => v.version)).not.toContain('999_broken')
    } finally {
      await database.close()
    }
  })
})

describe('migrations from several instances at once on pg', () => {
  it('when three instances start on one empty schema together, then all succeed and each migration is applied once', async () => {
    const schema = await createSchema()
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ url: TEST_PG_URL, schema })))
    try {
      const applied = await Promise.all(instances.map((database) => migrate(database)))
      expect(applied.flat().sort()).toEqual(readMigrations().map((m) => m.version))
      const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(instances[0].db)
      expect(rows.rows[0].n).toBe(readMigrations().length)
    } finally {
      await Promise.all(instances.map((database) => database.close()))
      await dropSchemas([schema])
    }
  })
})
