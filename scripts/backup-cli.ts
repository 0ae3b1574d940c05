import { existsSync, statSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { BackupError } from '../server/src/backup/backup-format'
import { writeBackupFile } from '../server/src/backup/backup-file'
import { dumpDatabase } from '../server/src/backup/dump'
import { describeHeader } from '../server/src/backup/summary'
import { ConfigError, loadConfig } from '../server/src/config'
import { openDatabase } from '../server/src/db/database'

/**
 * `npm run backup -- --out <file>`: the configured database (DATABASE_URL, else the PGlite folder DATA_DIR) into one
 * gzip'd file. PostgreSQL may keep serving meanwhile (one consistent snapshot); PGlite's server must be stopped first.
 */
async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } })
  if (!values.out) throw new BackupError('BACKUP_FILE_INVALID', '用法: npm run backup -- --out <备份文件，如 backup-2026-12-06.ndjson.gz>')
  if (existsSync(values.out)) throw new BackupError('BACKUP_FILE_INVALID', `文件已存在，不会覆盖: ${values.out}`)
  const config = loadConfig()
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    const started = performance.now()
    const header = await writeBackupFile(values.out, (write) => dumpDatabase(database, write))
    console.log(describeHeader(header).join('\n'))
    console.log(`已备份到 ${values.out}（${statSync(values.out).size} 字节，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`)
  } finally {
    await database.close()
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof BackupError ? e.message : e)
  process.exit(1)
})
