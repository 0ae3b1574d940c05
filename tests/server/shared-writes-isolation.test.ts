import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { VisitInput } from '@/contract/visits'
import { WriteCoalescer } from '../../server/src/db/write-coalescer'
import { BatchingPrizeRepository } from '../../server/src/modules/prizes/batching-prize-repo'
import { AppMetrics } from '../../server/src/metrics/app-metrics'
import { VisitRepo, type NewVisit } from '../../server/src/modules/visits/repo'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

/** The inputs of issue 15: one caller's crafted timestamp must not fail anyone else's upload. */
const POISONED_TIMES = ['+002026-12-06T08:00:00Z', '2026-12-06 08:00:00 UTC+8', '2026-12-06T08:00:00']
const INNOCENT_BATCHES = 60

describe.each(ENGINES)('isolation of shared writes on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const minutesAgo = (m: number) => new Date(t.now().getTime() - m * 60_000).toISOString()
  const aVisit = (householdId: string, opts: Partial<VisitInput> = {}): VisitInput => ({
    id: randomUUID(), householdId, visitedAt: minutesAgo(30), note: '已宣讲', briefed: true, appInstalled: false,
    callWarningOn: false, emergencyContact: false, elderlyChildReminded: false, ...opts,
  })
  const sync = (token: string, visits: VisitInput[]) =>
    t.app.inject({ method: 'POST', url: '/api/visits/batch', headers: bearer(token), payload: { visits } })
  const storedIds = async () => new Set((await t.db.selectFrom('visits').select('id').execute()).map((r) => r.id))

  async function workersWithHouseholds(workers: number) {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0]
    const made = []
    for (let i = 0; i < workers; i++) {
      const worker = await aUser(t.db, { displayName: `网格员${i}`, roles: [{ role: 'grid_worker', regionId: grid.id }] })
      made.push({ token: await signIn(t, worker.id), household: (await aHousehold(t.db, { regionId: grid.id })).id, workerId: worker.id })
    }
    return { grid, workers: made }
  }

  it('when one batch with crafted timestamps is uploaded among 60 concurrent innocent batches, then every innocent visit is stored and only the crafted items are rejected', async () => {
    const { workers } = await workersWithHouseholds(4)
    const innocent = Array.from({ length: INNOCENT_BATCHES }, (_, i) => {
      const w = workers[i % workers.length]
      return { token: w.token, visits: [aVisit(w.household), aVisit(w.household, { visitedAt: minutesAgo(90) })] }
    })
    const attacker = workers[0]
    const poisoned = [aVisit(attacker.household), ...POISONED_TIMES.map((visitedAt) => aVisit(attacker.household, { visitedAt }))]
    const requests = innocent.map((b) => sync(b.token, b.visits))
    requests.splice(INNOCENT_BATCHES / 2, 0, sync(attacker.token, poisoned))

    const answers = await Promise.all(requests)

    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
    const stored = await storedIds()
    for (const visit of innocent.flatMap((b) => b.visits)) expect(stored.has(visit.id)).toBe(true)
    const poisonedAnswer = answers[INNOCENT_BATCHES / 2].json().items
    expect(poisonedAnswer.map((i: { status: string }) => i.status)).toEqual(['stored', 'rejected', 'rejected', 'rejected'])
    expect(poisonedAnswer[1]).toMatchObject({ code: 'VISIT_TIME_INVALID', message: '走访时间格式不正确' })
    expect(stored.has(poisoned[0].id)).toBe(true)
    expect(stored.size).toBe(INNOCENT_BATCHES * 2 + 1)
  })

  it('when a visit is stamped with an offset, then it is stored as the same instant in UTC', async () => {
    const { workers } = await workersWithHouseholds(1)
    const at = new Date(t.now().getTime() - 3600_000)
    const beijing = new Date(at.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00')
    const visit = aVisit(workers[0].household, { visitedAt: beijing })
    expect((await sync(workers[0].token, [visit])).json().items[0].status).toBe('stored')
    const row = await t.db.selectFrom('visits').select('visited_at').where('id', '=', visit.id).executeTakeFirstOrThrow()
    expect(new Date(row.visited_at).toISOString()).toBe(at.toISOString())
  })

  it('when the shared statement itself refuses one row among 60 concurrent writers, then the batch is split and only that writer fails', async () => {
    const { grid, workers } = await workersWithHouseholds(1)
    const household = await t.db.selectFrom('households').select(['id', 'county_id']).where('id', '=', workers[0].household).executeTakeFirstOrThrow()
    const repo = new VisitRepo(t.db)
    const writes = new WriteCoalescer((rows: NewVisit[]) => repo.storeAndApply(rows).then((m) => rows.map((r) => m.get(r.id) ?? 'duplicate')), { maxItems: 1000, maxWaitMs: 5, maxConcurrent: 1 })
    const row = (visitedAt: string): NewVisit => ({
      id: randomUUID(), county_id: household.county_id, household_id: household.id, grid_id: grid.id, worker_id: workers[0].workerId,
      visited_at: visitedAt, briefed: true, app_installed: false, call_warning_on: false, emergency_contact: false,
      elderly_child_reminded: false, note: '', geo_lat: null, geo_lng: null,
    })
    const innocent = Array.from({ length: INNOCENT_BATCHES }, () => row(minutesAgo(10)))
    // A value PostgreSQL refuses inside the multi-row statement, as if it had slipped past the edge.
    const poisoned = row(POISONED_TIMES[0])
    const submitted = innocent.map((r) => writes.submit([r]))
    submitted.splice(7, 0, writes.submit([poisoned]))

    const settled = await Promise.allSettled(submitted)

    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1)
    expect(settled[7].status).toBe('rejected')
    const stored = await storedIds()
    expect(innocent.every((r) => stored.has(r.id))).toBe(true)
    expect(stored.has(poisoned.id)).toBe(false)
    const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM visits`.execute(t.db)).rows[0].n
    expect(n).toBe(INNOCENT_BATCHES)
  })

  it('when one prize claim among 60 concurrent ones collides with an existing redemption code, then only that claim fails and the other 60 are granted', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const prize = await t.db.insertInto('prizes').values({
      county_id: tree.county.id, region_id: tree.town.id, name: '折扇', stock: 1000, per_user_limit: 1,
      valid_from: new Date(t.now().getTime() - 3600_000), valid_to: new Date(t.now().getTime() + 86_400_000), pickup_place: '派出所', created_by: admin.id,
    }).returning('id').executeTakeFirstOrThrow()
    const residents: string[] = []
    for (let i = 0; i < INNOCENT_BATCHES + 2; i++) residents.push((await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const prizes = new BatchingPrizeRepository({ db: t.db, database: t.database, metrics: new AppMetrics(t.database), now: t.now })
    const claim = (userId: string, code: string) => prizes.claim({ prizeId: prize.id, countyId: tree.county.id, userId, code, now: t.now() })
    const first = await claim(residents[0], 'TAKEN0000001')
    expect(first.outcome.granted).toBe(true)

    const innocent = residents.slice(1, -1).map((userId, i) => claim(userId, `FRESH${String(i).padStart(7, '0')}`))
    // A code that is already taken: the shared INSERT of this flush fails on the unique code.
    const colliding = claim(residents[residents.length - 1], 'TAKEN0000001')
    const settled = await Promise.allSettled([...innocent, colliding])

    expect(settled.slice(0, -1).map((s) => s.status === 'fulfilled' && s.value.outcome.granted)).toEqual(innocent.map(() => true))
    expect(settled[settled.length - 1].status).toBe('rejected')
    const granted = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM prize_claims`.execute(t.db)).rows[0].n
    expect(granted).toBe(INNOCENT_BATCHES + 1)
    const stock = await t.db.selectFrom('prizes').select('granted').where('id', '=', prize.id).executeTakeFirstOrThrow()
    expect(stock.granted).toBe(INNOCENT_BATCHES + 1)
  })
})
