import { Type, type Static } from 'typebox'
import { ACTIVITY_KINDS } from '../core/activities'
import { REPORT_PERIODS } from '../core/report-period'
import { RISK_LEVELS } from '../core/warnings'
import { RegionId, RegionLevelName } from './common'

/**
 * The day / week / month report (按日、周、月通报). Dates are YYYY-MM-DD in Asia/Shanghai; a period covers whole
 * days [from, to]. The rules that fill it are src/core/reports.ts, report-period.ts and report-build.ts.
 */

const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description })
const count = () => Type.Integer({ minimum: 0 })

/** `date` anchors a day, week or month; a custom period runs from `date` to `to`. */
export const ReportQuery = Type.Object({
  regionId: RegionId,
  period: Type.Enum([...REPORT_PERIODS], { description: 'day 日 / week ISO周 / month 月 / custom 自定义' }),
  date: Day('所在日期（日/周/月）或开始日期（自定义），北京时间'),
  to: Type.Optional(Day('结束日期（仅自定义，含当天，最长 366 天）')),
})
export type ReportQuery = Static<typeof ReportQuery>

export const ReportPeriod = Type.Object({ kind: Type.Enum([...REPORT_PERIODS]), from: Type.String(), to: Type.String(), label: Type.String() })
export type ReportPeriod = Static<typeof ReportPeriod>

export const WarningSection = Type.Object({
  received: count(), handledInTime: count(),
  outcomes: Type.Object({ dissuaded: count(), defrauded: count(), unreachable: count(), falseAlarm: count(), open: count() }),
  lossPrevented: Type.Number(), lossSuffered: Type.Number(),
  byRisk: Type.Array(Type.Object({ riskLevel: Type.Enum([...RISK_LEVELS]), received: count(), handledInTime: count() })),
})
export type WarningSection = Static<typeof WarningSection>

export const ReportSections = Type.Object({
  bulletins: Type.Object({ published: count(), opens: count(), uniqueReaders: count(), groupsReached: count(), groupsRegistered: count() }),
  doorToDoor: Type.Object({
    households: count(), householdsVisited: count(), visits: count(), coveredAtEnd: count(), coveredAtStart: count(),
    pledgesSigned: count(), appInstalled: count(), callWarningOn: count(),
  }),
  quiz: Type.Object({ participants: count(), attempts: count(), averageScore: Type.Union([Type.Number(), Type.Null()]), flagged: count() }),
  warnings: WarningSection,
  activities: Type.Object({
    activities: count(), attendance: count(),
    byKind: Type.Array(Type.Object({ kind: Type.Enum(ACTIVITY_KINDS.map((k) => k.key)), activities: count(), attendance: count() })),
  }),
})
export type ReportSections = Static<typeof ReportSections>

/** One figure against the previous period of the same length. */
export const Comparison = Type.Object({
  key: Type.String(), label: Type.String(), current: Type.Number(), previous: Type.Number(), change: Type.Number(),
  changePercent: Type.Union([Type.Number(), Type.Null()]),
})
export type Comparison = Static<typeof Comparison>

export const ReportChildRow = Type.Object({
  regionId: Type.String(), regionName: Type.String(), households: count(), householdsVisited: count(), pledgesSigned: count(),
  warningsReceived: count(), activities: count(),
})
export type ReportChildRow = Static<typeof ReportChildRow>

export const Report = Type.Object({
  region: Type.Object({ id: Type.String(), name: Type.String(), level: RegionLevelName }),
  period: ReportPeriod,
  previousPeriod: ReportPeriod,
  current: ReportSections,
  previous: ReportSections,
  comparisons: Type.Array(Comparison),
  children: Type.Array(ReportChildRow),
  summaryText: Type.String(),
  generatedAt: Type.String(),
})
export type Report = Static<typeof Report>

/** The XLSX export and the plain-text 通报 take the same query and stay on their routes' own answer schemas. */
export const reportEndpoints = {
  'GET /api/reports': { query: ReportQuery, response: Report },
}
