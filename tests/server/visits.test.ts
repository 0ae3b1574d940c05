import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { VisitInput } from '@/contract/visits'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('visit sync on %s', (engine) => {
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

  async function aWorkerWithHouseholds(count: number) {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0]
    const worker = await aUser(t.db, { displayName: '网格员', roles: [{ role: 'grid_worker', regionId: grid.id }] })
    const households = []
    for (let i = 0; i < count; i++) households.push((await aHousehold(t.db, { regionId: grid.id })).id)
    return { tree, grid, worker, token: await signIn(t, worker.id), households }
  }
  const visitCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM visits`.execute(t.db)).rows[0].n)
  const household = (id: string) => t.db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('when a worker syncs a visit of their grid, then it is stored and the household and its grid\'s counters follow', async () => {
    const { grid, token, households } = await aWorkerWithHouseholds(1)
    const visit = aVisit(households[0], { appInstalled: true, callWarningOn: true })
    const res = await sync(token, [visit])
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ items: [{ id: visit.id, status: 'stored' }] })
    const h = await household(households[0])
    expect(h.first_visit_at?.toISOString()).toBe(visit.visitedAt)
    expect(h.last_visit_at?.toISOString()).toBe(visit.visitedAt)
    expect([h.app_installed, h.call_warning_on]).toEqual([true, true])
    const counters = await t.db.selectFrom('grid_coverage').selectAll().where('grid_id', '=', grid.id).executeTakeFirstOrThrow()
    expect(counters).toMatchObject({ households: 1, visited: 1, app_installed: 1, call_warning_on: 1 })
  })

  it('when a worker records a visit for another grid\'s household, then that item is rejected and the others are stored', async () => {
    const { tree, token, households } = await aWorkerWithHouseholds(2)
    const foreign = (await aHousehold(t.db, { regionId: tree.grids[0][1].id })).id
    const batch = [aVisit(households[0]), aVisit(foreign), aVisit(households[1])]
    const items = (await sync(token, batch)).json().items
    expect(items.map((i: { status: string }) => i.status)).toEqual(['stored', 'rejected', 'stored'])
    expect(items[1]).toEqual({ id: batch[1].id, status: 'rejected', code: 'VISIT_OUT_OF_SCOPE', message: '该住户不在您负责的网格内' })
    expect(await visitCount()).toBe(2)
    expect((await household(foreign)).first_visit_at).toBeNull()
  })

  it('when a household the server has seen moves to another grid, then its old grid\'s worker is refused and the new grid\'s worker stores the visit there', async () => {
    const { tree, token, households } = await aWorkerWithHouseholds(1)
    const newGrid = tree.grids[0][1]
    const newWorker = await aUser(t.db, { displayName: '新网格员', roles: [{ role: 'grid_worker', regionId: newGrid.id }] })
    expect((await sync(token, [aVisit(households[0], { visitedAt: minutesAgo(60) })])).json().items[0].status).toBe('stored')
    await t.db.updateTable('households').set({ region_id: newGrid.id }).where('id', '=', households[0]).execute()

    const refused = (await sync(token, [aVisit(households[0])])).json().items[0]
    const moved = aVisit(households[0], { appInstalled: true })
    const stored = (await sync(await signIn(t, newWorker.id), [moved])).json().items[0]

    expect(refused).toMatchObject({ status: 'rejected', code: 'VISIT_OUT_OF_SCOPE' })
    expect(stored).toEqual({ id: moved.id, status: 'stored' })
    const row = await t.db.selectFrom('visits').select('grid_id').where('id', '=', moved.id).executeTakeFirstOrThrow()
    expect(row.grid_id).toBe(newGrid.id)
    const counters = await t.db.selectFrom('grid_coverage').selectAll().where('grid_id', '=', newGrid.id).executeTakeFirstOrThrow()
    expect(counters).toMatchObject({ households: 1, visited: 1, app_installed: 1 })
  })

  it('when a request repeats a visit of a household that moved since it was seen, then the first is stored in the new grid and the repeat is a duplicate', async () => {
    const { tree, households } = await aWorkerWithHouseholds(1)
    const [oldGrid, newGrid] = [tree.grids[0][0], tree.grids[0][1]]
    const both = await aUser(t.db, { displayName: '两网格网格员', roles: [{ role: 'grid_worker', regionId: oldGrid.id }, { role: 'grid_worker', regionId: newGrid.id }] })
    const token = await signIn(t, both.id)
    expect((await sync(token, [aVisit(households[0], { visitedAt: minutesAgo(60) })])).json().items[0].status).toBe('stored')
    await t.db.updateTable('households').set({ region_id: newGrid.id }).where('id', '=', households[0]).execute()
    const visit = aVisit(households[0])

    const items = (await sync(token, [visit, visit])).json().items

    expect(items).toEqual([{ id: visit.id, status: 'stored' }, { id: visit.id, status: 'duplicate' }])
    const row = await t.db.selectFrom('visits').select('grid_id').where('id', '=', visit.id).executeTakeFirstOrThrow()
    expect(row.grid_id).toBe(newGrid.id)
  })

  it('when a household the server has seen is deleted, then a later visit of it is rejected as unknown', async () => {
    const { token, households } = await aWorkerWithHouseholds(1)
    const tooOld = new Date(t.now().getTime() - 31 * 24 * 3600_000).toISOString()
    expect((await sync(token, [aVisit(households[0], { visitedAt: tooOld })])).json().items[0].code).toBe('VISIT_TOO_OLD')
    await t.db.deleteFrom('households').where('id', '=', households[0]).execute()

    const item = (await sync(token, [aVisit(households[0])])).json().items[0]

    expect(item).toMatchObject({ status: 'rejected', code: 'VISIT_HOUSEHOLD_UNKNOWN' })
    expect(await visitCount()).toBe(0)
  })

  it('when half of a batch is invalid, then the valid half is stored and each invalid item is named with its reason', async () => {
    const { token, households } = await aWorkerWithHouseholds(3)
    const batch = [
      aVisit(households[0]),
      aVisit(randomUUID()),
      aVisit(households[1]),
      aVisit(households[1], { visitedAt: new Date(t.now().getTime() + 3600_000).toISOString() }),
      aVisit(households[2]),
      aVisit(households[2], { visitedAt: new Date(t.now().getTime() - 31 * 24 * 3600_000).toISOString() }),
      aVisit(households[0], { note: '长'.repeat(501) }),
      aVisit(households[0], { visitedAt: '昨天下午' }),
    ]
    const items = (await sync(token, batch)).json().items
    expect(items.map((i: { id: string; status: string; code?: string }) => [i.id, i.status, i.code])).toEqual([
      [batch[0].id, 'stored', undefined],
      [batch[1].id, 'rejected', 'VISIT_HOUSEHOLD_UNKNOWN'],
      [batch[2].id, 'stored', undefined],
      [batch[3].id, 'rejected', 'VISIT_IN_FUTURE'],
      [batch[4].id, 'stored', undefined],
      [batch[5].id, 'rejected', 'VISIT_TOO_OLD'],
      [batch[6].id, 'rejected', 'VISIT_NOTE_TOO_LONG'],
      [batch[7].id, 'rejected', 'VISIT_TIME_INVALID'],
    ])
    expect(items.filter((i: { message?: string }) => i.message).every((i: { message: string }) => /[\u4e00-\u9fa5]/.test(i.message))).toBe(true)
    expect(await visitCount()).toBe(3)
  })

  it('when the same id comes back with different content, then it is a duplicate and changes nothing', async () => {
    const { token, households } = await aWorkerWithHouseholds(1)
    const visit = aVisit(households[0])
    await sync(token, [visit])
    const retried = { ...visit, appInstalled: true, visitedAt: minutesAgo(5) }
    expect((await sync(token, [retried])).json().items).toEqual([{ id: visit.id, status: 'duplicate' }])
    const h = await household(households[0])
    expect([h.app_installed, h.last_visit_at?.toISOString()]).toEqual([false, visit.visitedAt])
    expect(await visitCount()).toBe(1)
  })

  it('when a phone sends its ids in upper case, then the visit is stored and a lower-case retry is a duplicate', async () => {
    const { token, households } = await aWorkerWithHouseholds(1)
    const visit = aVisit(households[0].toUpperCase(), { id: randomUUID().toUpperCase() })
    expect((await sync(token, [visit])).json().items[0].status).toBe('stored')
    expect((await sync(token, [{ ...visit, id: visit.id.toLowerCase() }])).json().items[0].status).toBe('duplicate')
    expect(await visitCount()).toBe(1)
  })

  it('when visits arrive out of order, then first and last visit widen and flags never turn back off', async () => {
    const { token, households } = await aWorkerWithHouseholds(1)
    await sync(token, [aVisit(households[0], { visitedAt: minutesAgo(60), appInstalled: true })])
    await sync(token, [aVisit(households[0], { visitedAt: minutesAgo(600) })])
    await sync(token, [aVisit(households[0], { visitedAt: minutesAgo(10), callWarningOn: true })])
    const h = await household(households[0])
    expect(h.first_visit_at?.toISOString()).toBe(minutesAgo(600))
    expect(h.last_visit_at?.toISOString()).toBe(minutesAgo(10))
    expect([h.app_installed, h.call_warning_on]).toEqual([true, true])
  })

  it('when the same 1,000 visits are sent in batches with duplicates, repeats and concurrent retries, then exactly 1,000 rows exist', async () => {
    const { grid, token, households } = await aWorkerWithHouseholds(50)
    const visits = Array.from({ length: 1000 }, (_, i) => aVisit(households[i % 50], {
      visitedAt: minutesAgo(1 + (i % 600)), appInstalled: i % 7 === 0, callWarningOn: i % 11 === 0,
    }))
    const batches: VisitInput[][] = []
    for (let i = 0; i < 1000; i += 100) batches.push([...visits.slice(i, i + 100), ...visits.slice(i, i + 10)])
    // The phone never saw these answers: it sends each batch again, some of them while the first send is in flight.
    const first = await Promise.all(batches.slice(0, 5).map((b) => sync(token, b)))
    const rest = await Promise.all([...batches.slice(5), ...batches.slice(3, 8)].map((b) => sync(token, b)))
    for (const res of [...first, ...rest]) expect(res.statusCode).toBe(200)
    await Promise.all(batches.map((b) => sync(token, b)))
    expect(await visitCount()).toBe(1000)
    const stored = [...first, ...rest].flatMap((r) => r.json().items).filter((i: { status: string }) => i.status === 'stored')
    expect(new Set(stored.map((i: { id: string }) => i.id)).size).toBe(stored.length)

    for (const [n, id] of households.entries()) {
      const mine = visits.filter((_, i) => i % 50 === n)
      const times = mine.map((v) => v.visitedAt).sort()
      const h = await household(id)
      expect([h.first_visit_at?.toISOString(), h.last_visit_at?.toISOString(), h.app_installed, h.call_warning_on])
        .toEqual([times[0], times.at(-1), mine.some((v) => v.appInstalled), mine.some((v) => v.callWarningOn)])
    }
    const counters = await t.db.selectFrom('grid_coverage').selectAll().where('grid_id', '=', grid.id).executeTakeFirstOrThrow()
    expect(counters).toMatchObject({ households: 50, visited: 50 })
  })

  it('when a batch holds more than 500 visits, then it is refused whole with 400', async () => {
    const { token, households } = await aWorkerWithHouseholds(1)
    const res = await sync(token, Array.from({ length: 501 }, () => aVisit(households[0])))
    expect(res.statusCode).toBe(400)
    expect(await visitCount()).toBe(0)
  })

  it('when a dissuader or an anonymous caller syncs, then 403 or 401 and nothing is stored', async () => {
    const { tree, households } = await aWorkerWithHouseholds(1)
    const dissuader = await aUser(t.db, { roles: [{ role: 'dissuader', regionId: tree.town.id }] })
    expect((await sync(await signIn(t, dissuader.id), [aVisit(households[0])])).statusCode).toBe(403)
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/visits/batch', payload: { visits: [aVisit(households[0])] } })
    expect(anonymous.statusCode).toBe(401)
    expect(await visitCount()).toBe(0)
  })

  it('when a cadre records a visit in their village, then it is stored with the cadre as the worker', async () => {
    const { tree, households } = await aWorkerWithHouseholds(1)
    const cadre = await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const visit = aVisit(households[0])
    expect((await sync(await signIn(t, cadre.id), [visit])).json().items[0].status).toBe('stored')
    const row = await t.db.selectFrom('visits').select(['worker_id', 'grid_id']).where('id', '=', visit.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ worker_id: cadre.id, grid_id: tree.grids[0][0].id })
  })
})
