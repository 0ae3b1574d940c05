import type { Report, ReportPeriod } from './report-api'
import { reportSummaryText } from './report-summary'
import { childRows, compareSections, rollupSections, type ReportFacts } from './reports'

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
