import { sql } from 'kysely'
import type { Database } from '../../../server/src/db/database'

/** What a freshly migrated database holds, as SQL that puts a used one back to it. */
export interface Pristine {
  /** Empties every table but schema_migrations, re-inserts the rows migrations insert, rewinds every sequence. */
  resetSql: string
  fingerprint: string
}

/**
 * Reads a just-migrated database, generically: no table is named, so a new migration that inserts rows is covered.
 * DELETE rather than TRUNCATE: on PostgreSQL truncating the ~30 tables takes about a second, deleting a few
 * test rows milliseconds. With session_replication_role = replica neither foreign keys nor triggers fire,
 * so order does not matter and the re-inserted rows are exactly the captured ones.
 */
export async function capturePristine(database: Database): Promise<Pristine> {
  const { rows: found } = await sql<{ name: string; columns: string }>`
    SELECT c.relname AS name,
           (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns
      FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> 'schema_migrations'
     ORDER BY c.relname`.execute(database.db)
  const tables = await Promise.all(found.map(async (table) => {
    const { rows } = await sql<{ rows: string | null }>`SELECT json_agg(t)::text AS rows FROM ${sql.table(table.name)} t`.execute(database.db)
    return { ...table, rows: rows[0].rows }
  }))
  const sequences = (await sql<{ setval: string }>`
    SELECT format('SELECT setval(%L, %s, %s);', quote_ident(sequencename), coalesce(last_value, start_value), (last_value IS NOT NULL)::text) AS setval
      FROM pg_sequences WHERE schemaname = current_schema()`.execute(database.db)).rows
  const resetSql = [
    'BEGIN;',
    "SET LOCAL lock_timeout = '5s';", // a pool a test left open must not hang the next test
    'SET LOCAL session_replication_role = replica;',
    ...tables.map((t) => `DELETE FROM ${quoteIdent(t.name)};`),
    ...tables.filter((t) => t.rows).map((t) => `INSERT INTO ${quoteIdent(t.name)} (${t.columns}) OVERRIDING SYSTEM VALUE `
      + `SELECT ${t.columns} FROM json_populate_recordset(NULL::${quoteIdent(t.name)}, ${quoteLiteral(t.rows!)});`),
    ...sequences.map((s) => s.setval),
    'COMMIT;',
  ].join('\n')
  return { resetSql, fingerprint: await schemaFingerprint(database) }
}

/** Changes when a test altered the schema itself (tables, columns, constraints, triggers, functions, migrations). */
export async function schemaFingerprint(database: Database): Promise<string> {
  const { rows } = await sql<{ fingerprint: string }>`
    SELECT md5(string_agg(item, ',' ORDER BY item)) AS fingerprint FROM (
      SELECT format('%s %s.%s %s %s', c.relkind, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull) AS item
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE c.relnamespace = current_schema()::regnamespace
      UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
      UNION ALL SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal -- internal ones are named by oid
      UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
      UNION ALL SELECT 'migration ' || version FROM schema_migrations
    ) items`.execute(database.db)
  return rows[0].fingerprint
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`
