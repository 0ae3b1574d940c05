import { randomUUID } from 'node:crypto'
import { endpoints } from '@/contract/endpoints'
import type { QuizPaper } from '@/contract/quiz'
import { chinaDateOf } from '@/core/bulletins'
import type { Role } from '@/core/roles'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aBulletin, aDeviceKey } from './helpers/bulletin-reach-factories'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
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

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { displayName: '李警官', roles: [{ role, regionId }] })).id)
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, token: string | null, payload?: object) =>
    t.app.inject({ method, url, ...(token && { headers: bearer(token) }), ...(payload && { payload }) })
  const okAnswers = (answers: { statusCode: number; body: string }[]) => answers.map((a) => [a.statusCode, a.statusCode === 200 ? '' : a.body])

  /** A warning about a household of grid [0][0], taken in by a town admin and found unreachable by its dissuader: the door gets a visit task. */
  async function anUnreachableWarning(tree: RegionTree) {
    const household = await aHousehold(t.db, { regionId: tree.grids[0][0].id, tags: ['独居老人'] })
    const admin = await tokenFor('admin', tree.town.id)
    const dissuader = await aUser(t.db, { displayName: '陈劝阻', roles: [{ role: 'dissuader', regionId: tree.villages[0].id }] })
    const created = await send('POST', '/api/warnings', admin, {
      regionId: tree.villages[0].id, householdCode: household.code, residentName: '刘大爷', phone: '13812341234', address: '幸福路12号',
      fraudType: 'fake_police', riskLevel: 'high', source: 'bank', amountAtRisk: 200000, receivedAt: t.now().toISOString(), assigneeId: null,
    })
    const id: string = created.json().id
    const unreachable = await send('POST', `/api/warnings/${id}/steps`, await signIn(t, dissuader.id), { step: 'unreachable', version: 1, note: '三次未接', lossAmount: null })
    return { admin, id, answers: [created, unreachable] }
  }

  it('when a warning is taken in, stepped, listed and reassigned, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const { admin, id, answers } = await anUnreachableWarning(tree)
    const other = await aUser(t.db, { displayName: '王劝阻', roles: [{ role: 'dissuader', regionId: tree.villages[0].id }] })
    const region = `regionId=${tree.town.id}`
    const more = [
      await send('GET', `/api/warnings?${region}`, admin), await send('GET', `/api/warnings/${id}`, admin),
      await send('GET', `/api/warnings/compliance?${region}`, admin), await send('GET', `/api/warnings/dissuaders?regionId=${tree.villages[0].id}`, admin),
      await send('PUT', `/api/warnings/${id}/assignee`, admin, { assigneeId: other.id }),
    ]

    expect(okAnswers([...answers, ...more])).toEqual(Array(7).fill([200, '']))
    expect(t.droppedFields).toEqual([])
  })

  it('when a grid worker opens today\'s patrol with a door-visit task and completes the task, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    await anUnreachableWarning(tree)
    const worker = await tokenFor('grid_worker', tree.grids[0][0].id)
    const plan = await send('GET', '/api/patrol/today', worker)
    const done = await send('POST', `/api/visit-tasks/${plan.json().tasks[0].id}/done`, worker, { note: '已上门，本人知晓' })

    expect(plan.json().tasks).toHaveLength(1)
    expect(okAnswers([plan, done])).toEqual([[200, ''], [200, '']])
    expect(t.droppedFields).toEqual([])
  })

  it('when labels are issued and printed and a door is scanned by its worker and by a stranger, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const household = await aHousehold(t.db, { regionId: tree.grids[0][0].id, phone: '13812345678' })
    const admin = await tokenFor('admin', tree.town.id)
    const issued = await send('POST', '/api/labels/issue', admin, { householdIds: [household.id] })
    const sheet = await send('GET', `/api/labels/sheet?gridId=${tree.grids[0][0].id}`, admin)
    const label = await t.db.selectFrom('door_labels').select('token').where('household_id', '=', household.id).executeTakeFirstOrThrow()
    const byWorker = await send('GET', `/api/doors/${label.token}`, await tokenFor('grid_worker', tree.grids[0][0].id))
    const byStranger = await send('GET', `/api/doors/${label.token}`, null)

    expect(okAnswers([issued, sheet, byWorker, byStranger])).toEqual(Array(4).fill([200, '']))
    expect([byWorker.json().kind, byStranger.json().kind]).toEqual(['household', 'public'])
    expect(t.droppedFields).toEqual([])
  })

  it('when a pledge is signed, listed and its village chain checked, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const household = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const worker = await tokenFor('grid_worker', tree.grids[0][0].id)
    const template = await send('GET', '/api/pledges/template', worker)
    const batch = await send('POST', '/api/pledges/batch', worker, { pledges: [aPledgeInput(await currentTemplate(t.db), household.id, t.now())] })
    const listed = await send('GET', `/api/pledges?householdId=${household.id}`, worker)
    const verified = await send('GET', `/api/pledges/verify?villageId=${tree.villages[0].id}`, await tokenFor('cadre', tree.villages[0].id))

    expect(okAnswers([template, batch, listed, verified])).toEqual(Array(4).fill([200, '']))
    expect(listed.json().items).toHaveLength(1)
    expect(t.droppedFields).toEqual([])
  })

  it('when coverage, its gaps and a worker\'s quarter are asked for, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    await aHousehold(t.db, { regionId: tree.grids[0][0].id, tags: ['一老一小'] })
    const admin = await tokenFor('admin', tree.town.id)
    const answers = [
      await send('GET', `/api/coverage?regionId=${tree.town.id}`, admin),
      await send('GET', `/api/coverage/gaps?regionId=${tree.town.id}`, admin),
      await send('GET', '/api/coverage/my-grids', await tokenFor('grid_worker', tree.grids[0][0].id)),
    ]

    expect(okAnswers(answers)).toEqual(Array(3).fill([200, '']))
    expect(t.droppedFields).toEqual([])
  })

  it('when an admin writes, publishes and retracts a bulletin, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const token = await signIn(t, (await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    const draft = await send('POST', '/api/bulletins', token, {
      regionId: tree.town.id, bulletinDate: chinaDateOf(new Date(t.now().getTime() - 24 * 3600_000)), title: '电信网络诈骗警情通报',
      cases: [{ fraudType: 'rebate_task', victimProfile: '某村 45岁 女性', lossYuan: 12800, method: '刷单垫付后无法提现。', warning: '刷单就是诈骗。' }],
      advice: '不听不信不转账。',
    })
    expect(draft.statusCode).toBe(200)
    const id = draft.json<{ id: string }>().id
    expect((await send('POST', `/api/bulletins/${id}/publish`, token, {})).statusCode).toBe(200)
    const answers = [
      await send('GET', `/api/bulletins/manage?regionId=${tree.town.id}`, token),
      await send('GET', `/api/bulletins/${id}/versions`, token),
      await send('GET', '/api/public/bulletins', null),
      await send('GET', `/api/public/bulletins/${id}`, null),
      await send('POST', `/api/bulletins/${id}/retract`, token, { reason: '案情有误' }),
    ]

    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200])
    expect(t.droppedFields).toEqual([])
  })

  it('when a bulletin is shared, opened, its group labelled and its reach read, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const token = await signIn(t, admin.id)
    const bulletin = await aBulletin(t.db, { regionId: tree.town.id, createdBy: admin.id })
    const [group] = await t.db.insertInto('wechat_groups')
      .values({ county_id: tree.county.id, opengid: 'g-contract', name: null, tier: null, region_id: null, owner_id: null, labelled_at: null })
      .returning('id').execute()
    const shared = await send('POST', `/api/public/bulletins/${bulletin.id}/shares`, token, {})
    const answers = [
      shared,
      await send('POST', '/api/public/opens', null, { bulletinId: bulletin.id, shareId: shared.json<{ id: string }>().id, readerKey: aDeviceKey() }),
      await send('PUT', `/api/groups/${group.id}`, token, { name: '东村平安群', tier: 1, regionId: tree.town.id }),
      await send('GET', `/api/groups?regionId=${tree.town.id}`, token),
      await send('GET', `/api/bulletins/${bulletin.id}/reach`, token),
      await send('GET', `/api/bulletins/${bulletin.id}/tree`, token),
      await send('GET', `/api/reach/cadres?regionId=${tree.town.id}`, token),
      await send('POST', '/api/subscriptions', token, { templateKey: 'bulletin_reminder', result: 'accept' }),
      await send('GET', `/api/outbox?regionId=${tree.town.id}`, token),
    ]

    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
    expect(t.droppedFields).toEqual([])
  })

  it('when a newcomer signs up, accepts an invitation and binds a residence, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await signIn(t, (await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    const signedUp = await send('POST', '/api/auth/demo-signup', null, { displayName: '新同事' })
    const { token, user } = signedUp.json<{ token: string; user: { id: string } }>()
    const invitation = await send('POST', '/api/invitations', admin, { role: 'grid_worker', regionId: tree.grids[0][0].id, maxUses: 1, expiresInHours: 24 })
    const code = invitation.json<{ code: string }>().code
    const answers = [
      signedUp,
      invitation,
      await send('GET', '/api/invitations', admin),
      await send('GET', `/api/invitations/${code}`, token),
      await send('POST', `/api/invitations/${code}/accept`, token, {}),
      await send('GET', '/api/me', token),
      await send('GET', '/api/places', null),
      await send('PUT', '/api/me/residence', token, { villageId: tree.villages[0].id }),
      await send('GET', '/api/me/residence', token),
      await send('GET', '/api/me/data', token),
      await send('GET', `/api/users?regionId=${tree.town.id}`, admin),
      await send('GET', `/api/users/${user.id}`, admin),
      await send('GET', '/api/regions/tree', admin),
      await send('GET', '/api/health', null),
    ]

    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
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
