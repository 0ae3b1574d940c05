import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { parentsFirst } from './table-order'

/** Bookkeeping of the migrator: restore recreates it by migrating, so it is never copied as data. */
const MIGRATIONS_TABLE = 'schema_migrations'

export interface TableInfo {
  name: string
  columns: string[]
}

/** The data tables of the current schema (the one the server works in), parents before children. */
export async function dataTables(db: Kysely<DB>): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string; columns: string[] }>`
    SELECT c.relname AS name,
           (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns
      FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> ${MIGRATIONS_TABLE}`.execute(db)
  const { rows: references } = await sql<{ table: string; references: string }>`
    SELECT t.relname AS "table", r.relname AS "references"
      FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`.execute(db)
  const byName = new Map(tables.map((t) => [t.name, t]))
  return parentsFirst([...byName.keys()], references).map((name) => byName.get(name)!)
}

/** Every relation of the current schema: a database to restore into must have none. */
export async function relationCount(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S')`.execute(db)
  return rows[0].n
}

export async function sequenceValues(db: Kysely<DB>): Promise<{ name: string; value: string | null }[]> {
  const { rows } = await sql<{ name: string; value: string | null }>`
    SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1`.execute(db)
  return rows
}

export async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('schema_migrations').select('version').orderBy('version').execute()
  return rows.map((r) => r.version)
}

/** The foreign keys of the current schema, named so that restore can defer them and put them back. */
export async function foreignKeys(db: Kysely<DB>): Promise<{ table: string; name: string; deferrable: boolean }[]> {
  const { rows } = await sql<{ table: string; name: string; deferrable: boolean }>`
    SELECT t.relname AS "table", k.conname AS name, k.condeferrable AS deferrable
      FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace ORDER BY 1, 2`.execute(db)
  return rows
}

export async function rowCount(db: Kysely<DB>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)
  return rows[0].n
}
