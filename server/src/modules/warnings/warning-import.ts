import type { ImportRowError } from '#core/import-rows'
import { FRAUD_TYPES } from '#core/fraud-types'
import { isWithin } from '#core/regions'
import type { WarningInput } from '#contract/warnings'
import { checkWarningInput, WARNING_SOURCES, type RiskLevel } from '#core/warnings'
import type { WarningSheetRow } from './warning-sheet'

const RISK_BY_NAME: Record<string, RiskLevel> = { 高: 'high', 高风险: 'high', 中: 'medium', 中风险: 'medium', 低: 'low', 低风险: 'low' }
const CHINA_OFFSET_HOURS = 8

/** What the server knows about the regions and doors a file names, and what the importer may manage. */
export interface ImportContext {
  regions: ReadonlyMap<string, { path: string }>
  households: ReadonlyMap<string, { regionPath: string }>
  mayManage: (regionPath: string) => boolean
  now: Date
}

/** "2026-11-28 09:30" (or with seconds, or slashes) in Beijing time; null when it is not a real time. */
export function parseChinaDateTime(text: string): Date | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0))
  const at = new Date(Date.UTC(y, mo - 1, d, h - CHINA_OFFSET_HOURS, mi, s))
  const wall = new Date(at.getTime() + CHINA_OFFSET_HOURS * 3600_000)
  const real = wall.getUTCFullYear() === y && wall.getUTCMonth() === mo - 1 && wall.getUTCDate() === d && h < 24 && mi < 60 && s < 60
  return real ? at : null
}

function amountOf(cell: string): number | null | undefined {
  if (cell === '') return null
  const n = Number(cell.replace(/[,，元\s]/g, ''))
  return Number.isFinite(n) ? n : undefined
}

/** Each row checked on its own: every reason a row cannot be imported, in Chinese, under its spreadsheet row number. */
export function checkWarningRows(rows: readonly WarningSheetRow[], ctx: ImportContext): { accepted: WarningInput[]; errors: ImportRowError[] } {
  const accepted: WarningInput[] = []
  const errors: ImportRowError[] = []
  for (const { row, cells } of rows) {
    const reasons: string[] = []
    const region = ctx.regions.get(cells['区域编码'])
    if (!cells['区域编码']) reasons.push('缺少区域编码')
    else if (!region) reasons.push(`区域编码“${cells['区域编码']}”不存在`)
    else if (!ctx.mayManage(region.path)) reasons.push(`区域“${cells['区域编码']}”不在您管辖的范围内`)
    const code = cells['门牌编号']
    const household = code ? ctx.households.get(code) : undefined
    if (code && region && !(household && isWithin(household.regionPath, region.path))) reasons.push(`门牌编号“${code}”不存在或不在该区域内`)
    const fraudType = FRAUD_TYPES.find((t) => t.name === cells['诈骗类型'] || t.key === cells['诈骗类型'])?.key
    if (!fraudType) reasons.push(`诈骗类型“${cells['诈骗类型']}”无效，请填写类型名称，如 冒充公检法、刷单返利`)
    const riskLevel = RISK_BY_NAME[cells['风险等级']]
    if (!riskLevel) reasons.push(`风险等级“${cells['风险等级']}”无效，应为高、中或低`)
    const source = WARNING_SOURCES.find((s) => s.name === cells['来源'] || s.key === cells['来源'])?.key
    if (!source) reasons.push(`来源“${cells['来源']}”无效，应为 ${WARNING_SOURCES.map((s) => s.name).join('、')}`)
    const amountAtRisk = amountOf(cells['涉案金额'])
    if (amountAtRisk === undefined) reasons.push(`涉案金额“${cells['涉案金额']}”不是数字`)
    const receivedAt = parseChinaDateTime(cells['接警时间'])
    if (!receivedAt) reasons.push(`接警时间“${cells['接警时间']}”无效，应为 2026-11-28 09:30 这样的北京时间`)
    const input: WarningInput = {
      regionId: cells['区域编码'], householdCode: code || null, residentName: cells['姓名'], phone: cells['手机号'], address: cells['地址'],
      fraudType: fraudType ?? 'other', riskLevel: riskLevel ?? 'low', source: source ?? 'other', amountAtRisk: amountAtRisk ?? null,
      receivedAt: (receivedAt ?? ctx.now).toISOString(), assigneeId: null,
    }
    // The shared checks name what the columns above have not: name, phone, address, amount and a time in the future.
    const covered = new Set(['fraudType', 'riskLevel', 'source', ...(amountAtRisk === undefined ? ['amountAtRisk'] : [])])
    reasons.push(...checkWarningInput(input, ctx.now).filter((p) => !covered.has(p.field)).map((p) => p.message))
    if (reasons.length > 0) errors.push({ row, message: `第 ${row} 行：${reasons.join('；')}` })
    else accepted.push(input)
  }
  return { accepted, errors }
}
