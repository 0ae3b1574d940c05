import { ConfigError, loadConfig } from '../config'
import { openDatabase } from './database'
import { migrate, MigrationError } from './migrator'

/** `npm run migrate`: brings the configured database up to date, for deployments that migrate before starting. */
async function main() {
  const config = loadConfig()
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    const applied = await migrate(database)
    console.log(applied.length > 0 ? `已执行迁移: ${applied.join(', ')}` : '数据库已是最新，无需迁移')
  } finally {
    await database.close()
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof MigrationError ? e.message : e)
  process.exit(1)
})
