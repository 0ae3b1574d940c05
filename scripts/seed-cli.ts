import { performance } from 'node:perf_hooks'
import { ConfigError, loadConfig } from '../server/src/config'
import { openDatabase } from '../server/src/db/database'
import { migrate, MigrationError } from '../server/src/db/migrator'
import { describeSeed, isDatabaseEmpty, seedDemoData } from '../server/src/seed/demo-seed'

/** `npm run seed`: writes the demo data into the configured database once; a database with regions is left alone. */
async function main() {
  const config = loadConfig()
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrate(database)
    if (!(await isDatabaseEmpty(database.db))) {
      console.log('数据库中已有区划数据，跳过演示数据写入')
      return
    }
    const started = performance.now()
    const summary = await seedDemoData(database, config)
    console.log(`${describeSeed(summary)}（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`)
  } finally {
    await database.close()
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof MigrationError ? e.message : e)
  process.exit(1)
})
