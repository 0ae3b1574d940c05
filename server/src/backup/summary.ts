import type { BackupHeader } from './backup-format'
import type { Verification } from './verify'

/** What the commands print: one line per table with rows, then the checks, in Chinese for the operator. */
export function describeHeader(header: BackupHeader): string[] {
  const rows = header.tables.reduce((n, t) => n + t.rows, 0)
  const villages = Object.keys(header.chains).length
  return [
    `数据库结构版本: ${header.migrations.at(-1) ?? '（无）'}（${header.migrations.length} 个迁移）`,
    `共 ${header.tables.length} 张表 ${rows} 行；${villages} 个村的承诺书哈希链`,
    ...header.tables.filter((t) => t.rows > 0).map((t) => `  ${t.name}: ${t.rows} 行`),
  ]
}

export function describeVerification(v: Verification): string[] {
  return [
    `校验: ${v.tables.length} 张表的行数一致；${v.chainsVerified} 个村的承诺书哈希链校验通过；`
      + v.counters.map((c) => `${c.counter} 与重新计数${c.mismatchedRows === 0 ? '一致' : `有 ${c.mismatchedRows} 行不符`}`).join('，'),
  ]
}
