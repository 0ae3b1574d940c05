import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { BackupError } from '../server/src/backup/backup-format'
import { readBackupLines } from '../server/src/backup/backup-file'
import { restoreDatabase } from '../server/src/backup/restore'
import { describeHeader, describeVerification } from '../server/src/backup/summary'
import { ConfigError, loadConfig } from '../server/src/config'
import { openDatabase } from '../server/src/db/database'
import { MigrationError } from '../server/src/db/migrator'

/**
 * `npm run restore -- --in <file>`: a backup into the configured database, which must be empty (a new PostgreSQL
 * database, or a DATA_DIR that does not exist yet). Verifies the result; exits 1 when anything does not match.
 */
async function main() {
  const { values } = parseArgs({ options: { in: { type: 'string' } } })
  if (!values.in) throw new BackupError('BACKUP_FILE_INVALID', '用法: npm run restore -- --in <备份文件>')
  const config = loadConfig()
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    const started = performance.now()
    const { header, verification } = await restoreDatabase(database, readBackupLines(values.in))
    console.log(describeHeader(header).join('\n'))
    console.log(describeVerification(verification).join('\n'))
    console.log(`已恢复（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）；启动服务时会执行此后的新迁移`)
  } finally {
    await database.close()
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof BackupError || e instanceof MigrationError ? e.message : e)
  process.exit(1)
})
