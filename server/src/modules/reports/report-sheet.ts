import ExcelJS from 'exceljs'
import { ACTIVITY_KINDS } from '#core/activities'
import type { Report, ReportPeriod } from '#contract/reports'
import { REPORT_FIGURES } from '#core/reports'
import { RISK_LEVEL_LABELS } from '#core/warnings'

const COUNT = '#,##0'
const MONEY = '#,##0.00'
const PERCENT = '0.0%'

/** The sheets of the figures compared with the previous period, by the key prefix of their figures. */
const SECTION_SHEETS = [
  { name: '通报传播', prefix: 'bulletins.' },
  { name: '入户宣防', prefix: 'doorToDoor.' },
  { name: '答题', prefix: 'quiz.' },
  { name: '预警劝阻', prefix: 'warnings.' },
  { name: '宣传活动', prefix: 'activities.' },
] as const

const MONEY_KEYS = new Set(REPORT_FIGURES.filter((f) => f.money).map((f) => f.key))

const span = (p: ReportPeriod) => `${p.label}（${p.from} 至 ${p.to}）`
/** Beijing wall-clock time of the instant, "2026-11-30 09:00". */
const beijingTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

/** The report as a workbook: the 通报 on the first sheet, one sheet per section, then the child regions. */
export async function reportSheet(report: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  summarySheet(book, report)
  for (const { name, prefix } of SECTION_SHEETS) {
    const sheet = figureSheet(book, name, report.comparisons.filter((c) => c.key.startsWith(prefix)))
    if (prefix === 'quiz.') sheet.addRow(['平均得分', report.current.quiz.averageScore ?? '—', report.previous.quiz.averageScore ?? '—'])
    if (prefix === 'warnings.') riskTable(sheet, report)
    if (prefix === 'activities.') kindTable(sheet, report)
  }
  childrenSheet(book, report)
  return Buffer.from(await book.xlsx.writeBuffer())
}

function summarySheet(book: ExcelJS.Workbook, report: Report) {
  const sheet = book.addWorksheet('通报摘要')
  sheet.columns = [{ header: '项目', width: 12 }, { header: '内容', width: 120 }]
  sheet.getRow(1).font = { bold: true }
  sheet.addRow(['区域', report.region.name])
  sheet.addRow(['统计时段', span(report.period)])
  sheet.addRow(['对比时段', span(report.previousPeriod)])
  sheet.addRow(['生成时间', beijingTime(report.generatedAt)])
  report.summaryText.split('\n').forEach((line, i) => sheet.addRow([i === 0 ? '通报正文' : '', line]))
}

function figureSheet(book: ExcelJS.Workbook, name: string, figures: Report['comparisons']): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name)
  sheet.columns = [
    { header: '指标', width: 30 }, { header: '本期', width: 14 }, { header: '上期', width: 14 },
    { header: '增减', width: 14 }, { header: '环比', width: 10, style: { numFmt: PERCENT } },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const f of figures) {
    const row = sheet.addRow([f.label, f.current, f.previous, f.change, f.changePercent === null ? '—' : f.changePercent / 100])
    const format = MONEY_KEYS.has(f.key) ? MONEY : COUNT
    for (const col of [2, 3, 4]) row.getCell(col).numFmt = format
  }
  return sheet
}

/** Below the figures: the current period by risk level with its on-time rate. */
function riskTable(sheet: ExcelJS.Worksheet, report: Report) {
  sheet.addRow([])
  sheet.addRow(['风险等级', '接收预警（条）', '按时联系（条）', '按时联系率']).font = { bold: true }
  for (const r of report.current.warnings.byRisk) {
    const row = sheet.addRow([RISK_LEVEL_LABELS[r.riskLevel], r.received, r.handledInTime, r.received === 0 ? '—' : r.handledInTime / r.received])
    row.getCell(4).numFmt = PERCENT
  }
}

function kindTable(sheet: ExcelJS.Worksheet, report: Report) {
  sheet.addRow([])
  sheet.addRow(['活动类型', '场次', '参与人次']).font = { bold: true }
  for (const k of report.current.activities.byKind) {
    sheet.addRow([ACTIVITY_KINDS.find((x) => x.key === k.kind)!.name, k.activities, k.attendance])
  }
}

function childrenSheet(book: ExcelJS.Workbook, report: Report) {
  const sheet = book.addWorksheet('分区域')
  const count = (header: string, key: string) => ({ header, key, width: 14, style: { numFmt: COUNT } })
  sheet.columns = [
    { header: '区域', key: 'regionName', width: 24 }, count('住户数', 'households'), count('走访住户', 'householdsVisited'),
    count('签订承诺书', 'pledgesSigned'), count('接收预警', 'warningsReceived'), count('宣传活动', 'activities'),
  ]
  sheet.getRow(1).font = { bold: true }
  for (const c of report.children) sheet.addRow(c)
}
