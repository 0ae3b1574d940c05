/**
 * A backup is gzip'd NDJSON, engine-neutral (PGlite has no pg_dump, and pg_dump of one major version cannot read
 * another's server): a header line, then per table a marker line `["table", name]` followed by one line per row,
 * each the row as PostgreSQL's own row_to_json wrote it. Rows never pass through JavaScript values, so numbers,
 * timestamps (microseconds) and arrays come back exactly as PostgreSQL wrote them.
 */
export const BACKUP_FORMAT = 'xuanfang-backup'
export const BACKUP_FORMAT_VERSION = 1

export interface BackupTable {
  name: string
  /** Stored columns, in table order; generated columns are left to the database. */
  columns: string[]
  rows: number
}

export interface BackupSequence {
  name: string
  /** null: never used, left at its start. */
  value: string | null
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  createdAt: string
  engine: 'pg' | 'pglite'
  /** The migrations the source had applied: the schema the rows belong to. */
  migrations: string[]
  /** Parents before children (foreign keys), the order restore loads them in. */
  tables: BackupTable[]
  sequences: BackupSequence[]
  /** Per village: whether its pledge hash chain verified in the source when the backup was taken. */
  chains: Record<string, boolean>
}

export const tableMarker = (name: string) => JSON.stringify(['table', name])

/** The table a marker line names, or null for a row line. */
export function markedTable(line: string): string | null {
  if (!line.startsWith('[')) return null
  const parsed: unknown = JSON.parse(line)
  return Array.isArray(parsed) && parsed[0] === 'table' && typeof parsed[1] === 'string' ? parsed[1] : null
}

/** Why a backup, restore or move stopped; the message is for the operator, in Chinese. */
export class BackupError extends Error {
  constructor(public readonly code: BackupErrorCode, message: string) {
    super(message)
  }
}

export type BackupErrorCode =
  | 'BACKUP_FILE_INVALID'
  | 'BACKUP_FROM_NEWER_VERSION'
  | 'RESTORE_TARGET_NOT_EMPTY'
  | 'RESTORE_VERIFY_FAILED'
  | 'MOVE_SOURCE_MISSING'
