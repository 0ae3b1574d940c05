import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from '../db/database'
import { BackupError } from './backup-format'
import { readBackupLines, writeBackupFile } from './backup-file'
import { dumpDatabase } from './dump'
import { restoreDatabase, type RestoreResult } from './restore'
import { relationCount } from './schema-info'

/**
 * Copies one database into another, EMPTY one, through a backup file in a temporary folder (the same path as
 * `npm run backup` then `npm run restore`, so what is tested for one holds for the other), and verifies the copy.
 */
export async function moveDatabase(source: Database, target: Database): Promise<RestoreResult & { backupBytes: number }> {
  // Refused before the source is read: copying a county only to be refused at the end wastes the operator's hour.
  const relations = await relationCount(target.db)
  if (relations > 0) throw new BackupError('RESTORE_TARGET_NOT_EMPTY', `目标数据库不是空的（已有 ${relations} 个表或序列），迁移只写入空数据库`)
  const folder = mkdtempSync(join(tmpdir(), 'xuanfang-move-'))
  const file = join(folder, 'move.ndjson.gz')
  try {
    await writeBackupFile(file, (write) => dumpDatabase(source, write))
    const { size } = statSync(file)
    return { ...(await restoreDatabase(target, readBackupLines(file))), backupBytes: size }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
