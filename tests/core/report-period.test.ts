import { isoWeekOf, periodInstants, previousPeriod, reportPeriod } from '@/core/report-period'

describe('report periods', () => {
  it('when a day is asked, then it is that day, and the previous period is the day before', () => {
    const day = reportPeriod('day', '2026-11-24')!
    expect(day).toEqual({ kind: 'day', from: '2026-11-24', to: '2026-11-24', label: '2026年11月24日' })
    expect(previousPeriod(day)).toEqual({ kind: 'day', from: '2026-11-23', to: '2026-11-23', label: '2026年11月23日' })
  })

  it('when a Tuesday is given for a week, then the ISO week runs Monday to Sunday with its number', () => {
    const week = reportPeriod('week', '2026-11-24')!
    expect(week).toEqual({ kind: 'week', from: '2026-11-23', to: '2026-11-29', label: '2026年第48周（11月23日—11月29日）' })
    expect(previousPeriod(week)).toEqual({ kind: 'week', from: '2026-11-16', to: '2026-11-22', label: '2026年第47周（11月16日—11月22日）' })
  })

  it('when a Sunday is given for a week, then it is the last day of its week', () => {
    expect(reportPeriod('week', '2026-11-29')).toMatchObject({ from: '2026-11-23', to: '2026-11-29' })
  })

  it('when the week straddles New Year, then it belongs to the year of its Thursday', () => {
    const week = reportPeriod('week', '2026-01-01')!
    expect(week).toEqual({ kind: 'week', from: '2025-12-29', to: '2026-01-04', label: '2026年第1周（12月29日—1月4日）' })
    expect(previousPeriod(week).label).toBe('2025年第52周（12月22日—12月28日）')
    expect(reportPeriod('week', '2027-01-01')!.label).toBe('2026年第53周（12月28日—1月3日）')
    expect(isoWeekOf('2027-01-04')).toEqual({ year: 2027, week: 1, monday: '2027-01-04' })
  })

  it('when a month is asked, then it is the calendar month, February of a leap year has 29 days', () => {
    expect(reportPeriod('month', '2026-02-10')).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28', label: '2026年2月' })
    expect(reportPeriod('month', '2028-02-29')).toMatchObject({ from: '2028-02-01', to: '2028-02-29' })
    expect(previousPeriod(reportPeriod('month', '2026-03-31')!)).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28', label: '2026年2月' })
  })

  it('when the month is January, then the previous month is December of the year before', () => {
    expect(previousPeriod(reportPeriod('month', '2026-01-15')!)).toEqual({ kind: 'month', from: '2025-12-01', to: '2025-12-31', label: '2025年12月' })
  })

  it('when a custom period of 30 days is asked, then the previous one is the 30 days just before', () => {
    const custom = reportPeriod('custom', '2026-11-03', '2026-12-02')!
    expect(custom).toEqual({ kind: 'custom', from: '2026-11-03', to: '2026-12-02', label: '2026年11月3日—12月2日' })
    expect(previousPeriod(custom)).toEqual({ kind: 'custom', from: '2026-10-04', to: '2026-11-02', label: '2026年10月4日—11月2日' })
  })

  it('when a custom period crosses the year or is one day, then the label says so', () => {
    expect(reportPeriod('custom', '2025-12-30', '2026-01-02')!.label).toBe('2025年12月30日—2026年1月2日')
    expect(reportPeriod('custom', '2026-05-01', '2026-05-01')!.label).toBe('2026年5月1日')
  })

  it('when a custom period ends before it starts, lacks its end or exceeds 366 days, then it is refused', () => {
    expect(reportPeriod('custom', '2026-11-03', '2026-11-02')).toBeNull()
    expect(reportPeriod('custom', '2026-11-03')).toBeNull()
    expect(reportPeriod('custom', '2026-01-01', '2027-01-01')).toMatchObject({ from: '2026-01-01', to: '2027-01-01' })
    expect(reportPeriod('custom', '2026-01-01', '2027-01-02')).toBeNull()
  })

  it('when a date is not a calendar day, then it is refused', () => {
    expect(reportPeriod('day', '2026-02-30')).toBeNull()
    expect(reportPeriod('custom', '2026-02-01', '2026-13-01')).toBeNull()
  })

  it('when a day is turned into instants, then it runs from Beijing midnight to the next', () => {
    expect(periodInstants({ from: '2026-11-24', to: '2026-11-24' })).toEqual({
      start: new Date('2026-11-23T16:00:00.000Z'), end: new Date('2026-11-24T16:00:00.000Z'),
    })
  })
})
