import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { BackupHeader } from './backup-format'
import { chainResults, counterChecks, type CounterCheck } from './integrity'
import { rowCount } from './schema-info'

export interface Verification {
  ok: boolean
  tables: { name: string; expected: number; actual: number }[]
  /** Villages whose chain verified in the source and verifies here. */
  chainsVerified: number
  counters: CounterCheck[]
  problems: string[]
}

/**
 * Checks a restored or moved database against the backup's header: every table's row count, every village's
 * pledge chain verifying as it did in the source, and the trigger-kept counters equal to a recount.
 */
export async function verifyAgainst(db: Kysely<DB>, header: BackupHeader): Promise<Verification> {
  const problems: string[] = []
  const tables = await Promise.all(header.tables.map(async (t) => ({ name: t.name, expected: t.rows, actual: await rowCount(db, t.name) })))
  for (const t of tables) if (t.actual !== t.expected) problems.push(`表 ${t.name} 应有 ${t.expected} 行，实有 ${t.actual} 行`)
  const chains = await chainResults(db)
  let chainsVerified = 0
  for (const [village, wasOk] of Object.entries(header.chains)) {
    if (chains[village] === wasOk) {
      if (wasOk) chainsVerified++
    } else {
      problems.push(`村 ${village} 的承诺书哈希链${wasOk ? '在源库中校验通过，恢复后未通过' : '在恢复后的结果与源库不同'}`)
    }
  }
  for (const village of Object.keys(chains)) if (!(village in header.chains)) problems.push(`村 ${village} 的承诺书哈希链在源库中不存在`)
  const counters = await counterChecks(db)
  for (const c of counters) if (c.mismatchedRows > 0) problems.push(`计数表 ${c.counter} 有 ${c.mismatchedRows} 行与重新计数不符`)
  return { ok: problems.length === 0, tables, chainsVerified, counters, problems }
}
