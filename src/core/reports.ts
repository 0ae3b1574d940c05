import { ACTIVITY_KINDS, type ActivityKind } from './activities'
import { RISK_LEVELS, type RiskLevel } from './warnings'

/**
 * Rollups of the day / week / month report. SQL counts per child region (the town of a county, the village of
 * a town …) and these functions add the rows up: the totals and the child table come from the same rows, so
 * they always agree. Rows of the region itself (a warning filed on the town) carry regionId '' and count in
 * the totals only.
 */

export interface BulletinSection {
  published: number
  opens: number
  uniqueReaders: number
  groupsReached: number
  groupsRegistered: number
}

export interface DoorToDoorSection {
  households: number
  /** Distinct households visited in the period. */
  householdsVisited: number
  visits: number
  /** Households ever visited by the end of the period, and by its start: coverage change = end − start. */
  coveredAtEnd: number
  coveredAtStart: number
  pledgesSigned: number
  /** Visits in the period that recorded 国家反诈中心APP installed / 来电预警 on. */
  appInstalled: number
  callWarningOn: number
}

export interface QuizSection {
  participants: number
  attempts: number
  /** Mean score of submitted attempts, 0–100; null when none. */
  averageScore: number | null
  flagged: number
}

export interface WarningSection {
  received: number
  /** First contact within the time limit. */
  handledInTime: number
  outcomes: { dissuaded: number; defrauded: number; unreachable: number; falseAlarm: number; open: number }
  /** Yuan: sum of amountAtRisk of 劝阻成功 warnings. */
  lossPrevented: number
  /** Yuan: sum of reported losses of 已受骗 warnings. */
  lossSuffered: number
  byRisk: { riskLevel: RiskLevel; received: number; handledInTime: number }[]
}

export interface ActivitySection {
  activities: number
  attendance: number
  byKind: { kind: ActivityKind; activities: number; attendance: number }[]
}

export interface ReportSections {
  bulletins: BulletinSection
  doorToDoor: DoorToDoorSection
  quiz: QuizSection
  warnings: WarningSection
  activities: ActivitySection
}

/** One figure against the previous period of the same length. */
export interface Comparison {
  key: string
  label: string
  current: number
  previous: number
  /** current − previous. */
  change: number
  /** Percent change, one decimal; null when previous is 0. */
  changePercent: number | null
}

export interface ReportChildRow {
  regionId: string
  regionName: string
  households: number
  householdsVisited: number
  pledgesSigned: number
  warningsReceived: number
  activities: number
}

/** One child region's door-to-door counts, as SQL gives them. */
export interface DoorToDoorRow extends DoorToDoorSection {
  regionId: string
}

export interface WarningRow {
  regionId: string
  riskLevel: RiskLevel
  received: number
  handledInTime: number
  dissuaded: number
  defrauded: number
  unreachable: number
  falseAlarm: number
  open: number
  lossPrevented: number
  lossSuffered: number
}

export interface ActivityRow {
  regionId: string
  kind: ActivityKind
  activities: number
  attendance: number
}

export interface QuizFacts {
  participants: number
  attempts: number
  /** Sum and count of the scores of submitted attempts: the mean is taken here, over all of them. */
  scoreSum: number
  scored: number
  flagged: number
}

/** What the database answers for one period. Door-to-door rows may come partial, one query per table. */
export interface ReportFacts {
  bulletins: BulletinSection
  quiz: QuizFacts
  doorToDoor: (Partial<DoorToDoorRow> & { regionId: string })[]
  warnings: WarningRow[]
  activities: ActivityRow[]
}

export const emptyFacts = (): ReportFacts => ({
  bulletins: { published: 0, opens: 0, uniqueReaders: 0, groupsReached: 0, groupsRegistered: 0 },
  quiz: { participants: 0, attempts: 0, scoreSum: 0, scored: 0, flagged: 0 },
  doorToDoor: [],
  warnings: [],
  activities: [],
})

/** Field-by-field sum of the rows; a field a row lacks counts 0. Money keeps whole cents. */
function sum<K extends string>(rows: readonly Partial<Record<K, number>>[], keys: readonly K[]): Record<K, number> {
  const total = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
  for (const row of rows) for (const k of keys) total[k] += Number(row[k] ?? 0)
  for (const k of keys) total[k] = roundCents(total[k])
  return total
}

const DOOR_KEYS = ['households', 'householdsVisited', 'visits', 'coveredAtEnd', 'coveredAtStart', 'pledgesSigned', 'appInstalled', 'callWarningOn'] as const
const WARNING_KEYS = ['received', 'handledInTime', 'dissuaded', 'defrauded', 'unreachable', 'falseAlarm', 'open', 'lossPrevented', 'lossSuffered'] as const

export function rollupSections(facts: ReportFacts): ReportSections {
  const w = sum(facts.warnings, WARNING_KEYS)
  const a = sum(facts.activities, ['activities', 'attendance'])
  const { quiz } = facts
  return {
    bulletins: { ...facts.bulletins },
    doorToDoor: sum(facts.doorToDoor, DOOR_KEYS),
    quiz: {
      participants: quiz.participants, attempts: quiz.attempts, flagged: quiz.flagged,
      averageScore: quiz.scored === 0 ? null : Math.round((quiz.scoreSum / quiz.scored) * 10) / 10,
    },
    warnings: {
      received: w.received,
      handledInTime: w.handledInTime,
      outcomes: { dissuaded: w.dissuaded, defrauded: w.defrauded, unreachable: w.unreachable, falseAlarm: w.falseAlarm, open: w.open },
      lossPrevented: w.lossPrevented,
      lossSuffered: w.lossSuffered,
      byRisk: RISK_LEVELS.map((riskLevel) => {
        const r = sum(facts.warnings.filter((x) => x.riskLevel === riskLevel), ['received', 'handledInTime'])
        return { riskLevel, received: r.received, handledInTime: r.handledInTime }
      }),
    },
    activities: {
      ...a,
      byKind: ACTIVITY_KINDS.map(({ key }) => ({ kind: key, ...sum(facts.activities.filter((x) => x.kind === key), ['activities', 'attendance']) })),
    },
  }
}

/** One row per child region in the order given, zeros where nothing happened. */
export function childRows(children: readonly { id: string; name: string }[], facts: ReportFacts): ReportChildRow[] {
  return children.map(({ id, name }) => {
    const of = <T extends { regionId: string }>(rows: readonly T[]) => rows.filter((r) => r.regionId === id)
    const d = sum(of(facts.doorToDoor), ['households', 'householdsVisited', 'pledgesSigned'])
    return {
      regionId: id, regionName: name, ...d,
      warningsReceived: sum(of(facts.warnings), ['received']).received,
      activities: sum(of(facts.activities), ['activities']).activities,
    }
  })
}

/** A figure of the report that is compared with the previous period and listed in the spreadsheet. */
export interface ReportFigure {
  key: string
  label: string
  /** Yuan: shown with cents, not as a count. */
  money?: boolean
  of: (s: ReportSections) => number
}

export const REPORT_FIGURES: readonly ReportFigure[] = [
  { key: 'bulletins.published', label: '发布通报（期）', of: (s) => s.bulletins.published },
  { key: 'bulletins.opens', label: '通报打开（次）', of: (s) => s.bulletins.opens },
  { key: 'bulletins.uniqueReaders', label: '阅读人数', of: (s) => s.bulletins.uniqueReaders },
  { key: 'bulletins.groupsReached', label: '触达群（个）', of: (s) => s.bulletins.groupsReached },
  { key: 'bulletins.groupsRegistered', label: '登记群（个）', of: (s) => s.bulletins.groupsRegistered },
  { key: 'doorToDoor.households', label: '住户总数（户）', of: (s) => s.doorToDoor.households },
  { key: 'doorToDoor.householdsVisited', label: '走访住户（户）', of: (s) => s.doorToDoor.householdsVisited },
  { key: 'doorToDoor.visits', label: '走访（次）', of: (s) => s.doorToDoor.visits },
  { key: 'doorToDoor.newlyCovered', label: '新增覆盖（户）', of: (s) => s.doorToDoor.coveredAtEnd - s.doorToDoor.coveredAtStart },
  { key: 'doorToDoor.coveredAtEnd', label: '累计覆盖（户，期末）', of: (s) => s.doorToDoor.coveredAtEnd },
  { key: 'doorToDoor.pledgesSigned', label: '签订承诺书（份）', of: (s) => s.doorToDoor.pledgesSigned },
  { key: 'doorToDoor.appInstalled', label: '安装国家反诈中心APP（户次）', of: (s) => s.doorToDoor.appInstalled },
  { key: 'doorToDoor.callWarningOn', label: '开启来电预警（户次）', of: (s) => s.doorToDoor.callWarningOn },
  { key: 'quiz.participants', label: '答题人数', of: (s) => s.quiz.participants },
  { key: 'quiz.attempts', label: '答题人次', of: (s) => s.quiz.attempts },
  { key: 'quiz.flagged', label: '可疑答题（次）', of: (s) => s.quiz.flagged },
  { key: 'warnings.received', label: '接收预警（条）', of: (s) => s.warnings.received },
  { key: 'warnings.handledInTime', label: '按时联系（条）', of: (s) => s.warnings.handledInTime },
  { key: 'warnings.dissuaded', label: '劝阻成功（起）', of: (s) => s.warnings.outcomes.dissuaded },
  { key: 'warnings.defrauded', label: '已受骗（起）', of: (s) => s.warnings.outcomes.defrauded },
  { key: 'warnings.unreachable', label: '无法联系（起）', of: (s) => s.warnings.outcomes.unreachable },
  { key: 'warnings.falseAlarm', label: '误报（起）', of: (s) => s.warnings.outcomes.falseAlarm },
  { key: 'warnings.open', label: '处置中（起）', of: (s) => s.warnings.outcomes.open },
  { key: 'warnings.lossPrevented', label: '避免损失（元）', money: true, of: (s) => s.warnings.lossPrevented },
  { key: 'warnings.lossSuffered', label: '被骗损失（元）', money: true, of: (s) => s.warnings.lossSuffered },
  { key: 'activities.activities', label: '宣传活动（场）', of: (s) => s.activities.activities },
  { key: 'activities.attendance', label: '参与群众（人次）', of: (s) => s.activities.attendance },
]

/** Every figure against the previous period: the change and the percent change with one decimal. */
export function compareSections(current: ReportSections, previous: ReportSections): Comparison[] {
  return REPORT_FIGURES.map(({ key, label, of }) => {
    const [now, before] = [of(current), of(previous)]
    return { key, label, current: now, previous: before, change: roundCents(now - before), changePercent: percentChange(now, before) }
  })
}

/** (current − previous) / previous in percent, one decimal, halves away from zero; null when previous is 0. */
export function percentChange(current: number, previous: number): number | null {
  if (previous === 0) return null
  const percent = ((current - previous) / previous) * 100
  return (Math.sign(percent) * Math.round(Math.abs(percent) * 10 + 1e-9)) / 10 || 0
}

const roundCents = (x: number) => Math.round(x * 100) / 100
