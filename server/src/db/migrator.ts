import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from './database'

export const MIGRATIONS_DIR = join(__dirname, 'migrations')
/** Any constant shared by every instance of this server: the key of the advisory lock migrations take. */
const MIGRATION_LOCK = 7_265_001

export interface MigrationFile {
  version: string
  sql: string
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }))
}

/**
 * Applies pending migrations in order, each in its own transaction together with its bookkeeping row:
 * a failing file rolls back whole and stops the run, leaving the schema as the last good migration left it.
 * Returns the versions applied.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  await database.exec(
    `BEGIN; SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});
     CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); COMMIT;`,
  )
  const appliedVersions = async () =>
    new Set((await database.db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version))
  const done = await appliedVersions()
  const applied: string[] = []
  for (const m of migrations) {
    if (done.has(m.version)) continue
    try {
      // Several instances starting at once on one PostgreSQL: the lock lets one apply the file while the others wait,
      // and a waiter's own attempt then fails on what already exists.
      await database.exec(
        `BEGIN;\nSELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\n${m.sql}\n;INSERT INTO schema_migrations (version) VALUES ('${m.version.replace(/'/g, "''")}');\nCOMMIT;`,
      )
    } catch (e) {
      if ((await appliedVersions()).has(m.version)) continue // applied by another instance meanwhile
      throw new MigrationError(m.version, e)
    }
    applied.push(m.version)
  }
  return applied
}

export class MigrationError extends Error {
  constructor(public readonly version: string, cause: unknown) {
    super(`迁移 ${version} 失败，已回滚: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}
