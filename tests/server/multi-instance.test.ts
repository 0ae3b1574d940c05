import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { VisitInput } from '@/contract/visits'
import { hashSessionToken, newSessionToken } from '../../server/src/modules/auth/tokens'
import { aHousehold, aRegionTree, aUser, signIn, type RegionTree } from './helpers/factories'
import { keptAndRecountedCoverage } from './helpers/coverage-recount'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { aBulletin, aSubscriber } from './helpers/reminder-factories'
import { startTestCluster, type TestCluster } from './helpers/test-cluster'
import { aWarning } from './helpers/warning-factories'

/**
 * Three whole server instances on one PostgreSQL, every request sent to the next one in turn: what one instance
 * keeps in memory (batchers, coalescers, caches, its outbox worker) must not let the cluster grant, send, escalate
 * or count anything twice, nor keep serving a user switched off on another instance.
 */
const INSTANCES = 3
const DAY_MS = 24 * 3600_000

describe('three server instances on one PostgreSQL', () => {
  let c: TestCluster
  let tree: RegionTree
  let admin: { id: string; token: string }
  beforeEach(async () => {
    c = await startTestCluster(INSTANCES)
    tree = await aRegionTree(c.db)
    const user = await aUser(c.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.county.id }] })
    admin = { id: user.id, token: await signIn(c, user.id) }
  })
  afterEach(async () => { await c.close() })

  /** Sends the request to the next instance, as a load balancer without sticky sessions would. */
  async function call(token: string | null, method: string, path: string, body?: unknown) {
    const res = await fetch(`${c.nextBaseUrl()}${path}`, {
      method,
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }

  /** Many residents signed in at once, written in a few statements. */
  async function manyResidents(count: number): Promise<string[]> {
    const users = await c.db.insertInto('users').values(Array.from({ length: count }, (_, i) => ({ display_name: `居民${i}` }))).returning('id').execute()
    await c.db.insertInto('role_assignments').values(users.map((u) => ({ user_id: u.id, role: 'resident' as const, region_id: tree.villages[0].id }))).execute()
    const tokens = users.map(() => newSessionToken())
    await c.db.insertInto('sessions').values(users.map((u, i) => ({
      token_hash: hashSessionToken(c.config.sessionSecret, tokens[i]), user_id: u.id, expires_at: new Date(Date.now() + DAY_MS),
    }))).execute()
    return tokens
  }

  it('when 1,000 residents claim a prize with stock 10 at once across the instances, then exactly 10 are granted', async () => {
    const prize = await c.db.insertInto('prizes').values({
      county_id: tree.county.id, region_id: tree.town.id, name: '反诈宣传折扇', stock: 10, per_user_limit: 1, min_score: null, min_streak: null,
      valid_from: new Date(Date.now() - DAY_MS), valid_to: new Date(Date.now() + DAY_MS), pickup_place: '柏林派出所警务室', created_by: admin.id,
    }).returning('id').executeTakeFirstOrThrow()
    const tokens = await manyResidents(1000)
    const results = await Promise.all(tokens.map((token) => call(token, 'POST', `/api/prizes/${prize.id}/claims`)))
    const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {})
    expect(byStatus).toEqual({ 200: 10, 409: 990 })
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['PRIZE_OUT_OF_STOCK']))
    const stored = await c.db.selectFrom('prizes').select('granted').where('id', '=', prize.id).executeTakeFirstOrThrow()
    const claims = await c.db.selectFrom('prize_claims').select('user_id').where('prize_id', '=', prize.id).execute()
    expect({ granted: stored.granted, claims: claims.length, claimants: new Set(claims.map((r) => r.user_id)).size }).toEqual({ granted: 10, claims: 10, claimants: 10 })
  }, 60_000)

  it('when a prize sold out on every instance gets more stock on one of them, then the next claims on the others are granted', async () => {
    c.freezeClock() // the sold-out copies must be dropped by the announcement, not by their 1 s running out
    const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString()
    const input = (stock: number) => ({
      regionId: tree.town.id, name: '防诈骗手提袋', description: '', stock, perUserLimit: 1, minScore: null, minStreak: null,
      validFrom: day(-1), validTo: day(30), pickupPlace: '柏林派出所警务室',
    })
    const created = await call(admin.token, 'POST', '/api/prizes', input(1))
    expect(created.status).toBe(200)
    const [first, ...others] = await manyResidents(1 + INSTANCES + INSTANCES)
    expect((await call(first, 'POST', `/api/prizes/${created.body.id}/claims`)).status).toBe(200)
    // Each instance now remembers the prize as sold out.
    for (const token of others.slice(0, INSTANCES)) {
      expect((await call(token, 'POST', `/api/prizes/${created.body.id}/claims`)).body.code).toBe('PRIZE_OUT_OF_STOCK')
    }

    expect((await call(admin.token, 'PUT', `/api/prizes/${created.body.id}`, input(1 + INSTANCES))).status).toBe(200)

    const after = []
    for (const token of others.slice(INSTANCES)) after.push((await call(token, 'POST', `/api/prizes/${created.body.id}/claims`)).status)
    expect(after).toEqual(Array.from({ length: INSTANCES }, () => 200))
  }, 30_000)

  it('when 200 reminders are due and every instance\'s outbox worker ticks at once, then WeChat receives each exactly once', async () => {
    const cadres = []
    for (let i = 0; i < 200; i++) cadres.push(await aSubscriber(c.db, { role: 'cadre', regionId: tree.villages[i % 2].id }))
    await aBulletin(c.db, { regionId: tree.town.id, authorId: admin.id, publishedAt: new Date() })
    // Two rounds: the second finds nothing left, as a later tick would.
    for (let round = 0; round < 2; round++) await Promise.all(c.instances.map((i) => i.worker.tick()))

    const received = c.wechat.sentMessages().map((m) => m.touser)
    expect(received).toHaveLength(200)
    expect(new Set(received)).toEqual(new Set(cadres.map((x) => x.openid)))
    const rows = await c.db.selectFrom('outbox').select(['status', 'attempts']).execute()
    expect(rows).toHaveLength(200)
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
  }, 60_000)

  it('when overdue warnings meet every instance\'s worker at once, then each is escalated once and its reminder sent once', async () => {
    const dissuader = await aSubscriber(c.db, { role: 'dissuader', regionId: tree.villages[0].id })
    await c.db.insertInto('subscriptions').values({ user_id: dissuader.id, template_key: 'warning_overdue', remaining: 100 }).execute()
    const warnings = []
    for (let i = 0; i < 30; i++) {
      warnings.push(await aWarning(c.db, {
        regionId: tree.grids[0][i % 2].id, createdBy: admin.id, assigneeId: dissuader.id, receivedAt: new Date(Date.now() - 3 * 3600_000),
      }))
    }
    for (let round = 0; round < 2; round++) await Promise.all(c.instances.map((i) => i.worker.tick()))

    const events = await c.db.selectFrom('warning_events').select(['warning_id']).where('kind', '=', 'escalated').execute()
    expect(events.map((e) => e.warning_id).sort()).toEqual(warnings.map((w) => w.id).sort())
    const escalated = await c.db.selectFrom('warnings').select('id').where('escalated_at', 'is not', null).execute()
    expect(escalated).toHaveLength(30)
    const toDissuader = c.wechat.sentMessages().filter((m) => m.touser === dissuader.openid && m.template_id === c.config.warningReminderTemplateId)
    expect(toDissuader).toHaveLength(30)
  }, 60_000)

  it('when an admin deactivates a worker on one instance, then all three refuse the worker\'s next request', async () => {
    const worker = await aUser(c.db, { displayName: '张网格', roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
    const token = await signIn(c, worker.id)
    // Every instance has the session cached before the change.
    for (let i = 0; i < INSTANCES; i++) expect((await call(token, 'GET', '/api/patrol/today')).status).toBe(200)

    expect((await call(admin.token, 'POST', `/api/users/${worker.id}/deactivate`)).status).toBe(200)

    const after = []
    for (let i = 0; i < INSTANCES; i++) after.push(await call(token, 'GET', '/api/patrol/today'))
    expect(after.map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: INSTANCES }, () => [401, 'USER_DEACTIVATED']))
  }, 30_000)

  it('when a worker logs out on one instance, then all three refuse that token at the next request', async () => {
    const worker = await aUser(c.db, { displayName: '张网格', roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
    const token = await signIn(c, worker.id)
    for (let i = 0; i < INSTANCES; i++) expect((await call(token, 'GET', '/api/patrol/today')).status).toBe(200)

    const out = await fetch(`${c.nextBaseUrl()}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    expect(out.status).toBe(204)

    const after = []
    for (let i = 0; i < INSTANCES; i++) after.push(await call(token, 'GET', '/api/patrol/today'))
    expect(after.map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: INSTANCES }, () => [401, 'AUTH_INVALID']))
  }, 30_000)

  it('when visits, pledges and bulletin opens stream in across the instances, then the kept counters equal a recount', async () => {
    const template = await currentTemplate(c.db)
    const grids = tree.grids.flat()
    const workers = []
    for (const grid of grids) {
      const households = []
      for (let h = 0; h < 5; h++) households.push((await aHousehold(c.db, { regionId: grid.id, tags: h % 2 ? ['独居老人'] : [] })).id)
      workers.push({ token: await signIn(c, (await aUser(c.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })).id), households })
    }
    const bulletin = await aBulletin(c.db, { regionId: tree.town.id, authorId: admin.id, publishedAt: new Date(Date.now() - 60_000) })
    const readers = Array.from({ length: 50 }, () => `d:${randomUUID()}`)

    const aVisit = (householdId: string, i: number): VisitInput => ({
      id: randomUUID(), householdId, visitedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(), note: '', briefed: true,
      appInstalled: i % 3 === 0, callWarningOn: i % 2 === 0, emergencyContact: false, elderlyChildReminded: false,
    })
    const storedVisits = new Set<string>()
    const storedPledges = new Set<string>()
    const visitBatches = workers.flatMap((w) => Array.from({ length: 10 }, async (_, i) => {
      const visits = w.households.map((h) => aVisit(h, i))
      const res = await call(w.token, 'POST', '/api/visits/batch', { visits })
      expect(res.status).toBe(200)
      for (const item of res.body.items) if (item.status === 'stored') storedVisits.add(item.id)
    }))
    const pledgeBatches = workers.flatMap((w) => w.households.slice(0, 3).map(async (h) => {
      const pledge = aPledgeInput(template, h, new Date())
      const res = await call(w.token, 'POST', '/api/pledges/batch', { pledges: [pledge] })
      expect(res.status).toBe(200)
      if (res.body.items[0].status === 'stored') storedPledges.add(pledge.id)
    }))
    const opens = Array.from({ length: 300 }, async (_, i) => {
      expect((await call(null, 'POST', '/api/public/opens', { bulletinId: bulletin.id, readerKey: readers[i % readers.length] })).status).toBe(200)
    })
    await Promise.all([...visitBatches, ...pledgeBatches, ...opens])

    expect(storedVisits.size).toBe(grids.length * 5 * 10)
    expect(storedPledges.size).toBe(grids.length * 3)
    const visits = await c.db.selectFrom('visits').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    expect(visits.n).toBe(storedVisits.size)

    const gridIds = grids.map((g) => g.id)
    const { kept, recount } = await keptAndRecountedCoverage(c.db, gridIds)
    expect(kept).toEqual(recount)
    expect(recount.every((r) => r.visited === 5)).toBe(true)

    for (const village of tree.villages) {
      const head = await c.db.selectFrom('pledge_chain_heads').select('last_seq').where('village_id', '=', village.id).executeTakeFirstOrThrow()
      expect(head.last_seq).toBe(grids.length / 2 * 3)
      const verified = await call(admin.token, 'GET', `/api/pledges/verify?villageId=${village.id}`)
      expect(verified.body).toMatchObject({ checked: head.last_seq, ok: true, problems: [] })
    }

    const reach = await call(admin.token, 'GET', `/api/bulletins/${bulletin.id}/reach`)
    const opened = await sql<{ opens: number; readers: number }>`
      SELECT count(*)::int AS opens, count(DISTINCT reader_key)::int AS readers FROM opens WHERE bulletin_id = ${bulletin.id}`.execute(c.db)
    expect(opened.rows[0]).toEqual({ opens: 50, readers: 50 })
    expect(reach.body).toMatchObject({ opens: opened.rows[0].opens, uniqueReaders: opened.rows[0].readers })
  }, 60_000)
})
