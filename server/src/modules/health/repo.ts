import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/schema'

export interface DatabaseFacts {
  serverVersion: string
  /** The newest migration applied, null before the first. */
  schemaVersion: string | null
}

export class HealthRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async facts(): Promise<DatabaseFacts> {
    const { rows } = await sql<{ server_version: string; schema_version: string | null }>`
      SELECT current_setting('server_version') AS server_version,
             (SELECT max(version) FROM schema_migrations) AS schema_version`.execute(this.db)
    return { serverVersion: rows[0].server_version, schemaVersion: rows[0].schema_version }
  }
}
