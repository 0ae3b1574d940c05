import type { Report } from '@/contract/reports'
import { ERRORS } from '@/core/errors'
import { ApiError } from '@/services/api-client'
import { changeText, ReportStore } from '@/stores/report-store'
import { FakeApi } from '../support/fake-api'

/** Wednesday 25 November 2026, 11:00 in Beijing. */
const NOW = new Date('2026-11-25T03:00:00Z')

function aStore(api = new FakeApi()) {
  api.reportAnswer = (query) => Promise.resolve({ period: { kind: query.period, from: query.date, to: query.to ?? query.date, label: '' }, comparisons: [] } as unknown as Report)
  return { api, store: new ReportStore(api, () => NOW) }
}

describe('统计通报 store', () => {
  it('when the page starts, then it asks for today\'s day report of the region', async () => {
    const { api, store } = aStore()

    await store.start('t1', '柏林镇')

    expect(api.reportQueries).toEqual([{ regionId: 't1', period: 'day', date: '2026-11-25' }])
  })

  it('when 周 and then 月 are chosen, then each asks for the period holding today, from its first day', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')

    await store.choosePeriodKind('week')
    await store.choosePeriodKind('month')

    expect(api.reportQueries.slice(1)).toEqual([
      { regionId: 't1', period: 'week', date: '2026-11-23' },
      { regionId: 't1', period: 'month', date: '2026-11-01' },
    ])
    expect(store.period.label).toBe('2026年11月')
  })

  it('when 自定义 is chosen, then it asks for the last seven days with both ends', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')

    await store.choosePeriodKind('custom')

    expect(api.reportQueries.at(-1)).toEqual({ regionId: 't1', period: 'custom', date: '2026-11-19', to: '2026-11-25' })
  })

  it('when the previous arrow is tapped on a month and on a week, then it asks for the month and the week before', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')
    await store.choosePeriodKind('month')

    await store.previous()
    await store.choosePeriodKind('week')
    await store.previous()

    expect(api.reportQueries.at(-3)).toEqual({ regionId: 't1', period: 'month', date: '2026-10-01' })
    expect(api.reportQueries.at(-1)).toEqual({ regionId: 't1', period: 'week', date: '2026-11-16' })
  })

  it('when the period holds today, then next does nothing; after going back, then next returns to it', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')
    expect(store.canGoNext).toBe(false)
    await store.next()
    expect(api.reportQueries).toHaveLength(1)

    await store.previous()
    await store.next()

    expect(api.reportQueries.map((q) => q.date)).toEqual(['2026-11-25', '2026-11-24', '2026-11-25'])
  })

  it('when a custom period is moved back, then the same number of days just before is asked for', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')
    await store.pickCustomRange('2026-11-10', '2026-11-12')

    await store.previous()

    expect(api.reportQueries.at(-1)).toEqual({ regionId: 't1', period: 'custom', date: '2026-11-07', to: '2026-11-09' })
  })

  it('when a date is picked for a week, then the week holding it is asked for', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')
    await store.choosePeriodKind('week')

    await store.pickDate('2026-10-08')

    expect(api.reportQueries.at(-1)).toEqual({ regionId: 't1', period: 'week', date: '2026-10-05' })
  })

  it('when a custom range ends before it starts, then the Chinese message shows and nothing is asked', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')

    await store.pickCustomRange('2026-11-20', '2026-11-10')

    expect(store.periodError).toBe(ERRORS.REPORT_PERIOD_INVALID)
    expect(api.reportQueries).toHaveLength(1)
    expect(store.period.kind).toBe('day')
  })

  it('when another region is picked, then the same period is asked for that region', async () => {
    const { api, store } = aStore()
    await store.start('t1', '柏林镇')
    await store.choosePeriodKind('month')

    await store.selectRegion('v1', '东胜村')

    expect(api.reportQueries.at(-1)).toEqual({ regionId: 'v1', period: 'month', date: '2026-11-01' })
  })

  it('when the report fails, then the server\'s message is kept for the page', async () => {
    const { api, store } = aStore()
    api.reportAnswer = () => Promise.reject(new ApiError('OUT_OF_SCOPE', '超出您的管辖范围', 403))

    await store.start('t9', '塘河镇')

    expect(store.state).toBe('error')
    expect(store.error).toBe('超出您的管辖范围')
  })

  it('when the 通报 and the exports are asked for, then each goes to its endpoint with the period\'s query', async () => {
    const { api, store } = aStore()
    const asked: string[] = []
    api.reportSummary = (q) => { asked.push(`summary ${q.period} ${q.date}`); return Promise.resolve('【柏林镇反诈宣防月报】') }
    api.reportXlsx = (q) => { asked.push(`xlsx ${q.period} ${q.date}`); return Promise.resolve(new Blob(['x'])) }
    api.reportXlsxFile = (q) => { asked.push(`file ${q.period} ${q.date}`); return Promise.resolve('/tmp/report.xlsx') }
    await store.start('t1', '柏林镇')
    await store.choosePeriodKind('month')

    await store.loadSummary()
    await store.exportXlsx()
    const path = await store.exportXlsxFile()

    expect(asked).toEqual(['summary month 2026-11-01', 'xlsx month 2026-11-01', 'file month 2026-11-01'])
    expect(store.summary).toBe('【柏林镇反诈宣防月报】')
    expect(path).toBe('/tmp/report.xlsx')
    expect(store.exporting).toBe(false)
  })
})

describe('环比 text', () => {
  it('when a figure went up, then it reads an up arrow, a plus sign and the percentage', () => {
    expect(changeText({ change: 1234, changePercent: 12.5 })).toBe('环比 ↑ +1,234（+12.5%）')
  })

  it('when a figure went down, then it reads a down arrow, a minus sign and the percentage', () => {
    expect(changeText({ change: -3, changePercent: -20 })).toBe('环比 ↓ -3（-20.0%）')
  })

  it('when a figure did not change, then it reads 持平', () => {
    expect(changeText({ change: 0, changePercent: 0 })).toBe('环比 持平')
    expect(changeText({ change: 0, changePercent: null })).toBe('环比 持平')
  })

  it('when the previous period was zero, then it gives the change and says the previous was 0 instead of a percentage', () => {
    expect(changeText({ change: 5, changePercent: null })).toBe('环比 ↑ +5（上期为 0）')
  })
})
