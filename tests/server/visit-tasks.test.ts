import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { VISIT_TASK_DONE_BY_VISIT_NOTE } from '@/core/visit-tasks'
import { countyIdOf } from '@/core/regions'
import type { DB } from '../../server/src/db/schema'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

/** An 无法联系 warning and its door-visit task, made straight in SQL as the warnings module would. */
async function anUnreachableTask(
  db: Kysely<DB>,
  opts: { regionId: string; createdBy: string; householdId?: string; address?: string; createdAt: Date },
): Promise<{ id: string; warningId: string }> {
  const region = await db.selectFrom('regions').select('path').where('id', '=', opts.regionId).executeTakeFirstOrThrow()
  const countyId = countyIdOf(region.path)
  const warning = await db.insertInto('warnings')
    .values({
      county_id: countyId, region_id: opts.regionId, household_id: opts.householdId ?? null, resident_name: '王大爷',
      phone_enc: 'sealed', phone_last4: '1234', fraud_type: 'fake_police', risk_level: 'high', source: 'bank',
      received_at: opts.createdAt, contact_due_at: opts.createdAt, state: 'unreachable', first_contact_at: opts.createdAt,
      closed_at: opts.createdAt, created_by: opts.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const task = await db.insertInto('visit_tasks')
    .values({
      county_id: countyId, region_id: opts.regionId, household_id: opts.householdId ?? null, warning_id: warning.id,
      reason: 'warning_unreachable', address: opts.address ?? '', created_at: opts.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: task.id, warningId: warning.id }
}

describe.each(ENGINES)('door-visit tasks in the patrol plan on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const hoursAgo = (h: number) => new Date(t.now().getTime() - h * 3600_000)
  const today = (token: string) => t.app.inject({ method: 'GET', url: '/api/patrol/today', headers: bearer(token) })
  const done = (token: string, id: string, note = '已上门，当事人已知晓') =>
    t.app.inject({ method: 'POST', url: `/api/visit-tasks/${id}/done`, headers: bearer(token), payload: { note } })
  const aWorkerOf = async (gridId: string) => signIn(t, (await aUser(t.db, { displayName: '李网格', roles: [{ role: 'grid_worker', regionId: gridId }] })).id)

  async function setting() {
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    return { tree, admin }
  }

  it('when the grid has a task for a known household and its village one too, then its worker sees both, oldest first, the household masked', async () => {
    const { tree, admin } = await setting()
    const grid = tree.grids[0][0].id
    const household = await aHousehold(t.db, { regionId: grid, code: 'DC-007', headName: '王建国', phone: '13800001234' })
    const gridTask = await anUnreachableTask(t.db, { regionId: grid, householdId: household.id, createdBy: admin.id, createdAt: hoursAgo(1) })
    const villageTask = await anUnreachableTask(t.db, { regionId: tree.villages[0].id, address: '东村3组', createdBy: admin.id, createdAt: hoursAgo(2) })

    const res = await today(await aWorkerOf(grid))

    expect(res.statusCode).toBe(200)
    const tasks = res.json().tasks
    expect(tasks.map((x: { id: string }) => x.id)).toEqual([villageTask.id, gridTask.id])
    expect(tasks[0]).toMatchObject({ householdId: null, household: null, householdCode: null, address: '东村3组', doneAt: null })
    expect(tasks[1]).toMatchObject({
      warningId: gridTask.warningId, reason: 'warning_unreachable', reasonText: '预警无法联系，请上门核实（冒充公检法，高风险）',
      householdCode: 'DC-007', address: 'DC-007 号',
      household: { id: household.id, headName: '王*国', phoneMasked: '138****1234' },
    })
  })

  it('when a task belongs to another grid or another village, then this grid\'s worker does not see it', async () => {
    const { tree, admin } = await setting()
    await anUnreachableTask(t.db, { regionId: tree.grids[0][1].id, createdBy: admin.id, createdAt: hoursAgo(1) })
    await anUnreachableTask(t.db, { regionId: tree.villages[1].id, createdBy: admin.id, createdAt: hoursAgo(1) })

    expect((await today(await aWorkerOf(tree.grids[0][0].id))).json().tasks).toEqual([])
  })

  it('when the worker marks a task done, then it is closed with the note and leaves the plan', async () => {
    const { tree, admin } = await setting()
    const grid = tree.grids[0][0].id
    const task = await anUnreachableTask(t.db, { regionId: grid, createdBy: admin.id, createdAt: hoursAgo(1) })
    const token = await aWorkerOf(grid)

    const res = await done(token, task.id)

    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: task.id, doneAt: t.now().toISOString() })
    const row = await t.db.selectFrom('visit_tasks').select(['done_note', 'done_by']).where('id', '=', task.id).executeTakeFirstOrThrow()
    expect(row.done_note).toBe('已上门，当事人已知晓')
    expect((await today(token)).json().tasks).toEqual([])
  })

  const syncVisit = (token: string, householdId: string, visitedAt: Date) =>
    t.app.inject({
      method: 'POST', url: '/api/visits/batch', headers: bearer(token),
      payload: { visits: [{ id: randomUUID(), householdId, visitedAt: visitedAt.toISOString(), note: '', briefed: true, appInstalled: false, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false }] },
    })
  const taskRow = (id: string) => t.db.selectFrom('visit_tasks').select(['done_at', 'done_by', 'done_note']).where('id', '=', id).executeTakeFirstOrThrow()

  it('when the worker records a visit at the household of an open task, then the task is closed with the visit\'s time and worker and leaves the plan', async () => {
    const { tree, admin } = await setting()
    const grid = tree.grids[0][0].id
    const household = await aHousehold(t.db, { regionId: grid })
    const task = await anUnreachableTask(t.db, { regionId: grid, createdBy: admin.id, householdId: household.id, createdAt: hoursAgo(3) })
    const worker = await aUser(t.db, { displayName: '李网格', roles: [{ role: 'grid_worker', regionId: grid }] })
    const token = await signIn(t, worker.id)

    expect((await syncVisit(token, household.id, hoursAgo(1))).json().items[0].status).toBe('stored')

    expect(await taskRow(task.id)).toEqual({ done_at: hoursAgo(1), done_by: worker.id, done_note: VISIT_TASK_DONE_BY_VISIT_NOTE })
    expect((await today(token)).json().tasks).toEqual([])
  })

  it('when a visit synced late was made before the task was set, then the task stays open in the plan', async () => {
    const { tree, admin } = await setting()
    const grid = tree.grids[0][0].id
    const household = await aHousehold(t.db, { regionId: grid })
    const task = await anUnreachableTask(t.db, { regionId: grid, createdBy: admin.id, householdId: household.id, createdAt: hoursAgo(1) })
    const token = await aWorkerOf(grid)

    expect((await syncVisit(token, household.id, hoursAgo(5))).json().items[0].status).toBe('stored')

    expect((await taskRow(task.id)).done_at).toBeNull()
    expect((await today(token)).json().tasks.map((x: { id: string }) => x.id)).toEqual([task.id])
  })

  it('when a village-level task is marked done twice, then the second answers the same closed task and keeps the first note', async () => {
    const { tree, admin } = await setting()
    const task = await anUnreachableTask(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, createdAt: hoursAgo(1) })
    const first = await done(await aWorkerOf(tree.grids[0][0].id), task.id, '第一次')
    t.setNow(new Date(t.now().getTime() + 60_000))

    const second = await done(await aWorkerOf(tree.grids[0][1].id), task.id, '第二次')

    expect(second.statusCode).toBe(200)
    expect(second.json()).toEqual(first.json())
    const row = await t.db.selectFrom('visit_tasks').select('done_note').where('id', '=', task.id).executeTakeFirstOrThrow()
    expect(row.done_note).toBe('第一次')
  })

  it('when a worker of another grid marks the task done, then 404 as for an unknown task and it stays open', async () => {
    const { tree, admin } = await setting()
    const task = await anUnreachableTask(t.db, { regionId: tree.grids[0][0].id, createdBy: admin.id, createdAt: hoursAgo(1) })

    const res = await done(await aWorkerOf(tree.grids[0][1].id), task.id)

    expect([res.statusCode, res.json().code]).toEqual([404, 'VISIT_TASK_NOT_FOUND'])
    const row = await t.db.selectFrom('visit_tasks').select('done_at').where('id', '=', task.id).executeTakeFirstOrThrow()
    expect(row.done_at).toBeNull()
  })

  it('when a dissuader marks a task done, then 403 FORBIDDEN', async () => {
    const { tree, admin } = await setting()
    const task = await anUnreachableTask(t.db, { regionId: tree.grids[0][0].id, createdBy: admin.id, createdAt: hoursAgo(1) })
    const dissuader = await signIn(t, (await aUser(t.db, { roles: [{ role: 'dissuader', regionId: tree.town.id }] })).id)

    expect((await done(dissuader, task.id)).json().code).toBe('FORBIDDEN')
  })

  it('when the task does not exist or the note is empty, then 404 VISIT_TASK_NOT_FOUND or 400', async () => {
    const { tree, admin } = await setting()
    const task = await anUnreachableTask(t.db, { regionId: tree.grids[0][0].id, createdBy: admin.id, createdAt: hoursAgo(1) })
    const token = await aWorkerOf(tree.grids[0][0].id)

    const missing = await done(token, '00000000-0000-4000-8000-000000000000')
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'VISIT_TASK_NOT_FOUND'])
    expect((await done(token, task.id, '')).statusCode).toBe(400)
  })
})
