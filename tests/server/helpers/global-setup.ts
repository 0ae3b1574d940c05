import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../../server/src/db/database'
import { migrate, MIGRATIONS_DIR } from '../../../server/src/db/migrator'

/**
 * Migrating a fresh PGlite takes seconds; do it once and let every test file start from this dump. Named after this
 * checkout's migrations: a run in another checkout with other migrations on the same machine keeps its own dump.
 */
export const PGLITE_DUMP_FILE = join(tmpdir(), `xuanfang-pglite-migrated-${process.getuid?.() ?? 0}-${migrationsDigest()}.tar.gz`)

function migrationsDigest(): string {
  const hash = createHash('sha256')
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)))
  return hash.digest('hex').slice(0, 12)
}

/**
 * Names this jest run; set before the workers start, so they inherit it. Several people run tests against the
 * same PostgreSQL at once: the teardown must drop this run's schemas and nobody else's.
 */
export const TEST_RUN_ENV = 'XUANFANG_TEST_RUN'

export default async function globalSetup() {
  process.env[TEST_RUN_ENV] = randomBytes(4).toString('hex')
  const database = await openDatabase({ dataDir: 'memory://' })
  await migrate(database)
  const dump = await database.dumpDataDir!()
  // Written aside and renamed: another person's run may be reading the file at this moment.
  const written = `${PGLITE_DUMP_FILE}.${process.pid}`
  writeFileSync(written, Buffer.from(await dump.arrayBuffer()))
  renameSync(written, PGLITE_DUMP_FILE)
  await database.close()
}
