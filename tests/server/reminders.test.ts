import type { OutboxItem } from '@/contract/reminders'
import { BULLETIN_PAGE } from '@/core/outbox'
import type { Role } from '@/core/roles'
import { enqueueDueReminders } from '../../server/src/modules/reminders/enqueue'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { aBulletin, aGroup, anOpen, aSubscriber, outboxRows, remainingOf } from './helpers/reminder-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const HOUR = 3600_000

describe.each(ENGINES)('reminders: subscriptions and queued reminders on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const enqueue = () => enqueueDueReminders({ db: t.db, config: t.config }, t.now())
  const later = (hours: number) => new Date(t.now().getTime() + hours * HOUR)
  const subscribe = (token: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/subscriptions', headers: bearer(token), payload })
  const tokenOf = async (role: Role, regionId: string, displayName = '李干部') =>
    signIn(t, (await aUser(t.db, { displayName, roles: [{ role, regionId }] })).id)
  const anAdmin = async (tree: RegionTree) => aUser(t.db, { displayName: '派出所', roles: [{ role: 'admin', regionId: tree.town.id }] })

  describe('POST /api/subscriptions', () => {
    it('when a user accepts twice, then two sends are allowed', async () => {
      const tree = await aRegionTree(t.db)
      const token = await tokenOf('cadre', tree.villages[0].id)
      expect((await subscribe(token, { templateKey: 'bulletin_reminder', result: 'accept' })).json()).toEqual({ remaining: 1 })
      expect((await subscribe(token, { templateKey: 'bulletin_reminder', result: 'accept' })).json()).toEqual({ remaining: 2 })
    })

    it('when a user rejects, bans or is filtered, then nothing is recorded and the current count is answered', async () => {
      const tree = await aRegionTree(t.db)
      const token = await tokenOf('cadre', tree.villages[0].id)
      expect((await subscribe(token, { templateKey: 'bulletin_reminder', result: 'reject' })).json()).toEqual({ remaining: 0 })
      expect(await t.db.selectFrom('subscriptions').selectAll().execute()).toEqual([])
      await subscribe(token, { templateKey: 'bulletin_reminder', result: 'accept' })
      for (const result of ['reject', 'ban', 'filter']) {
        expect((await subscribe(token, { templateKey: 'bulletin_reminder', result })).json()).toEqual({ remaining: 1 })
      }
    })

    it('when the template is unknown, then it is refused with SUBSCRIBE_TEMPLATE_UNKNOWN', async () => {
      const tree = await aRegionTree(t.db)
      const res = await subscribe(await tokenOf('cadre', tree.villages[0].id), { templateKey: 'quiz_prize', result: 'accept' })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'SUBSCRIBE_TEMPLATE_UNKNOWN', message: '没有这个订阅消息' })
    })

    it('when the result is not one WeChat gives, then it is refused as invalid', async () => {
      const tree = await aRegionTree(t.db)
      const res = await subscribe(await tokenOf('cadre', tree.villages[0].id), { templateKey: 'bulletin_reminder', result: 'maybe' })
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('VALIDATION_FAILED')
    })

    it('when no one is signed in, then it asks for a sign-in', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: { templateKey: 'bulletin_reminder', result: 'accept' } })
      expect(res.statusCode).toBe(401)
      expect(res.json().code).toBe('AUTH_REQUIRED')
    })
  })

  describe('enqueueDueReminders: a bulletin is published', () => {
    it('when a town bulletin is published, then each subscribed admin and cadre of the town gets one row and spends one send', async () => {
      const tree = await aRegionTree(t.db)
      const admin = await aSubscriber(t.db, { role: 'admin', regionId: tree.town.id, displayName: '柏林派出所' })
      const cadre = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id, remaining: 2 })
      const unsubscribed = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[1].id, remaining: 0 })
      await aSubscriber(t.db, { role: 'grid_worker', regionId: tree.grids[0][0].id })
      await aSubscriber(t.db, { role: 'cadre', regionId: (await aRegionTree(t.db)).villages[0].id })
      const bulletin = await aBulletin(t.db, { regionId: tree.town.id, authorId: admin.id, publishedAt: t.now() })

      expect(await enqueue()).toEqual({ queued: 2 })
      const rows = await outboxRows(t.db)
      expect(rows.map((r) => r.dedupe_key).sort()).toEqual(
        [admin, cadre].map((u) => `bulletin_published:${bulletin.id}:${u.id}`).sort())
      expect(rows.every((r) => r.kind === 'bulletin_published' && r.status === 'pending' && r.template_key === 'bulletin_reminder')).toBe(true)
      expect(rows[0].payload).toMatchObject({ page: `${BULLETIN_PAGE}?id=${bulletin.id}`, data: { thing1: { value: bulletin.title } } })
      expect([await remainingOf(t.db, admin.id), await remainingOf(t.db, cadre.id), await remainingOf(t.db, unsubscribed.id)]).toEqual([0, 1, null])
    })

    it('when the queue is filled again, then no reminder is queued twice and no send is spent twice', async () => {
      const tree = await aRegionTree(t.db)
      const cadre = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id, remaining: 3 })
      await aBulletin(t.db, { regionId: tree.town.id, authorId: cadre.id, publishedAt: t.now() })
      await enqueue()
      expect(await enqueue()).toEqual({ queued: 0 })
      expect(await outboxRows(t.db)).toHaveLength(1)
      expect(await remainingOf(t.db, cadre.id)).toBe(2)
    })

    it('when two workers fill the queue at once, then each reminder is queued once and spends one send', async () => {
      const tree = await aRegionTree(t.db)
      const cadres = [
        await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id, remaining: 5 }),
        await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[1].id, remaining: 5 }),
      ]
      await aBulletin(t.db, { regionId: tree.town.id, authorId: cadres[0].id, publishedAt: t.now() })
      const results = await Promise.all([enqueue(), enqueue(), enqueue()])
      expect(results.reduce((n, r) => n + r.queued, 0)).toBe(2)
      expect(await outboxRows(t.db)).toHaveLength(2)
      expect([await remainingOf(t.db, cadres[0].id), await remainingOf(t.db, cadres[1].id)]).toEqual([4, 4])
    })

    it('when someone without an admin or cadre role owns a group in the town, then the owner is reminded too', async () => {
      const tree = await aRegionTree(t.db)
      const owner = await aSubscriber(t.db, { role: 'dissuader', regionId: (await aRegionTree(t.db)).villages[0].id })
      await aGroup(t.db, { regionId: tree.villages[1].id, ownerId: owner.id })
      await aBulletin(t.db, { regionId: tree.town.id, authorId: owner.id, publishedAt: t.now() })
      expect(await enqueue()).toEqual({ queued: 1 })
    })

    it('when a bulletin is a draft, scheduled for later or retracted, then no one is reminded until it is visible', async () => {
      const tree = await aRegionTree(t.db)
      const cadre = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id, remaining: 5 })
      await aBulletin(t.db, { regionId: tree.town.id, authorId: cadre.id, publishedAt: null })
      await aBulletin(t.db, { regionId: tree.town.id, authorId: cadre.id, publishedAt: later(-1), retractedAt: t.now() })
      const scheduled = await aBulletin(t.db, { regionId: tree.town.id, authorId: cadre.id, publishedAt: later(2) })
      expect(await enqueue()).toEqual({ queued: 0 })
      t.setNow(later(2))
      expect(await enqueue()).toEqual({ queued: 1 })
      expect((await outboxRows(t.db))[0].dedupe_key).toBe(`bulletin_published:${scheduled.id}:${cadre.id}`)
    })

    it('when a subscriber has no WeChat openid, then the subscriber is skipped and keeps the send', async () => {
      const tree = await aRegionTree(t.db)
      const cadre = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id, openid: null })
      await aBulletin(t.db, { regionId: tree.town.id, authorId: cadre.id, publishedAt: t.now() })
      expect(await enqueue()).toEqual({ queued: 0 })
      expect(await remainingOf(t.db, cadre.id)).toBe(1)
    })
  })

  describe('enqueueDueReminders: groups not reached', () => {
    const aPublishedBulletin = async (tree: RegionTree) =>
      aBulletin(t.db, { regionId: tree.town.id, authorId: (await anAdmin(tree)).id, publishedAt: t.now() })
    const notReachedRows = async () => (await outboxRows(t.db)).filter((r) => r.kind === 'bulletin_not_reached')

    it('when N hours pass, then each subscribed owner of unreached labelled groups gets one row counting them', async () => {
      const tree = await aRegionTree(t.db)
      const bulletin = await aPublishedBulletin(tree)
      const owner = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id })
      const ownerOfReached = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[1].id })
      const ownerOfUnlabelled = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[1].id })
      const unsubscribed = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[1].id, remaining: 0 })
      await aGroup(t.db, { regionId: tree.villages[0].id, ownerId: owner.id })
      await aGroup(t.db, { regionId: tree.villages[0].id, ownerId: owner.id })
      const reached = await aGroup(t.db, { regionId: tree.villages[1].id, ownerId: ownerOfReached.id })
      await anOpen(t.db, { bulletinId: bulletin.id, groupId: reached.id, at: later(1) })
      await aGroup(t.db, { regionId: tree.villages[1].id, ownerId: ownerOfUnlabelled.id, labelled: false })
      await aGroup(t.db, { regionId: tree.villages[1].id, ownerId: unsubscribed.id })
      await aGroup(t.db, { regionId: tree.villages[1].id, ownerId: null })
      // Spend their sends on the publishing reminder first, then give each owner one more.
      await enqueue()
      for (const u of [owner, ownerOfReached, ownerOfUnlabelled]) {
        await t.db.updateTable('subscriptions').set({ remaining: 1 }).where('user_id', '=', u.id).execute()
      }

      t.setNow(later(t.config.reminderAfterHours - 0.5))
      await enqueue()
      expect(await notReachedRows()).toEqual([])

      t.setNow(later(0.5))
      expect(await enqueue()).toEqual({ queued: 1 })
      const rows = await notReachedRows()
      expect(rows.map((r) => [r.dedupe_key, r.user_id])).toEqual([[`bulletin_not_reached:${bulletin.id}:${owner.id}`, owner.id]])
      expect(rows[0].payload).toMatchObject({ page: `${BULLETIN_PAGE}?id=${bulletin.id}`, data: { thing3: { value: '您有2个群还未收到，请转发' } } })
      expect(await remainingOf(t.db, owner.id)).toBe(0)
      expect(await remainingOf(t.db, ownerOfReached.id)).toBe(1)
    })

    it('when an owner has no send left, then the owner is skipped, and reminded once a send is granted', async () => {
      const tree = await aRegionTree(t.db)
      const bulletin = await aPublishedBulletin(tree)
      const owner = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id, remaining: 0 })
      await aGroup(t.db, { regionId: tree.villages[0].id, ownerId: owner.id })
      t.setNow(later(t.config.reminderAfterHours))
      expect(await enqueue()).toEqual({ queued: 0 })
      await t.db.insertInto('subscriptions').values({ user_id: owner.id, template_key: 'bulletin_reminder', remaining: 2 }).execute()
      await enqueue()
      expect((await notReachedRows()).map((r) => r.dedupe_key)).toEqual([`bulletin_not_reached:${bulletin.id}:${owner.id}`])
      await enqueue()
      expect(await notReachedRows()).toHaveLength(1)
    })
  })

  describe('GET /api/outbox', () => {
    async function aQueueWithTwoVillages() {
      const tree = await aRegionTree(t.db)
      const east = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id, displayName: '东村干部' })
      const west = await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[1].id, displayName: '西村干部' })
      await aBulletin(t.db, { regionId: tree.town.id, authorId: east.id, publishedAt: t.now() })
      await enqueue()
      await t.db.updateTable('outbox').set({ status: 'failed', attempts: 1, last_errcode: 43101, last_error: 'user refuse to accept the msg' })
        .where('user_id', '=', west.id).execute()
      return tree
    }
    const list = async (token: string, query = '') => t.app.inject({ method: 'GET', url: `/api/outbox${query}`, headers: bearer(token) })

    it('when the station lists its town, then it sees every reminder with names, status and the last error', async () => {
      const tree = await aQueueWithTwoVillages()
      const res = await list(await tokenOf('admin', tree.town.id), `?regionId=${tree.town.id}`)
      expect(res.statusCode).toBe(200)
      const items = res.json() as OutboxItem[]
      expect(items.map((i) => [i.userName, i.status, i.attempts, i.lastErrcode]).sort()).toEqual([
        ['东村干部', 'pending', 0, null],
        ['西村干部', 'failed', 1, 43101],
      ])
      expect(items.find((i) => i.status === 'failed')).toMatchObject({ kind: 'bulletin_published', lastError: 'user refuse to accept the msg', sentAt: null })
    })

    it('when asked for failed ones only, then only those come', async () => {
      const tree = await aQueueWithTwoVillages()
      const items = (await list(await tokenOf('admin', tree.town.id), '?status=failed')).json() as OutboxItem[]
      expect(items.map((i) => i.userName)).toEqual(['西村干部'])
    })

    it('when a village cadre lists, then only reminders to people of that village are shown', async () => {
      const tree = await aQueueWithTwoVillages()
      const items = (await list(await tokenOf('cadre', tree.villages[0].id))).json() as OutboxItem[]
      expect(items.map((i) => i.userName)).toEqual(['东村干部'])
    })

    it('when a cadre asks for a region outside the village, then it is refused as out of scope', async () => {
      const tree = await aQueueWithTwoVillages()
      const res = await list(await tokenOf('cadre', tree.villages[0].id), `?regionId=${tree.villages[1].id}`)
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('OUT_OF_SCOPE')
    })

    it.each(['grid_worker', 'dissuader', 'resident'] as const)('when a %s asks, then it is forbidden', async (role) => {
      const tree = await aQueueWithTwoVillages()
      const res = await list(await tokenOf(role, tree.grids[0][0].id))
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    })
  })
})
