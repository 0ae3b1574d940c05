import ExcelJS from 'exceljs'
import type { Report } from '@/contract/reports'
import type { Role } from '@/core/roles'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import {
  aGroup, anActivity, anOpen, aPledge, aPublishedBulletin, aQuizAttempt, aVisitedHousehold, aWarning,
} from './helpers/report-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('reports on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => {
    t = await startTestApp(engine)
  })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })
  async function reportOf(token: string, query: string): Promise<Report> {
    const res = await get(`/api/reports?${query}`, token)
    expect(res.statusCode).toBe(200)
    return res.json()
  }

  /**
   * A town with two villages, 东村 (grids 0 and 1) and 西村, and the same kinds of rows in another county.
   * Every figure the tests expect is counted by hand from the rows below.
   */
  async function aTownWithNovember(): Promise<{ tree: RegionTree; other: RegionTree }> {
    const tree = await aRegionTree(t.db)
    const other = await aRegionTree(t.db)
    const [east, west] = tree.villages
    const [[e1, e2], [w1, w2]] = tree.grids
    const worker = (await aUser(t.db)).id
    // Visits: A twice on the 24th, B late on the 23rd, C ten minutes into the 24th (Beijing), D on the 10th,
    // E on the 18th and in October, F in the last minute of November, G never, H first in September.
    const a = await aVisitedHousehold(t.db, e1.id, worker, [{ at: '2026-11-24 10:00', app: true, callWarning: true }, { at: '2026-11-24 15:00' }])
    await aVisitedHousehold(t.db, e1.id, worker, [{ at: '2026-11-23 23:30', app: true }])
    await aVisitedHousehold(t.db, e1.id, worker, [{ at: '2026-11-24 00:10', callWarning: true }])
    await aVisitedHousehold(t.db, e2.id, worker, [{ at: '2026-11-10 09:00' }])
    const e = await aVisitedHousehold(t.db, w1.id, worker, [{ at: '2026-11-18 09:00' }, { at: '2026-10-15 09:00' }])
    await aVisitedHousehold(t.db, w1.id, worker, [{ at: '2026-11-30 23:59' }, { at: '2026-12-01 00:00' }])
    await aVisitedHousehold(t.db, w2.id, worker, [])
    const h = await aVisitedHousehold(t.db, e1.id, worker, [{ at: '2026-09-01 09:00' }])
    const x = await aVisitedHousehold(t.db, other.grids[0][0].id, worker, [{ at: '2026-11-24 10:00', app: true }])

    await aPledge(t.db, { villageId: east.id, householdId: a.id, workerId: worker, at: '2026-11-24 10:05' })
    await aPledge(t.db, { villageId: west.id, householdId: e.id, workerId: worker, at: '2026-11-18 09:10' })
    await aPledge(t.db, { villageId: east.id, householdId: h.id, workerId: worker, at: '2026-10-20 09:00' })
    await aPledge(t.db, { villageId: other.villages[0].id, householdId: x.id, workerId: worker, at: '2026-11-24 10:05' })

    const [r1, r2, r3, r4] = [(await aUser(t.db)).id, (await aUser(t.db)).id, (await aUser(t.db)).id, (await aUser(t.db)).id]
    await aQuizAttempt(t.db, { userId: r1, villageId: east.id, date: '2026-11-24', score: 80 })
    await aQuizAttempt(t.db, { userId: r1, villageId: east.id, date: '2026-11-25', score: 100, flagged: true })
    await aQuizAttempt(t.db, { userId: r2, villageId: west.id, date: '2026-11-24', score: 60 })
    await aQuizAttempt(t.db, { userId: r3, villageId: east.id, date: '2026-11-24', score: null })
    await aQuizAttempt(t.db, { userId: r2, villageId: west.id, date: '2026-10-30', score: 90 })
    await aQuizAttempt(t.db, { userId: r4, villageId: other.villages[0].id, date: '2026-11-24', score: 70 })

    const by = worker
    await aWarning(t.db, { regionId: east.id, createdBy: by, risk: 'high', receivedAt: '2026-11-24 09:00', limitMinutes: 10, contactAfterMinutes: 5, state: 'dissuaded', amountAtRisk: 200000 })
    await aWarning(t.db, { regionId: e1.id, createdBy: by, risk: 'medium', receivedAt: '2026-11-24 14:00', limitMinutes: 30, contactAfterMinutes: 45, state: 'defrauded', amountAtRisk: 8000, loss: 5000.5 })
    await aWarning(t.db, { regionId: tree.town.id, createdBy: by, risk: 'low', receivedAt: '2026-11-20 09:00', limitMinutes: 1440, contactAfterMinutes: null, state: 'pending' })
    await aWarning(t.db, { regionId: west.id, createdBy: by, risk: 'high', receivedAt: '2026-11-05 09:00', limitMinutes: 10, contactAfterMinutes: 8, state: 'unreachable' })
    await aWarning(t.db, { regionId: west.id, createdBy: by, risk: 'low', receivedAt: '2026-10-12 09:00', limitMinutes: 1440, contactAfterMinutes: 60, state: 'false_alarm' })
    await aWarning(t.db, { regionId: other.villages[0].id, createdBy: by, risk: 'high', receivedAt: '2026-11-24 09:00', limitMinutes: 10, contactAfterMinutes: 5, state: 'dissuaded', amountAtRisk: 1000 })
    await aWarning(t.db, { regionId: east.id, createdBy: by, risk: 'high', receivedAt: '2026-11-26 09:00', limitMinutes: 10, contactAfterMinutes: 10, state: 'contacted', amountAtRisk: 3000 })

    await anActivity(t.db, { regionId: east.id, createdBy: by, kind: 'courtyard_meeting', at: '2026-11-24 19:00', attendance: 60 })
    await anActivity(t.db, { regionId: west.id, createdBy: by, kind: 'market_day', at: '2026-11-15 09:00', attendance: 300 })
    await anActivity(t.db, { regionId: tree.town.id, createdBy: by, kind: 'school', at: '2026-10-28 09:00', attendance: 500 })
    await anActivity(t.db, { regionId: other.villages[0].id, createdBy: by, kind: 'school', at: '2026-11-24 09:00', attendance: 900 })

    const county = tree.county.id
    const b1 = await aPublishedBulletin(t.db, tree.town.id, by, '2026-11-24 08:00')
    const b2 = await aPublishedBulletin(t.db, tree.county.id, by, '2026-11-10 08:00')
    const b3 = await aPublishedBulletin(t.db, other.town.id, by, '2026-11-24 08:00')
    const b4 = await aPublishedBulletin(t.db, tree.town.id, by, '2026-10-20 08:00')
    const g1 = await aGroup(t.db, county, east.id, 2)
    const g2 = await aGroup(t.db, county, west.id, 2)
    const g3 = await aGroup(t.db, county, tree.town.id, 1)
    await aGroup(t.db, county, null, null)
    await anOpen(t.db, { bulletinId: b1.id, countyId: county, groupId: g1.id, reader: 'u:1', at: '2026-11-24 09:00' })
    await anOpen(t.db, { bulletinId: b1.id, countyId: county, groupId: g1.id, reader: 'u:2', at: '2026-11-24 09:30' })
    await anOpen(t.db, { bulletinId: b1.id, countyId: county, groupId: g3.id, reader: 'u:1', at: '2026-11-24 10:00' })
    await anOpen(t.db, { bulletinId: b1.id, countyId: county, groupId: null, at: '2026-11-25 09:00' })
    await anOpen(t.db, { bulletinId: b2.id, countyId: county, groupId: g2.id, reader: 'u:3', at: '2026-11-11 09:00' })
    await anOpen(t.db, { bulletinId: b2.id, countyId: county, groupId: null, at: '2026-11-12 09:00' })
    await anOpen(t.db, { bulletinId: b3.id, countyId: other.county.id, groupId: null, at: '2026-11-24 09:00' })
    await anOpen(t.db, { bulletinId: b4.id, countyId: county, groupId: g1.id, reader: 'u:1', at: '2026-10-21 09:00' })
    return { tree, other }
  }

  it('when a town admin asks for November, then every section has the hand-counted figures and October is the previous period', async () => {
    const { tree } = await aTownWithNovember()
    const report = await reportOf(await tokenFor('admin', tree.town.id), `regionId=${tree.town.id}&period=month&date=2026-11-24`)
    expect(report.region).toEqual({ id: tree.town.id, name: '测试镇', level: 'town' })
    expect(report.period).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' })
    expect(report.previousPeriod).toMatchObject({ from: '2026-10-01', to: '2026-10-31' })
    expect(report.current.doorToDoor).toEqual({
      households: 8, householdsVisited: 6, visits: 7, coveredAtEnd: 7, coveredAtStart: 2, pledgesSigned: 2, appInstalled: 2, callWarningOn: 2,
    })
    expect(report.previous.doorToDoor).toEqual({
      households: 8, householdsVisited: 1, visits: 1, coveredAtEnd: 2, coveredAtStart: 1, pledgesSigned: 1, appInstalled: 0, callWarningOn: 0,
    })
    expect(report.current.warnings).toEqual({
      received: 5, handledInTime: 3, outcomes: { dissuaded: 1, defrauded: 1, unreachable: 1, falseAlarm: 0, open: 2 },
      lossPrevented: 200000, lossSuffered: 5000.5,
      byRisk: [{ riskLevel: 'high', received: 3, handledInTime: 3 }, { riskLevel: 'medium', received: 1, handledInTime: 0 }, { riskLevel: 'low', received: 1, handledInTime: 0 }],
    })
    expect(report.previous.warnings).toMatchObject({ received: 1, handledInTime: 1, outcomes: { falseAlarm: 1 }, lossPrevented: 0 })
    expect(report.current.quiz).toEqual({ participants: 2, attempts: 3, averageScore: 80, flagged: 1 })
    expect(report.previous.quiz).toEqual({ participants: 1, attempts: 1, averageScore: 90, flagged: 0 })
    expect(report.current.activities.activities).toBe(2)
    expect(report.current.activities.attendance).toBe(360)
    expect(report.current.activities.byKind.filter((k) => k.activities > 0)).toEqual([
      { kind: 'courtyard_meeting', activities: 1, attendance: 60 }, { kind: 'market_day', activities: 1, attendance: 300 },
    ])
    expect(report.previous.activities).toMatchObject({ activities: 1, attendance: 500 })
    expect(report.current.bulletins).toEqual({ published: 2, opens: 5, uniqueReaders: 4, groupsReached: 3, groupsRegistered: 3 })
    expect(report.previous.bulletins).toEqual({ published: 1, opens: 1, uniqueReaders: 1, groupsReached: 1, groupsRegistered: 3 })
    expect(report.children).toEqual([
      { regionId: tree.villages[0].id, regionName: '东村', households: 5, householdsVisited: 4, pledgesSigned: 1, warningsReceived: 3, activities: 1 },
      { regionId: tree.villages[1].id, regionName: '西村', households: 3, householdsVisited: 2, pledgesSigned: 1, warningsReceived: 1, activities: 1 },
    ])
    const byKey = Object.fromEntries(report.comparisons.map((c) => [c.key, c]))
    expect(byKey['doorToDoor.householdsVisited']).toMatchObject({ current: 6, previous: 1, change: 5, changePercent: 500 })
    expect(byKey['warnings.received']).toMatchObject({ current: 5, previous: 1, change: 4, changePercent: 400 })
    expect(byKey['activities.attendance']).toMatchObject({ current: 360, previous: 500, change: -140, changePercent: -28 })
  })

  it('when the week of the 24th is asked, then only Monday 23rd to Sunday 29th counts, against the week before', async () => {
    const { tree } = await aTownWithNovember()
    const report = await reportOf(await tokenFor('admin', tree.town.id), `regionId=${tree.town.id}&period=week&date=2026-11-24`)
    expect(report.period.label).toBe('2026年第48周（11月23日—11月29日）')
    expect(report.current.doorToDoor).toEqual({
      households: 8, householdsVisited: 3, visits: 4, coveredAtEnd: 6, coveredAtStart: 3, pledgesSigned: 1, appInstalled: 2, callWarningOn: 2,
    })
    expect(report.previous.doorToDoor).toMatchObject({ householdsVisited: 1, visits: 1, pledgesSigned: 1 })
    expect(report.current.warnings).toMatchObject({ received: 3, handledInTime: 2 })
    expect(report.previous.warnings).toMatchObject({ received: 1, handledInTime: 0, outcomes: { open: 1 } })
    expect(report.current.quiz).toEqual({ participants: 2, attempts: 3, averageScore: 80, flagged: 1 })
    expect(report.current.bulletins).toEqual({ published: 1, opens: 4, uniqueReaders: 3, groupsReached: 2, groupsRegistered: 3 })
    expect(report.previous.bulletins).toMatchObject({ published: 0, opens: 0 })
    expect(report.current.activities).toMatchObject({ activities: 1, attendance: 60 })
    expect(report.previous.activities).toMatchObject({ activities: 0, attendance: 0 })
  })

  it('when the 24th is asked, then a visit ten minutes after Beijing midnight counts on that day and the 23rd is the previous day', async () => {
    const { tree } = await aTownWithNovember()
    const report = await reportOf(await tokenFor('admin', tree.town.id), `regionId=${tree.town.id}&period=day&date=2026-11-24`)
    expect(report.current.doorToDoor).toEqual({
      households: 8, householdsVisited: 2, visits: 3, coveredAtEnd: 6, coveredAtStart: 4, pledgesSigned: 1, appInstalled: 1, callWarningOn: 2,
    })
    expect(report.previous.doorToDoor).toMatchObject({ householdsVisited: 1, visits: 1, appInstalled: 1, coveredAtEnd: 4, coveredAtStart: 3 })
    expect(report.current.warnings).toMatchObject({
      received: 2, handledInTime: 1, outcomes: { dissuaded: 1, defrauded: 1 }, lossPrevented: 200000, lossSuffered: 5000.5,
    })
    expect(report.current.quiz).toEqual({ participants: 2, attempts: 2, averageScore: 70, flagged: 0 })
    expect(report.current.bulletins).toEqual({ published: 1, opens: 3, uniqueReaders: 2, groupsReached: 2, groupsRegistered: 3 })
  })

  it('when a cadre asks for their village, then only its rows count, with its grids as children', async () => {
    const { tree } = await aTownWithNovember()
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const report = await reportOf(cadre, `regionId=${tree.villages[0].id}&period=month&date=2026-11-01`)
    expect(report.current.doorToDoor).toMatchObject({ households: 5, householdsVisited: 4, visits: 5, pledgesSigned: 1 })
    expect(report.current.warnings).toMatchObject({ received: 3, handledInTime: 2 })
    expect(report.current.quiz).toEqual({ participants: 1, attempts: 2, averageScore: 90, flagged: 1 })
    expect(report.current.activities).toMatchObject({ activities: 1, attendance: 60 })
    expect(report.current.bulletins).toEqual({ published: 2, opens: 2, uniqueReaders: 2, groupsReached: 1, groupsRegistered: 1 })
    expect(report.children.map((c) => [c.regionName, c.households, c.householdsVisited])).toEqual([['东村第1网格', 4, 3], ['东村第2网格', 1, 1]])
    const town = await get(`/api/reports?regionId=${tree.town.id}&period=month&date=2026-11-01`, cadre)
    expect([town.statusCode, town.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
  })

  it('when the month is exported, then the workbook has one sheet per section with the figures and a Chinese file name', async () => {
    const { tree } = await aTownWithNovember()
    const res = await get(`/api/reports/export.xlsx?regionId=${tree.town.id}&period=month&date=2026-11-24`, await tokenFor('admin', tree.town.id))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent('测试镇反诈宣防月报_2026-11-01_2026-11-30.xlsx')}`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['通报摘要', '通报传播', '入户宣防', '答题', '预警劝阻', '宣传活动', '分区域'])
    const rowOf = (sheet: string, label: string) => {
      const values: unknown[][] = []
      book.getWorksheet(sheet)!.eachRow((row) => { values.push((row.values as unknown[]).slice(1)) })
      return values.find((v) => v[0] === label)
    }
    expect(rowOf('入户宣防', '走访住户（户）')).toEqual(['走访住户（户）', 6, 1, 5, 5])
    expect(rowOf('预警劝阻', '避免损失（元）')).toEqual(['避免损失（元）', 200000, 0, 200000, '—'])
    expect(rowOf('预警劝阻', '高风险')).toEqual(['高风险', 3, 3, 1])
    expect(rowOf('答题', '平均得分')).toEqual(['平均得分', 80, 90])
    expect(rowOf('宣传活动', '赶大集')).toEqual(['赶大集', 1, 300])
    expect(rowOf('分区域', '东村')).toEqual(['东村', 5, 4, 1, 3, 1])
    expect(rowOf('通报摘要', '统计时段')).toEqual(['统计时段', '2026年11月（2026-11-01 至 2026-11-30）'])
    expect(rowOf('通报摘要', '通报正文')![1]).toBe('【测试镇反诈宣防月报】2026年11月')
  })

  it('when the summary text is asked, then it is plain text carrying the key figures with 环比', async () => {
    const { tree } = await aTownWithNovember()
    const res = await get(`/api/reports/summary.txt?regionId=${tree.town.id}&period=month&date=2026-11-24`, await tokenFor('admin', tree.town.id))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(res.body).toContain('【测试镇反诈宣防月报】2026年11月')
    expect(res.body).toContain('走访住户6户（环比+500.0%）')
    expect(res.body).toContain('接收预警5条（环比+400.0%），按时联系3条（按时联系率60.0%）')
    expect(res.body).toContain('避免损失200,000元，群众被骗损失5,000.5元')
    expect(res.body).toContain('开展活动2场（环比+100.0%），参与群众360人次（院坝会1场、赶大集1场）')
  })

  it('when a new county has no data yet, then the report, the text and the workbook show zeros', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await tokenFor('admin', tree.county.id)
    const report = await reportOf(admin, `regionId=${tree.county.id}&period=day&date=2026-11-24`)
    expect(report.current.doorToDoor).toEqual({ households: 0, householdsVisited: 0, visits: 0, coveredAtEnd: 0, coveredAtStart: 0, pledgesSigned: 0, appInstalled: 0, callWarningOn: 0 })
    expect(report.current.quiz.averageScore).toBeNull()
    expect(report.children).toEqual([{ regionId: tree.town.id, regionName: '测试镇', households: 0, householdsVisited: 0, pledgesSigned: 0, warningsReceived: 0, activities: 0 }])
    expect(report.summaryText).toContain('接收预警0条（环比持平）')
    expect((await get(`/api/reports/export.xlsx?regionId=${tree.county.id}&period=day&date=2026-11-24`, admin)).statusCode).toBe(200)
  })

  it('when a custom period ends before it starts, then 400 REPORT_PERIOD_INVALID says so in Chinese', async () => {
    const tree = await aRegionTree(t.db)
    const res = await get(`/api/reports?regionId=${tree.town.id}&period=custom&date=2026-11-24&to=2026-11-20`, await tokenFor('admin', tree.town.id))
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'REPORT_PERIOD_INVALID', '统计时段无效：结束日期不能早于开始日期，且最长一年'])
  })

  it('when the region is unknown or outside the caller, or the caller may not read reports, then it is refused', async () => {
    const tree = await aRegionTree(t.db)
    const other = await aRegionTree(t.db)
    const admin = await tokenFor('admin', tree.town.id)
    const unknown = await get('/api/reports?regionId=999999&period=day&date=2026-11-24', admin)
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'REGION_NOT_FOUND'])
    const outside = await get(`/api/reports/summary.txt?regionId=${other.town.id}&period=day&date=2026-11-24`, admin)
    expect([outside.statusCode, outside.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
    const worker = await get(`/api/reports/export.xlsx?regionId=${tree.grids[0][0].id}&period=day&date=2026-11-24`, await tokenFor('grid_worker', tree.grids[0][0].id))
    expect([worker.statusCode, worker.json().code]).toEqual([403, 'FORBIDDEN'])
    const badDate = await get(`/api/reports?regionId=${tree.town.id}&period=year&date=2026/11/24`, admin)
    expect(badDate.statusCode).toBe(400)
  })
})
