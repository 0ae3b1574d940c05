import { randomUUID } from 'node:crypto'
import { endpoints } from '@/contract/endpoints'
import { chinaDateOf } from '@/core/bulletins'
import type { Role } from '@/core/roles'
import { aBulletin, aDeviceKey } from './helpers/bulletin-reach-factories'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
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

  const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} })
  const write = (method: 'POST' | 'PUT', url: string, token: string | null, payload: object = {}) =>
    t.app.inject({ method, url, headers: token ? bearer(token) : {}, payload })

  it('when an admin writes, publishes and retracts a bulletin, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const token = await signIn(t, (await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    const draft = await write('POST', '/api/bulletins', token, {
      regionId: tree.town.id, bulletinDate: chinaDateOf(new Date(t.now().getTime() - 24 * 3600_000)), title: '电信网络诈骗警情通报',
      cases: [{ fraudType: 'rebate_task', victimProfile: '某村 45岁 女性', lossYuan: 12800, method: '刷单垫付后无法提现。', warning: '刷单就是诈骗。' }],
      advice: '不听不信不转账。',
    })
    expect(draft.statusCode).toBe(200)
    const id = draft.json<{ id: string }>().id
    expect((await write('POST', `/api/bulletins/${id}/publish`, token, {})).statusCode).toBe(200)
    const answers = [
      await get(`/api/bulletins/manage?regionId=${tree.town.id}`, token),
      await get(`/api/bulletins/${id}/versions`, token),
      await get('/api/public/bulletins'),
      await get(`/api/public/bulletins/${id}`),
      await write('POST', `/api/bulletins/${id}/retract`, token, { reason: '案情有误' }),
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
    const shared = await write('POST', `/api/public/bulletins/${bulletin.id}/shares`, token, {})
    const answers = [
      shared,
      await write('POST', '/api/public/opens', null, { bulletinId: bulletin.id, shareId: shared.json<{ id: string }>().id, readerKey: aDeviceKey() }),
      await write('PUT', `/api/groups/${group.id}`, token, { name: '东村平安群', tier: 1, regionId: tree.town.id }),
      await get(`/api/groups?regionId=${tree.town.id}`, token),
      await get(`/api/bulletins/${bulletin.id}/reach`, token),
      await get(`/api/bulletins/${bulletin.id}/tree`, token),
      await get(`/api/reach/cadres?regionId=${tree.town.id}`, token),
      await write('POST', '/api/subscriptions', token, { templateKey: 'bulletin_reminder', result: 'accept' }),
      await get(`/api/outbox?regionId=${tree.town.id}`, token),
    ]

    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
    expect(t.droppedFields).toEqual([])
  })

  it('when a newcomer signs up, accepts an invitation and binds a residence, then no answer loses a field the service returned', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await signIn(t, (await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    const signedUp = await write('POST', '/api/auth/demo-signup', null, { displayName: '新同事' })
    const { token, user } = signedUp.json<{ token: string; user: { id: string } }>()
    const invitation = await write('POST', '/api/invitations', admin, { role: 'grid_worker', regionId: tree.grids[0][0].id, maxUses: 1, expiresInHours: 24 })
    const code = invitation.json<{ code: string }>().code
    const answers = [
      signedUp,
      invitation,
      await get('/api/invitations', admin),
      await get(`/api/invitations/${code}`, token),
      await write('POST', `/api/invitations/${code}/accept`, token),
      await get('/api/me', token),
      await get('/api/places'),
      await write('PUT', '/api/me/residence', token, { villageId: tree.villages[0].id }),
      await get('/api/me/residence', token),
      await get('/api/me/data', token),
      await get(`/api/users?regionId=${tree.town.id}`, admin),
      await get(`/api/users/${user.id}`, admin),
      await get('/api/regions/tree', admin),
      await get('/api/health'),
    ]

    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
    expect(t.droppedFields).toEqual([])
  })
})
