import { randomUUID } from 'node:crypto'
import type { VisitInput } from '@/contract/visits'
import { enqueueDueReminders } from '../../server/src/modules/reminders/enqueue'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { aBulletin, aSubscriber } from './helpers/reminder-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const TOKEN = 'metrics-token-for-tests-0123456789abcdef'

/** The value of one sample line, e.g. `xuanfang_outbox_backlog{state="pending"}`; NaN when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : NaN
}

const aVisit = (householdId: string): VisitInput => ({
  id: randomUUID(), householdId, visitedAt: new Date(Date.now() - 60_000).toISOString(), note: '', briefed: true,
  appInstalled: false, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false,
})

describe.each(ENGINES)('Prometheus metrics on %s', (engine) => {
  let t: TestApp
  afterEach(async () => { await t.close() })

  const scrape = (token?: string) => t.app.inject({ method: 'GET', url: '/metrics', headers: token ? bearer(token) : {} })

  it('when no METRICS_TOKEN is set, then /metrics does not exist', async () => {
    t = await startTestApp(engine)
    const res = await scrape(TOKEN)
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
  })

  it('when the token is wrong or missing, then /metrics answers 401 in Chinese and shows no numbers', async () => {
    t = await startTestApp(engine, { metricsToken: TOKEN })
    for (const res of [await scrape(`${TOKEN}x`), await scrape(), await scrape('short')]) {
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ code: 'METRICS_TOKEN_INVALID', message: '监控令牌无效' })
    }
  })

  it('when requests were served, then the scrape shows them per route pattern with latencies, batch sizes, rejections and the outbox backlog', async () => {
    t = await startTestApp(engine, { metricsToken: TOKEN })
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0]
    const household = await aHousehold(t.db, { regionId: grid.id })
    const worker = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })).id)
    const elsewhere = await aHousehold(t.db, { regionId: tree.grids[1][0].id })
    const upload = await t.app.inject({ method: 'POST', url: '/api/visits/batch', headers: bearer(worker), payload: { visits: [aVisit(household.id), aVisit(household.id), aVisit(elsewhere.id)] } })
    const rejected = upload.json().items[2]
    expect(rejected.status).toBe('rejected')
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: 'GET', url: `/api/households/${household.id}`, headers: bearer(worker) })).statusCode).toBe(200)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    for (let i = 0; i < 4; i++) await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id })
    await aBulletin(t.db, { regionId: tree.town.id, authorId: admin.id, publishedAt: t.now() })
    expect(await enqueueDueReminders({ db: t.db, config: t.config }, t.now())).toEqual({ queued: 4 })

    const res = await scrape(TOKEN)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    const text = res.body
    expect(sample(text, 'xuanfang_http_requests_total{method="GET",route="/api/households/:id",status="200"}')).toBe(3)
    expect(sample(text, 'xuanfang_http_requests_total{method="POST",route="/api/visits/batch",status="200"}')).toBe(1)
    expect(text).not.toContain(household.id)
    expect(sample(text, 'xuanfang_http_request_duration_seconds_count{method="GET",route="/api/households/:id"}')).toBe(3)
    const seconds = sample(text, 'xuanfang_http_request_duration_seconds_sum{method="GET",route="/api/households/:id"}')
    expect(seconds).toBeGreaterThan(0)
    expect(seconds).toBeLessThan(60)
    expect(sample(text, 'xuanfang_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/households/:id"}')).toBe(3)
    expect(sample(text, 'xuanfang_coalescer_batch_size_sum{coalescer="visit_writes"}')).toBe(2)
    expect(sample(text, 'xuanfang_coalescer_batch_size_count{coalescer="session_lookups"}')).toBeGreaterThanOrEqual(1)
    expect(sample(text, `xuanfang_sync_rejections_total{kind="visits",code="${rejected.code}"}`)).toBe(1)
    expect(sample(text, 'xuanfang_outbox_backlog{state="pending"}')).toBe(4)
    expect(sample(text, 'xuanfang_outbox_backlog{state="due"}')).toBe(4)
    if (engine === 'pg') {
      expect(sample(text, 'xuanfang_db_pool_connections{state="max"}')).toBe(10)
      expect(sample(text, 'xuanfang_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1)
      expect(sample(text, 'xuanfang_db_pool_connections{state="total"}')).toBeLessThanOrEqual(10)
    } else {
      expect(text).not.toContain('xuanfang_db_pool_connections')
    }
  })
})
