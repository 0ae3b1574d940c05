import { randomUUID } from 'node:crypto'
import { endpoints } from '@/contract/endpoints'
import type { QuizPaper } from '@/contract/quiz'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { anActivity, aVisitedHousehold, aWarning } from './helpers/report-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('the API contract on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  it('when the server starts, then every endpoint of the contract is one of its routes', async () => {
    const missing = Object.keys(endpoints).filter((key) => {
      const [method, url] = key.split(' ')
      return !t.app.hasRoute({ method: method as 'GET', url })
    })
    expect(missing).toEqual([])
  })

  it('when a grid worker syncs visits, then no answer loses a field the service returned', async () => {
    const grid = (await aRegionTree(t.db)).grids[0][0]
    const worker = await aUser(t.db, { displayName: '网格员', roles: [{ role: 'grid_worker', regionId: grid.id }] })
    const token = await signIn(t, worker.id)
    const household = await aHousehold(t.db, { regionId: grid.id })
    const visit = {
      id: randomUUID(), householdId: household.id, visitedAt: t.now().toISOString(), note: '已宣讲', briefed: true,
      appInstalled: false, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false,
    }
    const out = await t.app.inject({ method: 'POST', url: '/api/visits/batch', headers: bearer(token), payload: { visits: [visit, { ...visit, id: randomUUID(), householdId: randomUUID() }] } })

    expect(out.statusCode).toBe(200)
    expect(t.droppedFields).toEqual([])
  })

  it('when a grid worker prints learning posters of a type and the path, then no answer loses a field the service returned', async () => {
    await seedResidentContent(t.db)
    const grid = (await aRegionTree(t.db)).grids[0][0]
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })).id)

    const out = await t.app.inject({ method: 'GET', url: '/api/knowledge/posters?fraudTypes=rebate_task&path=true', headers: bearer(token) })

    expect(out.statusCode).toBe(200)
    expect(t.droppedFields).toEqual([])
  })
  it('when a resident answers, submits and reads back today\'s quiz, then no answer loses a field the service returned', async () => {
    await seedResidentContent(t.db)
    const village = (await aRegionTree(t.db)).villages[0]
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: village.id }] })).id)
    const send = (url: string, payload?: object) => t.app.inject({ method: payload ? 'POST' : 'GET', url, headers: bearer(token), ...(payload && { payload }) })

    const paper = (await send('/api/quiz/today', {})).json<QuizPaper>()
    const reveal = await send('/api/quiz/today/answer', { attemptId: paper.attemptId, token: paper.token, questionId: paper.questions[0].id, chosen: [0], seconds: 20 })
    t.setNow(new Date(t.now().getTime() + 120_000))
    const answers = paper.questions.map((q) => ({ questionId: q.id, chosen: [0], seconds: 20 }))
    const result = await send('/api/quiz/today/submit', { attemptId: paper.attemptId, token: paper.token, answers })
    const standing = await send('/api/quiz/me')

    expect([reveal.statusCode, result.statusCode, standing.statusCode]).toEqual([200, 200, 200])
    expect(t.droppedFields).toEqual([])
  })
  it('when a resident claims a prize and staff redeem it, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await signIn(t, (await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    const resident = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const send = (method: 'GET' | 'POST', url: string, token: string, payload?: object) => t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) })
    const day = 24 * 3600_000
    const prize = await send('POST', '/api/prizes', admin, {
      regionId: tree.town.id, name: '防骗手提袋', description: '印有反诈标语的帆布袋', stock: 5, perUserLimit: 1, minScore: null, minStreak: null,
      validFrom: new Date(t.now().getTime() - day).toISOString(), validTo: new Date(t.now().getTime() + day).toISOString(), pickupPlace: '柏林派出所警务室',
    })

    const offers = await send('GET', '/api/prizes', resident)
    const claim = await send('POST', `/api/prizes/${prize.json<{ id: string }>().id}/claims`, resident)
    const redeemed = await send('POST', `/api/prize-claims/${claim.json<{ code: string }>().code}/redeem`, admin)
    const listed = await send('GET', `/api/prizes/manage?regionId=${tree.town.id}`, admin)

    expect([prize, offers, claim, redeemed, listed].map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200])
    expect(t.droppedFields).toEqual([])
  })
  it('when a cadre records an activity with a photo and lists the month, then no answer loses a field the service returned', async () => {
    t.setNow(new Date('2026-11-20T04:00:00Z'))
    const village = (await aRegionTree(t.db)).villages[0]
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'cadre', regionId: village.id }] })).id)
    const created = await t.app.inject({
      method: 'POST', url: '/api/activities', headers: bearer(token), payload: {
        regionId: village.id, kind: 'courtyard_meeting', title: '东村院坝会', place: '东村村委会院坝', heldAt: '2026-11-18T06:30:00.000Z',
        organiser: '东村村委会', attendance: 60, targetGroups: ['老年人'], materials: 120, summary: '讲解刷单返利骗局',
      },
    })
    const id = created.json<{ id: string }>().id
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
    const part = (field: string) => Buffer.concat([
      Buffer.from(`--b\r\nContent-Disposition: form-data; name="${field}"; filename="${field}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), jpeg, Buffer.from('\r\n'),
    ])
    const photo = await t.app.inject({
      method: 'POST', url: `/api/activities/${id}/photos`, headers: { ...bearer(token), 'content-type': 'multipart/form-data; boundary=b' },
      payload: Buffer.concat([part('photo'), part('thumbnail'), Buffer.from('--b--\r\n')]),
    })

    const detail = await t.app.inject({ method: 'GET', url: `/api/activities/${id}`, headers: bearer(token) })
    const month = await t.app.inject({ method: 'GET', url: `/api/activities?regionId=${village.id}&month=2026-11`, headers: bearer(token) })

    expect([created, photo, detail, month].map((r) => r.statusCode)).toEqual([200, 200, 200, 200])
    expect(t.droppedFields).toEqual([])
  })
  it('when a town admin asks for a month\'s report with visits, warnings and activities, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    await aVisitedHousehold(t.db, tree.grids[0][0].id, admin.id, [{ at: '2026-11-10 10:00', app: true }])
    await aWarning(t.db, {
      regionId: tree.villages[0].id, createdBy: admin.id, risk: 'high', receivedAt: '2026-11-11 09:00', limitMinutes: 30, contactAfterMinutes: 10,
      state: 'dissuaded', amountAtRisk: 5000,
    })
    await anActivity(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, kind: 'market_day', at: '2026-11-12 09:00', attendance: 200 })

    const out = await t.app.inject({
      method: 'GET', url: `/api/reports?regionId=${tree.town.id}&period=month&date=2026-11-20`, headers: bearer(await signIn(t, admin.id)),
    })

    expect(out.statusCode).toBe(200)
    expect(t.droppedFields).toEqual([])
  })
})
