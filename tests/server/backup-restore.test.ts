import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import type { VisitInput } from '@/contract/visits'
import { buildApp } from '../../server/src/app'
import { readBackupLines, writeBackupFile } from '../../server/src/backup/backup-file'
import { dumpDatabase } from '../../server/src/backup/dump'
import { chainResults, counterChecks } from '../../server/src/backup/integrity'
import { moveDatabase } from '../../server/src/backup/move'
import { restoreDatabase } from '../../server/src/backup/restore'
import { dataTables } from '../../server/src/backup/schema-info'
import { testConfig, type Config } from '../../server/src/config'
import { openDatabase, type Database } from '../../server/src/db/database'
import { migrate } from '../../server/src/db/migrator'
import type { DB } from '../../server/src/db/schema'
import { seedDemoData } from '../../server/src/seed/demo-seed'
import { aBulletin, aDeviceKey } from './helpers/bulletin-reach-factories'
import { aUser, bearer, signIn } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { ENGINES, openTestDatabase, TEST_PG_URL } from './helpers/test-db'

const run = promisify(execFile)

/**
 * A small county as the server writes it: the demo seed, then through the API visits, pledges chained in two
 * villages and bulletin opens, so that the counters and the chains are the write path's, not hand-made; and an
 * activity photo, whose bytes a text format could mangle.
 */
async function aCountyAtWork(database: Database, config: Config) {
  await seedDemoData(database, config, { households: 120 })
  const app = await buildApp({ config, database })
  try {
    const db = database.db
    const worker = await aUser(db, { displayName: '李网格', roles: [{ role: 'grid_worker', regionId: '500116' }] })
    const token = await signIn({ db, config }, worker.id)
    const households = await db.selectFrom('households').innerJoin('regions', 'regions.id', 'households.region_id')
      .select(['households.id', 'regions.parent_id as village']).orderBy('households.code').execute()
    const now = new Date()
    const visits: VisitInput[] = households.slice(0, 40).map((h, i) => ({
      id: randomUUID(), householdId: h.id, visitedAt: new Date(now.getTime() - (i + 1) * 3_600_000).toISOString(), note: '已宣传',
      briefed: true, appInstalled: i % 2 === 0, callWarningOn: i % 3 === 0, emergencyContact: false, elderlyChildReminded: false,
    }))
    const visited = await app.inject({ method: 'POST', url: '/api/visits/batch', headers: bearer(token), payload: { visits } })
    expect(visited.json().items.every((i: { status: string }) => i.status === 'stored')).toBe(true)

    const template = await currentTemplate(db)
    const villages = [...new Set(households.map((h) => h.village))].slice(0, 2)
    const pledges = villages.flatMap((v) => households.filter((h) => h.village === v).slice(0, 3))
      .map((h) => aPledgeInput(template, h.id, now))
    const pledged = await app.inject({ method: 'POST', url: '/api/pledges/batch', headers: bearer(token), payload: { pledges } })
    expect(pledged.json().items.every((i: { status: string }) => i.status === 'stored')).toBe(true)

    const bulletin = await aBulletin(db, { regionId: '500116', createdBy: worker.id })
    const readers = Array.from({ length: 8 }, () => aDeviceKey())
    for (let i = 0; i < 20; i++) {
      const opened = await app.inject({ method: 'POST', url: '/api/public/opens', payload: { bulletinId: bulletin.id, readerKey: readers[i % readers.length] } })
      expect(opened.statusCode).toBe(200)
    }
    // Bytes that JSON and text encodings like to mangle: NUL, CR/LF, backslash, quote.
    const activity = await db.selectFrom('activities').select('id').orderBy('id').executeTakeFirstOrThrow()
    await db.insertInto('activity_photos').values({
      activity_id: activity.id, mime: 'image/jpeg', photo: Buffer.from([0xff, 0xd8, 0, 10, 13, 0x5c, 0x22, 0xff, 0xd9]), thumbnail: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    }).execute()
    return { villages }
  } finally {
    await app.close()
  }
}

/** Per table: its row count and a digest of its rows, to compare a copy with its source. */
async function tableContents(db: Kysely<DB>) {
  const contents: Record<string, { rows: number; digest: string | null }> = {}
  for (const table of await dataTables(db)) {
    const { rows: [r] } = await sql<{ rows: number; digest: string | null }>`
      SELECT count(*)::int AS rows, md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)) AS digest
      FROM ${sql.table(table.name)} t`.execute(db)
    contents[table.name] = r
  }
  return contents
}

const rowCounts = (contents: Record<string, { rows: number }>) => Object.fromEntries(Object.entries(contents).map(([t, c]) => [t, c.rows]))

describe.each(ENGINES)('backup and restore on %s', (engine) => {
  let folder: string
  beforeEach(() => { folder = mkdtempSync(join(tmpdir(), 'xuanfang-backup-test-')) })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  it('when a working county is backed up and restored into a fresh database, then every table holds the same rows, both villages\' chains verify and the counters equal a recount', async () => {
    const source = await openTestDatabase(engine)
    const target = await openTestDatabase(engine, { migrated: false })
    try {
      const { villages } = await aCountyAtWork(source, testConfig())
      const before = await tableContents(source.db)
      const file = join(folder, 'county.ndjson.gz')

      await writeBackupFile(file, (write) => dumpDatabase(source, write))
      const { verification } = await restoreDatabase(target, readBackupLines(file))

      expect(await tableContents(target.db)).toEqual(before)
      expect(before.visits.rows).toBe(40)
      expect(before.pledges.rows).toBe(6)
      expect(before.activity_photos.rows).toBe(1)
      expect(verification).toMatchObject({ ok: true, chainsVerified: 2, problems: [] })
      expect(await chainResults(target.db)).toEqual(Object.fromEntries(villages.map((v) => [v, true])))
      expect(await counterChecks(target.db)).toEqual([
        { counter: 'grid_coverage', mismatchedRows: 0 }, { counter: 'county_last_visit_days', mismatchedRows: 0 },
        { counter: 'bulletin_reach_totals', mismatchedRows: 0 },
      ])
    } finally {
      await source.close()
      await target.close()
    }
  })

  it('when rows are written after a restore, then the coverage trigger counts them again and the ids continue after the restored ones', async () => {
    const source = await openTestDatabase(engine)
    const target = await openTestDatabase(engine, { migrated: false })
    try {
      await aCountyAtWork(source, testConfig())
      const file = join(folder, 'county.ndjson.gz')
      await writeBackupFile(file, (write) => dumpDatabase(source, write))
      await restoreDatabase(target, readBackupLines(file))
      const grid = await target.db.selectFrom('grid_coverage').select(['grid_id', 'county_id', 'households']).orderBy('grid_id').executeTakeFirstOrThrow()
      const lastAudit = await target.db.selectFrom('audit_log').select(sql<string>`max(id)`.as('id')).executeTakeFirstOrThrow()

      await target.db.insertInto('households').values({ county_id: grid.county_id, region_id: grid.grid_id, code: 'RESTORED1', address: '新门牌 1 号', head_name: '周新' }).execute()
      const audit = await target.db.insertInto('audit_log').values({ action: 'test', target_type: 'test' }).returning('id').executeTakeFirstOrThrow()

      const after = await target.db.selectFrom('grid_coverage').select('households').where('grid_id', '=', grid.grid_id).executeTakeFirstOrThrow()
      expect(after.households).toBe(grid.households + 1)
      expect(BigInt(audit.id)).toBeGreaterThan(BigInt(lastAudit.id ?? 0))
    } finally {
      await source.close()
      await target.close()
    }
  })

  it('when the target database already has tables, then restore refuses with RESTORE_TARGET_NOT_EMPTY and writes nothing', async () => {
    const source = await openTestDatabase(engine)
    const target = await openTestDatabase(engine)
    try {
      await aCountyAtWork(source, testConfig())
      const file = join(folder, 'county.ndjson.gz')
      await writeBackupFile(file, (write) => dumpDatabase(source, write))
      const before = await tableContents(target.db)

      await expect(restoreDatabase(target, readBackupLines(file))).rejects.toMatchObject({
        code: 'RESTORE_TARGET_NOT_EMPTY', message: expect.stringContaining('目标数据库不是空的'),
      })
      expect(await tableContents(target.db)).toEqual(before)
    } finally {
      await source.close()
      await target.close()
    }
  })

  it('when the file is not a backup, then restore refuses with BACKUP_FILE_INVALID before creating any table', async () => {
    const target = await openTestDatabase(engine, { migrated: false })
    try {
      const file = join(folder, 'not-a-backup.ndjson.gz')
      await writeBackupFile(file, async (write) => write('{"hello":"world"}'))

      await expect(restoreDatabase(target, readBackupLines(file))).rejects.toMatchObject({ code: 'BACKUP_FILE_INVALID' })
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = current_schema()::regnamespace`.execute(target.db)
      expect(rows[0].n).toBe(0)
    } finally {
      await target.close()
    }
  })
})

describe('files restore refuses', () => {
  let folder: string
  beforeEach(() => { folder = mkdtempSync(join(tmpdir(), 'xuanfang-backup-test-')) })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  it('when the backup was made by a newer version with a migration this one lacks, then restore refuses with BACKUP_FROM_NEWER_VERSION naming it', async () => {
    const target = await openTestDatabase('pg', { migrated: false })
    try {
      const file = join(folder, 'future.ndjson.gz')
      const header = { format: 'xuanfang-backup', formatVersion: 1, migrations: ['001_foundation', '999_from_the_future'], tables: [], sequences: [], chains: {} }
      await writeBackupFile(file, async (write) => write(JSON.stringify(header)))

      await expect(restoreDatabase(target, readBackupLines(file))).rejects.toMatchObject({
        code: 'BACKUP_FROM_NEWER_VERSION', message: expect.stringContaining('999_from_the_future'),
      })
    } finally {
      await target.close()
    }
  })

  it('when the file was cut off in the middle, then restore refuses with BACKUP_FILE_INVALID, leaves no rows and puts triggers and foreign keys back', async () => {
    const source = await openTestDatabase('pg')
    const target = await openTestDatabase('pg', { migrated: false })
    try {
      await aCountyAtWork(source, testConfig())
      const file = join(folder, 'county.ndjson.gz')
      await writeBackupFile(file, (write) => dumpDatabase(source, write))
      const bytes = readFileSync(file)
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.8)))

      await expect(restoreDatabase(target, readBackupLines(file))).rejects.toMatchObject({ code: 'BACKUP_FILE_INVALID' })
      const counts = rowCounts(await tableContents(target.db))
      expect(counts.regions).toBe(0)
      expect(Object.values(counts).every((n) => n === 0 || n === 1)).toBe(true) // only rows the migrations insert
      const { rows: [switched] } = await sql<{ deferrable: number; disabled: number }>`
        SELECT (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND condeferrable AND connamespace = current_schema()::regnamespace)::int AS deferrable,
               (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                 WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgenabled = 'D')::int AS disabled`.execute(target.db)
      expect(switched).toEqual({ deferrable: 0, disabled: 0 }) // the load's switches are put back after a failure too
    } finally {
      await source.close()
      await target.close()
    }
  })
})

describe('one backup file for both engines', () => {
  it('when a PostgreSQL backup is restored into PGlite, then every table\'s row count, the chains and the counters match', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xuanfang-backup-test-'))
    const source = await openTestDatabase('pg')
    const target = await openTestDatabase('pglite', { migrated: false })
    try {
      const { villages } = await aCountyAtWork(source, testConfig())
      const file = join(folder, 'county.ndjson.gz')
      await writeBackupFile(file, (write) => dumpDatabase(source, write))

      const { verification } = await restoreDatabase(target, readBackupLines(file))

      expect(rowCounts(await tableContents(target.db))).toEqual(rowCounts(await tableContents(source.db)))
      expect(verification).toMatchObject({ ok: true, chainsVerified: villages.length })
    } finally {
      await source.close()
      await target.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

describe('move-to-postgres', () => {
  let folder: string
  beforeEach(() => { folder = mkdtempSync(join(tmpdir(), 'xuanfang-move-test-')) })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  /** A database of its own on the test server, as an operator would create for the move, dropped afterwards. */
  async function withFreshPgDatabase(use: (url: string) => Promise<void>) {
    const name = `xf_move_${randomBytes(6).toString('hex')}`
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: TEST_PG_URL })
      await client.connect()
      try { await client.query(text) } finally { await client.end() }
    }
    await admin(`CREATE DATABASE ${name}`)
    try {
      const url = new URL(TEST_PG_URL)
      url.pathname = `/${name}`
      await use(url.toString())
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  }

  it('when a PGlite data folder is moved into an empty PostgreSQL database by the command, then every table\'s row count, the chains and the counters are verified equal', async () => {
    const dataDir = join(folder, 'pglite')
    const source = await openDatabase({ dataDir })
    await migrate(source)
    const { villages } = await aCountyAtWork(source, testConfig())
    const before = rowCounts(await tableContents(source.db))
    await source.close()

    await withFreshPgDatabase(async (url) => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/move-to-postgres-cli.ts', '--from', dataDir, '--to', url], { cwd: join(__dirname, '../..') })
      expect(stdout).toMatch(/校验: \d+ 张表的行数一致；2 个村的承诺书哈希链校验通过/)

      const target = await openDatabase({ url })
      try {
        expect(rowCounts(await tableContents(target.db))).toEqual(before)
        expect(await chainResults(target.db)).toEqual(Object.fromEntries(villages.map((v) => [v, true])))
        expect((await counterChecks(target.db)).map((c) => c.mismatchedRows)).toEqual([0, 0, 0])
      } finally {
        await target.close()
      }
    })
  }, 180_000)

  it('when the PostgreSQL database already has tables, then the move refuses before reading the source', async () => {
    const source = await openTestDatabase('pglite')
    const target = await openTestDatabase('pg')
    try {
      await aCountyAtWork(source, testConfig())
      await expect(moveDatabase(source, target)).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' })
      expect((await target.db.selectFrom('households').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n).toBe(0)
    } finally {
      await source.close()
      await target.close()
    }
  })
})
