import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/database'
import { migrate, readMigrations } from '../db/migrator'
import type { DB } from '../db/schema'
import { BACKUP_FORMAT, BackupError, markedTable, type BackupHeader, type BackupTable } from './backup-format'
import { foreignKeys, relationCount } from './schema-info'
import { verifyAgainst, type Verification } from './verify'

/** Rows per INSERT, and bytes: a batch of large rows (pledge strokes) stays well under a statement's limits. */
const ROWS_PER_INSERT = 1_000
const BYTES_PER_INSERT = 4 * 1024 * 1024

export interface RestoreResult {
  header: BackupHeader
  verification: Verification
}

/**
 * Restores backup lines into an EMPTY database: migrates it to the backup's schema, loads every table, sets the
 * sequences and verifies (row counts, every village's pledge chain, counters against a recount). Migrations
 * newer than the backup are left to the server's start, as after any upgrade.
 *
 * The rows are loaded verbatim, counters included, so the counting triggers are switched off for the load; foreign
 * keys stay on but are checked at commit (self-references such as regions.parent_id need no row order). Both are
 * put back afterwards, whether the load succeeded or not. One transaction: a failed load leaves no rows behind.
 */
export async function restoreDatabase(database: Database, lines: AsyncIterable<string>): Promise<RestoreResult> {
  const relations = await relationCount(database.db)
  if (relations > 0) {
    throw new BackupError('RESTORE_TARGET_NOT_EMPTY', `目标数据库不是空的（已有 ${relations} 个表或序列），为防止覆盖数据，恢复只写入空数据库：请新建一个数据库或换一个空的数据目录`)
  }
  const iterator = lines[Symbol.asyncIterator]()
  const header = parseHeader(await iterator.next())
  await migrate(database, migrationsOf(header))
  const switches = await loadSwitches(database.db)
  await setLoadMode(database.db, switches, 'load')
  try {
    await database.db.transaction().execute(async (trx) => {
      await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx)
      // Rows some migrations insert (the first pledge template, counters of the seeded state) are in the backup too.
      for (const table of [...header.tables].reverse()) await sql`DELETE FROM ${sql.table(table.name)}`.execute(trx)
      await loadRows(trx, header, iterator)
      for (const s of header.sequences) {
        if (s.value !== null) await sql`SELECT setval(quote_ident(${s.name})::regclass, ${s.value}::bigint, true)`.execute(trx)
      }
    })
  } finally {
    await setLoadMode(database.db, switches, 'normal')
  }
  const verification = await verifyAgainst(database.db, header)
  if (!verification.ok) throw new BackupError('RESTORE_VERIFY_FAILED', `恢复后校验未通过: ${verification.problems.join('；')}`)
  return { header, verification }
}

function parseHeader(first: IteratorResult<string>): BackupHeader {
  let header: Partial<BackupHeader> | null = null
  try {
    header = first.done ? null : JSON.parse(first.value)
  } catch {
    header = null
  }
  if (header?.format !== BACKUP_FORMAT || !Array.isArray(header.tables) || !Array.isArray(header.migrations)) {
    throw new BackupError('BACKUP_FILE_INVALID', '这不是反诈宣防通的备份文件（缺少备份文件头）')
  }
  return header as BackupHeader
}

/** This program's migrations up to the backup's: a backup made by a newer version cannot be read by this one. */
function migrationsOf(header: BackupHeader) {
  const known = readMigrations()
  const unknown = header.migrations.filter((v) => !known.some((m) => m.version === v))
  if (unknown.length > 0) {
    throw new BackupError('BACKUP_FROM_NEWER_VERSION', `备份来自更新版本的程序（含本程序没有的迁移 ${unknown.join(', ')}），请用同一版本或更新的版本恢复`)
  }
  return known.filter((m) => header.migrations.includes(m.version))
}

/** What restore switches for the load, read before switching so that exactly that is put back. */
interface LoadSwitches {
  foreignKeys: { table: string; name: string }[]
  triggeredTables: string[]
}

async function loadSwitches(db: Kysely<DB>): Promise<LoadSwitches> {
  const keys = await foreignKeys(db)
  const { rows } = await sql<{ table: string }>`
    SELECT DISTINCT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgenabled = 'O' ORDER BY 1`.execute(db)
  return { foreignKeys: keys.filter((k) => !k.deferrable), triggeredTables: rows.map((r) => r.table) }
}

/**
 * 'load': counting triggers off, foreign keys deferrable (still checked, at commit); 'normal' puts both back.
 * Table owners may do both, so a restore needs no superuser (unlike session_replication_role).
 */
async function setLoadMode(db: Kysely<DB>, switches: LoadSwitches, mode: 'load' | 'normal') {
  await db.transaction().execute(async (trx) => {
    for (const k of switches.foreignKeys) {
      const deferrable = sql.raw(mode === 'load' ? 'DEFERRABLE INITIALLY IMMEDIATE' : 'NOT DEFERRABLE')
      await sql`ALTER TABLE ${sql.table(k.table)} ALTER CONSTRAINT ${sql.ref(k.name)} ${deferrable}`.execute(trx)
    }
    for (const t of switches.triggeredTables) {
      await sql`ALTER TABLE ${sql.table(t)} ${sql.raw(mode === 'load' ? 'DISABLE' : 'ENABLE')} TRIGGER USER`.execute(trx)
    }
  })
}

async function loadRows(trx: Transaction<DB>, header: BackupHeader, lines: AsyncIterator<string>) {
  const tables = new Map(header.tables.map((t) => [t.name, t]))
  let table: BackupTable | null = null
  let batch: string[] = []
  let bytes = 0
  const flush = async () => {
    if (table && batch.length > 0) await insertRows(trx, table, `[${batch.join(',')}]`)
    batch = []
    bytes = 0
  }
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value
    if (line === '') continue
    const marked = markedTable(line)
    if (marked !== null) {
      await flush()
      table = tables.get(marked) ?? null
      if (!table) throw new BackupError('BACKUP_FILE_INVALID', `备份文件中的表 ${marked} 不在文件头所列之中`)
      continue
    }
    if (!table) throw new BackupError('BACKUP_FILE_INVALID', '备份文件中有不属于任何表的数据行')
    batch.push(line)
    bytes += line.length
    if (batch.length >= ROWS_PER_INSERT || bytes >= BYTES_PER_INSERT) await flush()
  }
  await flush()
}

/** PostgreSQL turns the JSON back into typed rows itself: the values never become JavaScript numbers or dates. */
async function insertRows(trx: Transaction<DB>, table: BackupTable, rowsJson: string) {
  const columns = sql.join(table.columns.map((c) => sql.ref(c)))
  await sql`INSERT INTO ${sql.table(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
    SELECT ${columns} FROM json_populate_recordset(NULL::${sql.table(table.name)}, ${rowsJson}::json)`.execute(trx)
}
