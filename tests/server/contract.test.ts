import { randomUUID } from 'node:crypto'
import { endpoints } from '@/contract/endpoints'
import type { Role } from '@/core/roles'
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
})
