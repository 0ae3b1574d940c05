import type { Report } from '#contract/reports'
import { buildReport } from '#core/report-build'
import { periodInstants, previousPeriod, reportPeriod, type ReportPeriodKind } from '#core/report-period'
import { reportTitle } from '#core/report-summary'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { reportSheet } from './report-sheet'
import type { ReportsRepo } from './repo'

export interface ReportQuery {
  regionId: string
  period: ReportPeriodKind
  date: string
  to?: string
}

export class ReportsService {
  constructor(private readonly ctx: AppContext, private readonly repo: ReportsRepo) {}

  /** One region's figures for the period and the one before, with the child regions and the 通报 text. */
  async report(caller: SessionUser, query: ReportQuery): Promise<Report> {
    const period = reportPeriod(query.period, query.date, query.to)
    if (!period) throw new AppError('REPORT_PERIOD_INVALID', 400)
    const [path] = await scopeFor(caller.roles, 'report.read', query.regionId, this.repo.findRegionPath)
    const before = previousPeriod(period)
    const { start, end } = periodInstants(period)
    const [region, children, facts] = await Promise.all([
      this.repo.region(query.regionId),
      this.repo.children(query.regionId),
      this.repo.facts(path, {
        previousStart: periodInstants(before).start, start, end, previousFrom: before.from, from: period.from, to: period.to,
      }),
    ])
    const { id, name, level } = region!
    return buildReport({ region: { id, name, level }, children, period, previousPeriod: before, ...facts, now: this.ctx.now() })
  }

  async summary(caller: SessionUser, query: ReportQuery): Promise<string> {
    return (await this.report(caller, query)).summaryText
  }

  /** The workbook and its file name, e.g. "柏林镇反诈宣防月报_2026-11-01_2026-11-30.xlsx". */
  async sheet(caller: SessionUser, query: ReportQuery): Promise<{ file: Buffer; filename: string }> {
    const report = await this.report(caller, query)
    const { period } = report
    return { file: await reportSheet(report), filename: `${reportTitle(report.region.name, period.kind)}_${period.from}_${period.to}.xlsx` }
  }
}
