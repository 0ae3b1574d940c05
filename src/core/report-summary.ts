import { ACTIVITY_KINDS } from './activities'
import type { ReportPeriodKind } from './report-period'
import { percentChange, type ReportSections } from './reports'

const REPORT_NAMES: Record<ReportPeriodKind, string> = { day: '日报', week: '周报', month: '月报', custom: '通报' }

/** "江津区反诈宣防周报": the title of the text and the name of the spreadsheet. */
export const reportTitle = (regionName: string, kind: ReportPeriodKind) => `${regionName}反诈宣防${REPORT_NAMES[kind]}`

/** 1234567.5 → "1,234,567.5": zh-CN grouping written out, because the mini-program runtime may lack Intl. */
export function formatNumber(n: number, maxDecimals = 2): string {
  const [whole, fraction] = (Math.round(Math.abs(n) * 10 ** maxDecimals) / 10 ** maxDecimals).toString().split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`
}

/** "（环比+12.5%）", "（环比-10.0%）", "（环比持平）", "（上期为0）". */
export function versusPrevious(current: number, previous: number): string {
  const percent = percentChange(current, previous)
  if (percent === null) return current === 0 ? '（环比持平）' : '（上期为0）'
  if (percent === 0) return '（环比持平）'
  return `（环比${percent > 0 ? '+' : ''}${percent.toFixed(1)}%）`
}

const rate = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`

export interface SummaryInput {
  regionName: string
  periodKind: ReportPeriodKind
  periodLabel: string
  current: ReportSections
  previous: ReportSections
}

/**
 * The plain-text 通报 a cadre pastes into a WeChat group: a title line and one line per section, every section
 * present even when its figures are 0, the main figure of each compared with the previous period.
 */
export function reportSummaryText({ regionName, periodKind, periodLabel, current: c, previous: p }: SummaryInput): string {
  const n = (x: number) => formatNumber(x)
  const d = c.doorToDoor
  const w = c.warnings
  const q = c.quiz
  const a = c.activities
  const lines = [
    `【${reportTitle(regionName, periodKind)}】${periodLabel}`,
    `一、入户宣防：走访住户${n(d.householdsVisited)}户${versusPrevious(d.householdsVisited, p.doorToDoor.householdsVisited)}，`
      + `走访${n(d.visits)}次，新增覆盖${n(d.coveredAtEnd - d.coveredAtStart)}户，累计覆盖${n(d.coveredAtEnd)}户`
      + `${d.households > 0 ? `（覆盖率${rate(d.coveredAtEnd, d.households)}）` : ''}；`
      + `签订承诺书${n(d.pledgesSigned)}份，协助安装国家反诈中心APP${n(d.appInstalled)}户次，开启来电预警${n(d.callWarningOn)}户次。`,
    `二、预警劝阻：接收预警${n(w.received)}条${versusPrevious(w.received, p.warnings.received)}，`
      + `按时联系${n(w.handledInTime)}条${w.received > 0 ? `（按时联系率${rate(w.handledInTime, w.received)}）` : ''}；`
      + `劝阻成功${n(w.outcomes.dissuaded)}起，已受骗${n(w.outcomes.defrauded)}起，无法联系${n(w.outcomes.unreachable)}起，`
      + `误报${n(w.outcomes.falseAlarm)}起，处置中${n(w.outcomes.open)}起；避免损失${n(w.lossPrevented)}元，群众被骗损失${n(w.lossSuffered)}元。`,
    `三、通报传播：发布通报${n(c.bulletins.published)}期，打开${n(c.bulletins.opens)}次${versusPrevious(c.bulletins.opens, p.bulletins.opens)}，`
      + `阅读${n(c.bulletins.uniqueReaders)}人，触达群${n(c.bulletins.groupsReached)}个（共登记${n(c.bulletins.groupsRegistered)}个）。`,
    `四、答题学习：参与答题${n(q.participants)}人${versusPrevious(q.participants, p.quiz.participants)}、共${n(q.attempts)}人次`
      + `${q.averageScore === null ? '' : `，平均得分${q.averageScore.toFixed(1)}分`}。`,
    `五、宣传活动：开展活动${n(a.activities)}场${versusPrevious(a.activities, p.activities.activities)}，参与群众${n(a.attendance)}人次`
      + `${kindsHeld(a.byKind)}。`,
  ]
  return lines.join('\n')
}

/** "（院坝会3场、赶大集1场）" for the kinds held; nothing when none was. */
function kindsHeld(byKind: ReportSections['activities']['byKind']): string {
  const held = byKind.filter((k) => k.activities > 0)
  if (held.length === 0) return ''
  const name = (kind: string) => ACTIVITY_KINDS.find((k) => k.key === kind)!.name
  return `（${held.map((k) => `${name(k.kind)}${formatNumber(k.activities)}场`).join('、')}）`
}
