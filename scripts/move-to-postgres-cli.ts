import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { BackupError } from '../server/src/backup/backup-format'
import { moveDatabase } from '../server/src/backup/move'
import { describeHeader, describeVerification } from '../server/src/backup/summary'
import { ConfigError, loadConfig } from '../server/src/config'
import { openDatabase } from '../server/src/db/database'
import { MigrationError } from '../server/src/db/migrator'

/**
 * `npm run move-to-postgres -- --from <PGlite data folder> --to <DATABASE_URL>`: a county that started on the
 * embedded engine moves onto a PostgreSQL server. The target database must be empty; the copy is verified
 * (row counts, pledge chains, counters against a recount). Stop the server first: PGlite is one process.
 */
async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } })
  if (!values.from || !values.to) {
    throw new BackupError('MOVE_SOURCE_MISSING', '用法: npm run move-to-postgres -- --from <PGlite 数据目录，即 DATA_DIR> --to <postgres://…>')
  }
  if (!existsSync(join(values.from, 'PG_VERSION'))) {
    throw new BackupError('MOVE_SOURCE_MISSING', `${values.from} 不是 PGlite 数据目录（没有 PG_VERSION 文件）`)
  }
  // The URL is checked by the same rule as DATABASE_URL, so a typo is named the same way.
  const { databaseUrl } = loadConfig({ DATABASE_URL: values.to })
  const source = await openDatabase({ dataDir: values.from })
  const target = await openDatabase({ url: databaseUrl })
  try {
    const started = performance.now()
    const { header, verification, backupBytes } = await moveDatabase(source, target)
    console.log(describeHeader(header).join('\n'))
    console.log(describeVerification(verification).join('\n'))
    console.log(`已从 ${values.from} 迁移到 PostgreSQL（中转 ${backupBytes} 字节，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`)
    console.log('之后用 DATABASE_URL 启动服务；原 PGlite 目录保持不变，确认无误后可自行归档')
  } finally {
    await source.close()
    await target.close()
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof BackupError || e instanceof MigrationError ? e.message : e)
  process.exit(1)
})
