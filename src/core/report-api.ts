import type { ActivityKind } from './activities'
import type { RiskLevel } from './warning-api'

/**
 * API shapes of the day / week / month report (按日、周、月通报, issue 7). Server TypeBox schemas mirror these.
 * Dates are YYYY-MM-DD in Asia/Shanghai; a period covers whole days [from, to].
 *
 * Routes (action report.read: admins and cadres of the region):
 *   GET /api/reports?regionId&period=day|week|month|custom&date=YYYY-MM-DD&to=YYYY-MM-DD → Report
 *       day/week/month: the period (ISO week, calendar month) that contains `date`;
 *       custom: from `date` to `to` (at most 366 days; REPORT_PERIOD_INVALID when `to` is before `date`).
 *   GET /api/reports/export.xlsx?…same query… → XLSX, one sheet per section, 通报 text on the first sheet
 *   GET /api/reports/summary.txt?…same query… → the plain-text 通报 a cadre pastes into a WeChat group
 */

export const REPORT_PERIODS = ['day', 'week', 'month', 'custom'] as const
export type ReportPeriodKind = (typeof REPORT_PERIODS)[number]

export interface ReportPeriod {
  kind: ReportPeriodKind
  from: string
  to: string
  /** e.g. "2026年11月24日", "2026年第48周（11月23日—11月29日）", "2026年11月". */
  label: string
}

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

export interface Report {
  region: { id: string; name: string; level: 'county' | 'town' | 'village' | 'grid' }
  period: ReportPeriod
  previousPeriod: ReportPeriod
  current: ReportSections
  previous: ReportSections
  comparisons: Comparison[]
  /** The figures per child region (towns of a county, villages of a town …), for the table and chart. */
  children: ReportChildRow[]
  /** The plain-text 通报, ready to paste. */
  summaryText: string
  generatedAt: string
}
