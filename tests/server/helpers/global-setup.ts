import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../../server/src/db/database'
import { migrate } from '../../../server/src/db/migrator'

/** Migrating a fresh PGlite takes seconds; do it once and let every test file start from this dump. */
export const PGLITE_DUMP_FILE = join(tmpdir(), `xuanfang-pglite-migrated-${process.getuid?.() ?? 0}.tar.gz`)

export default async function globalSetup() {
  const database = await openDatabase({ dataDir: 'memory://' })
  await migrate(database)
  const dump = await database.dumpDataDir!()
  writeFileSync(PGLITE_DUMP_FILE, Buffer.from(await dump.arrayBuffer()))
  await database.close()
}
