import type { ReportPeriod } from './report-period'
import { reportSummaryText } from './report-summary'
import { childRows, compareSections, rollupSections, type Comparison, type ReportChildRow, type ReportFacts, type ReportSections } from './reports'

/** The day / week / month report (按日、周、月通报) of one region, as GET /api/reports answers it. */
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

export interface ReportInput {
  region: Report['region']
  children: readonly { id: string; name: string }[]
  period: ReportPeriod
  previousPeriod: ReportPeriod
  current: ReportFacts
  previous: ReportFacts
  now: Date
}

/** The whole report from what the database counted for the period and the one before. */
export function buildReport(input: ReportInput): Report {
  const current = rollupSections(input.current)
  const previous = rollupSections(input.previous)
  return {
    region: input.region,
    period: input.period,
    previousPeriod: input.previousPeriod,
    current,
    previous,
    comparisons: compareSections(current, previous),
    children: childRows(input.children, input.current),
    summaryText: reportSummaryText({ regionName: input.region.name, periodKind: input.period.kind, periodLabel: input.period.label, current, previous }),
    generatedAt: input.now.toISOString(),
  }
}
