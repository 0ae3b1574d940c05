import { isCalendarDate } from './bulletins'

/** Periods of the day / week / month report. Dates are YYYY-MM-DD in Asia/Shanghai; a period covers whole days [from, to]. */

export const REPORT_PERIODS = ['day', 'week', 'month', 'custom'] as const
export type ReportPeriodKind = (typeof REPORT_PERIODS)[number]

export interface ReportPeriod {
  kind: ReportPeriodKind
  from: string
  to: string
  /** e.g. "2026年11月24日", "2026年第48周（11月23日—11月29日）", "2026年11月". */
  label: string
}

/** A custom period spans at most this many days, both ends included. */
export const MAX_CUSTOM_PERIOD_DAYS = 366

const DAY_MS = 24 * 3600_000
/** China keeps UTC+8 all year: a Beijing midnight is 16:00 UTC the day before. */
const CHINA_OFFSET_MS = 8 * 3600_000

/** Calendar days are handled as UTC midnights, so that no machine time zone can shift them. */
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`)
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const addDays = (date: string, days: number) => dateOf(dayOf(date) + days * DAY_MS)
const daysBetween = (from: string, to: string) => Math.round((dayOf(to) - dayOf(from)) / DAY_MS)

/**
 * The period of this kind that contains `date` (day, ISO week Monday–Sunday, calendar month), or for `custom`
 * the days from `date` to `to`. Null when a date is not a calendar day, `to` is missing or before `date`, or the
 * custom period is longer than a year.
 */
export function reportPeriod(kind: ReportPeriodKind, date: string, to?: string): ReportPeriod | null {
  if (!isCalendarDate(date)) return null
  if (kind === 'custom') {
    if (to === undefined || !isCalendarDate(to)) return null
    const days = daysBetween(date, to) + 1
    return days >= 1 && days <= MAX_CUSTOM_PERIOD_DAYS ? withLabel('custom', date, to) : null
  }
  return periodContaining(kind, date)
}

/** The period of the same kind just before: the day, ISO week or month before; for custom, as many days just before. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const dayBefore = addDays(period.from, -1)
  if (period.kind !== 'custom') return periodContaining(period.kind, dayBefore)
  return withLabel('custom', addDays(period.from, -(daysBetween(period.from, period.to) + 1)), dayBefore)
}

/** The instants the period covers, whole Beijing days: [start, end). */
export function periodInstants(period: Pick<ReportPeriod, 'from' | 'to'>): { start: Date; end: Date } {
  return { start: new Date(dayOf(period.from) - CHINA_OFFSET_MS), end: new Date(dayOf(period.to) + DAY_MS - CHINA_OFFSET_MS) }
}

/** The calendar quarter holding `now` in China: the first and last Beijing day, and "2026年第4季度". */
export function chinaQuarterOf(now: Date): { from: string; to: string; label: string } {
  const today = dateOf(now.getTime() + CHINA_OFFSET_MS)
  const year = Number(today.slice(0, 4))
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3)
  const from = dateOf(Date.UTC(year, quarter * 3, 1))
  const to = addDays(dateOf(Date.UTC(year, quarter * 3 + 3, 1)), -1)
  return { from, to, label: `${year}年第${quarter + 1}季度` }
}

/** ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday. */
export function isoWeekOf(date: string): { year: number; week: number; monday: string } {
  const weekday = (new Date(dayOf(date)).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  const monday = addDays(date, -weekday)
  const thursday = addDays(monday, 3)
  const year = Number(thursday.slice(0, 4))
  return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1, monday }
}

function periodContaining(kind: Exclude<ReportPeriodKind, 'custom'>, date: string): ReportPeriod {
  if (kind === 'day') return withLabel('day', date, date)
  if (kind === 'week') {
    const { monday } = isoWeekOf(date)
    return withLabel('week', monday, addDays(monday, 6))
  }
  const first = `${date.slice(0, 7)}-01`
  const nextFirst = dateOf(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1))
  return withLabel('month', first, addDays(nextFirst, -1))
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
const fullDay = (date: string) => `${date.slice(0, 4)}年${monthDay(date)}`

function withLabel(kind: ReportPeriodKind, from: string, to: string): ReportPeriod {
  return { kind, from, to, label: labelOf(kind, from, to) }
}

/** "2026年11月24日", "2026年第48周（11月23日—11月29日）", "2026年11月", "2026年11月3日—12月2日". */
function labelOf(kind: ReportPeriodKind, from: string, to: string): string {
  if (kind === 'day') return fullDay(from)
  if (kind === 'week') {
    const { year, week } = isoWeekOf(from)
    return `${year}年第${week}周（${monthDay(from)}—${monthDay(to)}）`
  }
  if (kind === 'month') return `${from.slice(0, 4)}年${Number(from.slice(5, 7))}月`
  if (from === to) return fullDay(from)
  return `${fullDay(from)}—${from.slice(0, 4) === to.slice(0, 4) ? monthDay(to) : fullDay(to)}`
}
