import { buildReport } from '@/core/report-build'
import { reportPeriod, previousPeriod } from '@/core/report-period'
import { formatNumber, reportSummaryText, versusPrevious } from '@/core/report-summary'
import { childRows, compareSections, emptyFacts, percentChange, rollupSections, type ReportFacts } from '@/core/reports'

const noWarning = { received: 0, handledInTime: 0, dissuaded: 0, defrauded: 0, unreachable: 0, falseAlarm: 0, open: 0, lossPrevented: 0, lossSuffered: 0 }

/** Two villages with door-to-door rows split the way SQL returns them, warnings on a village and on the town itself. */
const current = (): ReportFacts => ({
  bulletins: { published: 2, opens: 1234, uniqueReaders: 1000, groupsReached: 3, groupsRegistered: 5 },
  quiz: { participants: 3, attempts: 4, scoreSum: 250, scored: 3, flagged: 1 },
  doorToDoor: [
    { regionId: 'v1', households: 10, coveredAtEnd: 6, coveredAtStart: 4 },
    { regionId: 'v1', householdsVisited: 3, visits: 5, appInstalled: 2, callWarningOn: 1 },
    { regionId: 'v1', pledgesSigned: 2 },
    { regionId: 'v2', households: 5, coveredAtEnd: 1, coveredAtStart: 0, householdsVisited: 1, visits: 1 },
  ],
  warnings: [
    { ...noWarning, regionId: 'v1', riskLevel: 'high', received: 2, handledInTime: 1, dissuaded: 1, open: 1, lossPrevented: 50000 },
    { ...noWarning, regionId: 'v2', riskLevel: 'low', received: 1, handledInTime: 1, defrauded: 1, lossSuffered: 1234.5 },
    { ...noWarning, regionId: '', riskLevel: 'high', received: 1, handledInTime: 1, falseAlarm: 1 },
  ],
  activities: [
    { regionId: 'v1', kind: 'courtyard_meeting', activities: 2, attendance: 80 },
    { regionId: 'v2', kind: 'market_day', activities: 1, attendance: 200 },
  ],
})

const previous = (): ReportFacts => ({
  ...emptyFacts(),
  bulletins: { published: 1, opens: 1097, uniqueReaders: 900, groupsReached: 2, groupsRegistered: 5 },
  doorToDoor: [{ regionId: 'v1', households: 10, householdsVisited: 2, visits: 2, coveredAtEnd: 4, coveredAtStart: 4 }],
  warnings: [{ ...noWarning, regionId: 'v1', riskLevel: 'medium', received: 5, handledInTime: 5, dissuaded: 5, lossPrevented: 1000 }],
  activities: [{ regionId: 'v1', kind: 'training', activities: 3, attendance: 10 }],
})

describe('report rollup', () => {
  it('when rows of two villages and the town itself are rolled up, then each section holds their sums', () => {
    const s = rollupSections(current())
    expect(s.doorToDoor).toEqual({ households: 15, householdsVisited: 4, visits: 6, coveredAtEnd: 7, coveredAtStart: 4, pledgesSigned: 2, appInstalled: 2, callWarningOn: 1 })
    expect(s.warnings).toEqual({
      received: 4, handledInTime: 3, outcomes: { dissuaded: 1, defrauded: 1, unreachable: 0, falseAlarm: 1, open: 1 },
      lossPrevented: 50000, lossSuffered: 1234.5,
      byRisk: [{ riskLevel: 'high', received: 3, handledInTime: 2 }, { riskLevel: 'medium', received: 0, handledInTime: 0 }, { riskLevel: 'low', received: 1, handledInTime: 1 }],
    })
    expect(s.activities.activities).toBe(3)
    expect(s.activities.attendance).toBe(280)
    expect(s.activities.byKind.filter((k) => k.activities > 0)).toEqual([
      { kind: 'courtyard_meeting', activities: 2, attendance: 80 }, { kind: 'market_day', activities: 1, attendance: 200 },
    ])
    expect(s.activities.byKind).toHaveLength(6)
    expect(s.quiz).toEqual({ participants: 3, attempts: 4, averageScore: 83.3, flagged: 1 })
  })

  it('when nothing happened, then every section is present with zeros and no average score', () => {
    const s = rollupSections(emptyFacts())
    expect(s.doorToDoor.householdsVisited).toBe(0)
    expect(s.warnings.byRisk).toEqual([{ riskLevel: 'high', received: 0, handledInTime: 0 }, { riskLevel: 'medium', received: 0, handledInTime: 0 }, { riskLevel: 'low', received: 0, handledInTime: 0 }])
    expect(s.quiz).toEqual({ participants: 0, attempts: 0, averageScore: null, flagged: 0 })
    expect(s.bulletins).toEqual({ published: 0, opens: 0, uniqueReaders: 0, groupsReached: 0, groupsRegistered: 0 })
  })

  it('when losses have cents, then their sum keeps exact cents', () => {
    const facts = { ...emptyFacts(), warnings: [0.1, 0.2].map((lossSuffered) => ({ ...noWarning, regionId: 'v1', riskLevel: 'low' as const, lossSuffered })) }
    expect(rollupSections(facts).warnings.lossSuffered).toBe(0.3)
  })

  it('when child rows are made, then each child gets its own figures and a child with no rows gets zeros', () => {
    expect(childRows([{ id: 'v1', name: '东村' }, { id: 'v2', name: '西村' }, { id: 'v3', name: '南村' }], current())).toEqual([
      { regionId: 'v1', regionName: '东村', households: 10, householdsVisited: 3, pledgesSigned: 2, warningsReceived: 2, activities: 2 },
      { regionId: 'v2', regionName: '西村', households: 5, householdsVisited: 1, pledgesSigned: 0, warningsReceived: 1, activities: 1 },
      { regionId: 'v3', regionName: '南村', households: 0, householdsVisited: 0, pledgesSigned: 0, warningsReceived: 0, activities: 0 },
    ])
  })
})

describe('comparisons', () => {
  it('when 1,234 follows 1,097, then the change is +137 and +12.5%', () => {
    expect(percentChange(1234, 1097)).toBe(12.5)
    expect(percentChange(90, 100)).toBe(-10)
    expect(percentChange(1, 3)).toBe(-66.7)
  })

  it('when the percent falls on a half, then it rounds away from zero either way', () => {
    expect(percentChange(81, 80)).toBe(1.3)
    expect(percentChange(79, 80)).toBe(-1.3)
  })

  it('when the previous figure is 0, then there is no percent; when both are equal, then 0', () => {
    expect(percentChange(5, 0)).toBeNull()
    expect(percentChange(0, 0)).toBeNull()
    expect(percentChange(7, 7)).toBe(0)
  })

  it('when two periods are compared, then each figure carries current, previous, change and percent', () => {
    const list = compareSections(rollupSections(current()), rollupSections(previous()))
    const byKey = Object.fromEntries(list.map((c) => [c.key, c]))
    expect(byKey['doorToDoor.householdsVisited']).toEqual({ key: 'doorToDoor.householdsVisited', label: '走访住户（户）', current: 4, previous: 2, change: 2, changePercent: 100 })
    expect(byKey['doorToDoor.newlyCovered']).toMatchObject({ current: 3, previous: 0, change: 3, changePercent: null })
    expect(byKey['warnings.received']).toMatchObject({ current: 4, previous: 5, change: -1, changePercent: -20 })
    expect(byKey['warnings.lossPrevented']).toMatchObject({ current: 50000, previous: 1000, change: 49000, changePercent: 4900 })
    expect(byKey['bulletins.opens']).toMatchObject({ current: 1234, previous: 1097, change: 137, changePercent: 12.5 })
    expect(byKey['activities.activities']).toMatchObject({ current: 3, previous: 3, change: 0, changePercent: 0 })
  })
})

describe('the 通报 text', () => {
  const week = reportPeriod('week', '2026-11-24')!

  it('when a village has a week of work, then the text has one line per section with its figures and 环比', () => {
    const text = reportSummaryText({ regionName: '东村', periodKind: 'week', periodLabel: week.label, current: rollupSections(current()), previous: rollupSections(previous()) })
    expect(text.split('\n')).toEqual([
      '【东村反诈宣防周报】2026年第48周（11月23日—11月29日）',
      '一、入户宣防：走访住户4户（环比+100.0%），走访6次，新增覆盖3户，累计覆盖7户（覆盖率46.7%）；签订承诺书2份，协助安装国家反诈中心APP2户次，开启来电预警1户次。',
      '二、预警劝阻：接收预警4条（环比-20.0%），按时联系3条（按时联系率75.0%）；劝阻成功1起，已受骗1起，无法联系0起，误报1起，处置中1起；避免损失50,000元，群众被骗损失1,234.5元。',
      '三、通报传播：发布通报2期，打开1,234次（环比+12.5%），阅读1,000人，触达群3个（共登记5个）。',
      '四、答题学习：参与答题3人（上期为0）、共4人次，平均得分83.3分。',
      '五、宣传活动：开展活动3场（环比持平），参与群众280人次（院坝会2场、赶大集1场）。',
    ])
  })

  it('when nothing happened in a day, then every section is still there saying 0', () => {
    const empty = rollupSections(emptyFacts())
    const text = reportSummaryText({ regionName: '测试区', periodKind: 'day', periodLabel: '2026年11月24日', current: empty, previous: empty })
    expect(text.split('\n')).toEqual([
      '【测试区反诈宣防日报】2026年11月24日',
      '一、入户宣防：走访住户0户（环比持平），走访0次，新增覆盖0户，累计覆盖0户；签订承诺书0份，协助安装国家反诈中心APP0户次，开启来电预警0户次。',
      '二、预警劝阻：接收预警0条（环比持平），按时联系0条；劝阻成功0起，已受骗0起，无法联系0起，误报0起，处置中0起；避免损失0元，群众被骗损失0元。',
      '三、通报传播：发布通报0期，打开0次（环比持平），阅读0人，触达群0个（共登记0个）。',
      '四、答题学习：参与答题0人（环比持平）、共0人次。',
      '五、宣传活动：开展活动0场（环比持平），参与群众0人次。',
    ])
  })

  it('when numbers are formatted, then thousands are grouped and at most two decimals are kept', () => {
    expect(formatNumber(1234567.5)).toBe('1,234,567.5')
    expect(formatNumber(-1234)).toBe('-1,234')
    expect(formatNumber(999)).toBe('999')
    expect(formatNumber(0.1 + 0.2)).toBe('0.3')
  })

  it('when a figure falls, rises or stays, then the 环比 words say so', () => {
    expect(versusPrevious(90, 100)).toBe('（环比-10.0%）')
    expect(versusPrevious(110, 100)).toBe('（环比+10.0%）')
    expect(versusPrevious(100, 100)).toBe('（环比持平）')
    expect(versusPrevious(3, 0)).toBe('（上期为0）')
  })
})

describe('the whole report', () => {
  it('when built, then it carries both periods, the comparisons, the child rows and the text', () => {
    const period = reportPeriod('week', '2026-11-24')!
    const report = buildReport({
      region: { id: 't1', name: '测试镇', level: 'town' }, children: [{ id: 'v1', name: '东村' }],
      period, previousPeriod: previousPeriod(period), current: current(), previous: previous(), now: new Date('2026-11-30T01:00:00Z'),
    })
    expect(report.previousPeriod.from).toBe('2026-11-16')
    expect(report.children).toEqual([{ regionId: 'v1', regionName: '东村', households: 10, householdsVisited: 3, pledgesSigned: 2, warningsReceived: 2, activities: 2 }])
    expect(report.previous.warnings.received).toBe(5)
    expect(report.summaryText.startsWith('【测试镇反诈宣防周报】2026年第48周')).toBe(true)
    expect(report.generatedAt).toBe('2026-11-30T01:00:00.000Z')
  })
})
