import { sql, type Transaction } from 'kysely'
import type { Database } from '../db/database'
import type { DB } from '../db/schema'
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, tableMarker, type BackupHeader } from './backup-format'
import { chainResults } from './integrity'
import { appliedMigrations, dataTables, rowCount, sequenceValues } from './schema-info'

const ROWS_PER_FETCH = 2_000

/**
 * Writes the whole database as backup lines (see backup-format.ts) through `write`, one or more lines a call, which
 * may wait (back-pressure).
 * Everything is read in one REPEATABLE READ, read-only transaction: on PostgreSQL the backup is one consistent
 * snapshot while the servers keep writing; PGlite is one connection, so its server must be stopped anyway.
 */
export async function dumpDatabase(database: Database, write: (line: string) => Promise<void>): Promise<BackupHeader> {
  return database.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    const tables = await dataTables(trx)
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      engine: database.kind,
      migrations: await appliedMigrations(trx),
      tables: await Promise.all(tables.map(async (t) => ({ ...t, rows: await rowCount(trx, t.name) }))),
      sequences: await sequenceValues(trx),
      chains: await chainResults(trx),
    }
    await write(JSON.stringify(header))
    for (const table of header.tables) {
      await write(tableMarker(table.name))
      await streamRows(trx, table.name, write)
    }
    return header
  })
}

/** A cursor, so that a table of millions of rows is never held in memory at once. */
async function streamRows(trx: Transaction<DB>, table: string, write: (line: string) => Promise<void>) {
  await sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM ${sql.table(table)} t`.execute(trx)
  for (;;) {
    const { rows } = await sql<{ line: string }>`FETCH FORWARD ${sql.raw(String(ROWS_PER_FETCH))} FROM backup_rows`.execute(trx)
    if (rows.length > 0) await write(rows.map((r) => r.line).join('\n'))
    if (rows.length < ROWS_PER_FETCH) break
  }
  await sql`CLOSE backup_rows`.execute(trx)
}
