import { randomUUID } from 'node:crypto'
import { endpoints } from '@/contract/endpoints'
import { chinaDateOf } from '@/core/bulletins'
import { aBulletin, aDeviceKey } from './helpers/bulletin-reach-factories'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
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
  const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} })
  const send = (method: 'POST' | 'PUT', url: string, token: string | null, payload: object = {}) =>
    t.app.inject({ method, url, headers: token ? bearer(token) : {}, payload })

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
      await get(`/api/bulletins/manage?regionId=${tree.town.id}`, token),
      await get(`/api/bulletins/${id}/versions`, token),
      await get('/api/public/bulletins'),
      await get(`/api/public/bulletins/${id}`),
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
      await get(`/api/groups?regionId=${tree.town.id}`, token),
      await get(`/api/bulletins/${bulletin.id}/reach`, token),
      await get(`/api/bulletins/${bulletin.id}/tree`, token),
      await get(`/api/reach/cadres?regionId=${tree.town.id}`, token),
      await send('POST', '/api/subscriptions', token, { templateKey: 'bulletin_reminder', result: 'accept' }),
      await get(`/api/outbox?regionId=${tree.town.id}`, token),
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
      await get('/api/invitations', admin),
      await get(`/api/invitations/${code}`, token),
      await send('POST', `/api/invitations/${code}/accept`, token),
      await get('/api/me', token),
      await get('/api/places'),
      await send('PUT', '/api/me/residence', token, { villageId: tree.villages[0].id }),
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
