import dayjs from 'dayjs'
import { flow, makeAutoObservable } from 'mobx'
import { chinaDateOf } from '@/core/bulletins'
import { percent } from '@/core/coverage'
import { ERRORS } from '@/core/errors'
import type { Comparison, Report, ReportPeriod, ReportQuery } from '@/contract/reports'
import { previousPeriod, reportPeriod, type ReportPeriodKind } from '@/core/report-period'
import type { Api } from '@/services/api-client'
import { FileExport } from './file-export'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import type { StoreFactory } from './store-context'

/** A custom period starts as the last seven days, today included. */
const CUSTOM_DEFAULT_DAYS = 7

const ymd = (date: dayjs.Dayjs) => date.format('YYYY-MM-DD')
export const formatNumber = (n: number) => n.toLocaleString('zh-CN')

/**
 * 环比 in words, with an arrow and a sign, so that the direction never rests on colour:
 * "环比 ↑ +12（+12.5%）", "环比 ↓ -3（-20.0%）", "环比 持平", and "环比 ↑ +5（上期为 0）" when there is no percentage.
 */
export function changeText(c: Pick<Comparison, 'change' | 'changePercent'>): string {
  if (c.change === 0) return '环比 持平'
  const arrow = c.change > 0 ? '↑' : '↓'
  const sign = c.change > 0 ? '+' : '-'
  const amount = `${sign}${formatNumber(Math.abs(c.change))}`
  const percent = c.changePercent === null ? '上期为 0' : `${sign}${Math.abs(c.changePercent).toFixed(1)}%`
  return `环比 ${arrow} ${amount}（${percent}）`
}

/** A heading of the report page and the figures it lists. */
export interface ReportSectionView {
  title: string
  figures: Comparison[]
}

const PLEDGE_KEYS = ['doorToDoor.pledgesSigned']
const APP_KEYS = ['doorToDoor.appInstalled', 'doorToDoor.callWarningOn']
const SECTION_RULES: { title: string; holds: (key: string) => boolean }[] = [
  { title: '通报传播', holds: (k) => k.startsWith('bulletins.') },
  { title: '入户宣防', holds: (k) => k.startsWith('doorToDoor.') && !PLEDGE_KEYS.includes(k) && !APP_KEYS.includes(k) },
  { title: '承诺书', holds: (k) => PLEDGE_KEYS.includes(k) },
  { title: '反诈APP与来电预警', holds: (k) => APP_KEYS.includes(k) },
  { title: '每日答题', holds: (k) => k.startsWith('quiz.') },
  { title: '预警劝阻', holds: (k) => k.startsWith('warnings.') },
  { title: '宣传活动', holds: (k) => k.startsWith('activities.') },
]

/** The server's comparisons under the page's seven headings, in the server's order within each. */
export function reportSectionViews(comparisons: readonly Comparison[]): ReportSectionView[] {
  return SECTION_RULES.map(({ title, holds }) => ({ title, figures: comparisons.filter((c) => holds(c.key)) }))
}

/** The period right after this one, of the same kind and length. */
function nextPeriod(period: ReportPeriod): ReportPeriod | null {
  const dayAfter = ymd(dayjs(period.to).add(1, 'day'))
  if (period.kind !== 'custom') return reportPeriod(period.kind, dayAfter)
  const length = dayjs(period.to).diff(dayjs(period.from), 'day')
  return reportPeriod('custom', dayAfter, ymd(dayjs(dayAfter).add(length, 'day')))
}

/** The day / week / month / custom report of one region: which period, its figures, the 通报 text and the exports. */
export class ReportStore {
  regionId: string | null = null
  regionName = ''
  period: ReportPeriod
  /** A custom range the user picked that cannot be a period; the last good period stays on screen. */
  periodError: string | null = null
  private readonly reportLoad = new LatestLoad<Report>()
  private readonly summaryLoad = new LatestLoad<string>()
  private readonly fileExport = new FileExport()

  constructor(
    private readonly api: Pick<Api, 'report' | 'reportSummary' | 'reportXlsx' | 'reportXlsxFile'>,
    private readonly now: () => Date,
  ) {
    this.period = this.defaultPeriod('day')
    makeAutoObservable<ReportStore, 'api' | 'now' | 'reportLoad' | 'summaryLoad' | 'fileExport'>(this, {
      api: false, now: false, reportLoad: false, summaryLoad: false, fileExport: false,
    })
  }

  /** Warnings first contacted within the limit in the period shown, in whole percent. */
  get warningsInTimePercent(): number {
    const warnings = this.report?.current.warnings
    return warnings ? percent(warnings.handledInTime, warnings.received) : 0
  }

  get report(): Report | null {
    return this.reportLoad.value
  }

  get state(): LoadState {
    return this.reportLoad.state
  }

  get error(): string | null {
    return this.reportLoad.error
  }

  get summary(): string | null {
    return this.summaryLoad.value
  }

  get summaryState(): LoadState {
    return this.summaryLoad.state
  }

  get summaryError(): string | null {
    return this.summaryLoad.error
  }

  /** A method, not a getter: MobX would cache a getter that reads no observable. */
  today(): string {
    return chinaDateOf(this.now())
  }

  get query(): ReportQuery | null {
    if (!this.regionId) return null
    const { kind, from, to } = this.period
    return kind === 'custom' ? { regionId: this.regionId, period: kind, date: from, to } : { regionId: this.regionId, period: kind, date: from }
  }

  get exporting(): boolean {
    return this.fileExport.running
  }

  /** No report of days still to come. */
  get canGoNext(): boolean {
    return this.period.to < this.today()
  }

  reset(): void {
    this.regionId = null
    this.regionName = ''
    this.period = this.defaultPeriod('day')
    this.reportLoad.clear()
    this.periodError = null
    this.summaryLoad.clear()
  }

  /** Opens the page on the user's own region, today's report. */
  start(regionId: string, regionName: string): Promise<void> {
    this.period = this.defaultPeriod('day')
    return this.selectRegion(regionId, regionName)
  }

  selectRegion(regionId: string, regionName: string): Promise<void> {
    this.regionId = regionId
    this.regionName = regionName
    return this.load()
  }

  /** 日 / 周 / 月 open on the period holding today; 自定义 on the last seven days. */
  choosePeriodKind(kind: ReportPeriodKind): Promise<void> {
    return this.show(this.defaultPeriod(kind))
  }

  /** The day, week or month holding the picked date. */
  pickDate(date: string): Promise<void> {
    return this.show(reportPeriod(this.period.kind === 'custom' ? 'day' : this.period.kind, date))
  }

  pickCustomRange(from: string, to: string): Promise<void> {
    return this.show(reportPeriod('custom', from, to))
  }

  previous(): Promise<void> {
    return this.show(previousPeriod(this.period))
  }

  next(): Promise<void> {
    return this.canGoNext ? this.show(nextPeriod(this.period)) : Promise.resolve()
  }

  load = flow(function* (this: ReportStore) {
    const query = this.query
    if (!query) return
    // The summary shown, or still on its way, is of the period being left.
    this.summaryLoad.clear()
    this.reportLoad.clear()
    yield this.reportLoad.load(() => this.api.report(query))
  })

  /** The 通报 text is shown in a preview box before it is copied. */
  loadSummary = flow(function* (this: ReportStore) {
    const query = this.query
    if (!query) return
    yield this.summaryLoad.load(() => this.api.reportSummary(query))
  })

  closeSummary(): void {
    this.summaryLoad.clear()
  }

  /** H5: the page turns the file into a download. */
  exportXlsx(): Promise<Blob> {
    return this.exportWith((query) => this.api.reportXlsx(query))
  }

  /** weapp: a temporary file path for Taro.openDocument. */
  exportXlsxFile(): Promise<string> {
    return this.exportWith((query) => this.api.reportXlsxFile(query))
  }

  get sections(): ReportSectionView[] {
    return reportSectionViews(this.report?.comparisons ?? [])
  }

  /** Nothing happened in the period and there is nothing to count: the page says so instead of a wall of zeros. */
  get isEmpty(): boolean {
    return this.report !== null && this.report.comparisons.every((c) => c.current === 0 && c.previous === 0)
  }

  /** A file name that says what the report covers. */
  get exportFileName(): string {
    return `${this.regionName}-${this.report?.period.label ?? this.period.label}-宣防通报.xlsx`
  }

  private show(period: ReportPeriod | null): Promise<void> {
    if (!period) {
      this.periodError = ERRORS.REPORT_PERIOD_INVALID
      return Promise.resolve()
    }
    this.periodError = null
    this.period = period
    return this.load()
  }

  private defaultPeriod(kind: ReportPeriodKind): ReportPeriod {
    const today = this.today()
    const period = kind === 'custom'
      ? reportPeriod('custom', ymd(dayjs(today).subtract(CUSTOM_DEFAULT_DAYS - 1, 'day')), today)
      : reportPeriod(kind, today)
    // Today is always a calendar day and seven days are within a year: these periods always exist.
    return period as ReportPeriod
  }

  private async exportWith<T>(download: (query: ReportQuery) => Promise<T>): Promise<T> {
    const query = this.query
    if (!query) throw new Error('export before a region is chosen')
    return this.fileExport.run(() => download(query))
  }
}

export const reportStore: StoreFactory<ReportStore> = ({ api, now }) => new ReportStore(api, now)
