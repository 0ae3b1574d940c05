import type { Role } from '@/core/roles'
import type { WarningDetail, WarningInput, WarningListItem, WarningStepInput } from '@/contract/warnings'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { aWarning } from './helpers/warning-factories'

const PHONE = '13812341234'
const MASKED = '138****1234'
const MINUTE = 60_000

describe.each(ENGINES)('warnings on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const aPerson = (role: Role, regionId: string, displayName: string) => aUser(t.db, { displayName, roles: [{ role, regionId }] })
  const tokenOf = (user: { id: string }) => signIn(t, user.id)
  const adminToken = async () => tokenOf(await aPerson('admin', tree.town.id, '李警官'))
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) })
  const anInput = (overrides: Partial<WarningInput> = {}): WarningInput => ({
    regionId: tree.villages[0].id, householdCode: null, residentName: '刘大爷', phone: PHONE, address: '东胜村幸福路12号', fraudType: 'fake_police',
    riskLevel: 'high', source: 'bank', amountAtRisk: 200000, receivedAt: t.now().toISOString(), assigneeId: null, ...overrides,
  })
  async function create(token: string, overrides: Partial<WarningInput> = {}): Promise<WarningDetail> {
    const res = await send('POST', '/api/warnings', token, anInput(overrides))
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const step = (token: string, id: string, input: Partial<WarningStepInput> & Pick<WarningStepInput, 'step' | 'version'>) =>
    send('POST', `/api/warnings/${id}/steps`, token, { note: '', lossAmount: null, ...input })
  async function stepOk(token: string, id: string, input: Partial<WarningStepInput> & Pick<WarningStepInput, 'step' | 'version'>): Promise<WarningDetail> {
    const res = await step(token, id, input)
    expect([res.statusCode, res.json().code]).toEqual([200, undefined])
    return res.json()
  }
  const refusal = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code]

  it('when an admin creates a warning without an assignee, then the least loaded dissuader of its region gets it', async () => {
    const admin = await aPerson('admin', tree.town.id, '李警官')
    const busy = await aPerson('dissuader', tree.villages[0].id, '陈一')
    const free = await aPerson('dissuader', tree.villages[0].id, '陈二')
    await aPerson('dissuader', tree.villages[1].id, '王闲')
    await aWarning(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, assigneeId: busy.id })
    const warning = await create(await tokenOf(admin))
    expect(warning).toMatchObject({
      state: 'pending', assignee: { id: free.id, name: '陈二' }, regionName: '东村', phoneMasked: MASKED, version: 1, overdue: false, contactedInTime: null,
      contactDueAt: new Date(t.now().getTime() + 10 * MINUTE).toISOString(), canRevealPhone: false, allowedSteps: ['contact', 'unreachable'],
    })
    expect(warning.events.map((e) => [e.kind, e.actorName, e.note])).toEqual([['created', '李警官', ''], ['assigned', '李警官', '按辖区和工作量自动分派给 陈二']])
  })

  it('when the dissuaders endpoint is asked for a village, then it lists who may take its warnings, least loaded first', async () => {
    const admin = await aPerson('admin', tree.town.id, '李警官')
    const busy = await aPerson('dissuader', tree.villages[0].id, '陈一')
    await aPerson('dissuader', tree.town.id, '镇劝阻')
    await aPerson('dissuader', tree.villages[1].id, '王闲')
    await aWarning(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, assigneeId: busy.id })
    const res = await send('GET', `/api/warnings/dissuaders?regionId=${tree.villages[0].id}`, await tokenOf(admin))
    expect(res.json().map((d: { name: string; regionName: string; openWarnings: number }) => [d.name, d.regionName, d.openWarnings]))
      .toEqual([['镇劝阻', '测试镇', 0], ['陈一', '东村', 1]])
  })

  it('when the region is unknown, then 404 REGION_NOT_FOUND names the code in Chinese', async () => {
    const res = await send('POST', '/api/warnings', await adminToken(), anInput({ regionId: 'NOPE-1' }))
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([404, 'REGION_NOT_FOUND', '找不到区域编码“NOPE-1”'])
  })

  it('when the door or the assignee is not of the region, then the create is refused with its own code', async () => {
    const admin = await adminToken()
    const otherDoor = await aHousehold(t.db, { regionId: tree.grids[1][0].id })
    expect(refusal(await send('POST', '/api/warnings', admin, anInput({ householdCode: otherDoor.code })))).toEqual([400, 'WARNING_HOUSEHOLD_UNKNOWN'])
    expect(refusal(await send('POST', '/api/warnings', admin, anInput({ householdCode: 'HNOSUCH' })))).toEqual([400, 'WARNING_HOUSEHOLD_UNKNOWN'])
    const outsider = await aPerson('dissuader', tree.villages[1].id, '王闲')
    expect(refusal(await send('POST', '/api/warnings', admin, anInput({ assigneeId: outsider.id })))).toEqual([400, 'WARNING_ASSIGNEE_INVALID'])
  })

  it('when the phone or the time is wrong, then 400 WARNING_INVALID says which in Chinese', async () => {
    const res = await send('POST', '/api/warnings', await adminToken(), anInput({ phone: '12345', receivedAt: new Date(t.now().getTime() + 60 * MINUTE).toISOString() }))
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'WARNING_INVALID', '预警信息不符合要求：手机号应为 11 位手机号码；接警时间晚于当前时间'])
  })

  it('when a dissuader of another village looks at or steps on a warning, then it answers as an unknown warning and is not in their queue', async () => {
    const admin = await aPerson('admin', tree.town.id, '李警官')
    const outsider = await tokenOf(await aPerson('dissuader', tree.villages[1].id, '王闲'))
    const { id } = await aWarning(t.db, { regionId: tree.villages[0].id, createdBy: admin.id })
    expect(refusal(await send('GET', `/api/warnings/${id}`, outsider))).toEqual([404, 'WARNING_NOT_FOUND'])
    expect(refusal(await step(outsider, id, { step: 'contact', version: 1 }))).toEqual([404, 'WARNING_NOT_FOUND'])
    expect(refusal(await send('POST', `/api/warnings/${id}/reveal-phone`, outsider))).toEqual([404, 'WARNING_NOT_FOUND'])
    expect((await send('GET', '/api/warnings/mine', outsider)).json()).toEqual([])
    expect(refusal(await send('GET', '/api/warnings', outsider))).toEqual([403, 'FORBIDDEN'])
    const gridWorker = await tokenOf(await aPerson('grid_worker', tree.grids[0][0].id, '张网格'))
    expect(refusal(await send('GET', `/api/warnings/${id}`, gridWorker))).toEqual([403, 'FORBIDDEN'])
  })

  it('when a warning is created, listed, queued, read and stepped, then the phone is masked in every response', async () => {
    const admin = await adminToken()
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const created = await send('POST', '/api/warnings', admin, anInput())
    const { id } = created.json()
    const responses = [
      created,
      await send('GET', '/api/warnings', admin),
      await send('GET', '/api/warnings/mine', dissuader),
      await send('GET', `/api/warnings/${id}`, dissuader),
      await step(dissuader, id, { step: 'contact', version: 1, note: `已拨打 ${MASKED}` }),
    ]
    for (const res of responses) {
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain(MASKED)
      expect(res.body).not.toContain(PHONE)
    }
    const stored = await t.db.selectFrom('warnings').select(['phone_enc', 'phone_last4']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(stored.phone_enc).not.toContain(PHONE)
    expect(stored.phone_last4).toBe('1234')
  })

  it('when the assignee reveals the phone, then they get it and an audit row is written; anyone else is refused and nothing is written', async () => {
    const admin = await adminToken()
    const assigneeUser = await aPerson('dissuader', tree.villages[0].id, '陈劝阻')
    const { id, canRevealPhone } = await create(admin, { assigneeId: assigneeUser.id })
    expect(canRevealPhone).toBe(false)
    const assignee = await tokenOf(assigneeUser)
    expect((await send('GET', `/api/warnings/${id}`, assignee)).json().canRevealPhone).toBe(true)
    const colleague = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈同事'))
    for (const token of [admin, colleague]) {
      const res = await send('POST', `/api/warnings/${id}/reveal-phone`, token)
      expect([res.statusCode, res.json().code, res.json().message]).toEqual([403, 'WARNING_NOT_ASSIGNEE', '只有该预警的处置人才能查看完整号码'])
    }
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'warning.reveal_phone').execute()).toEqual([])
    const res = await send('POST', `/api/warnings/${id}/reveal-phone`, assignee)
    expect(res.json()).toEqual({ phone: PHONE })
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'target_type', 'target_id']).where('action', '=', 'warning.reveal_phone').execute()
    expect(audit).toEqual([{ actor_id: assigneeUser.id, target_type: 'warning', target_id: id }])
  })

  it('when two dissuaders complete the same warning at once, then exactly one wins and the other is told to refresh', async () => {
    const admin = await adminToken()
    const [a, b] = [await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈一')), await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈二'))]
    const { id } = await create(admin)
    const contacted = await stepOk(a, id, { step: 'contact', version: 1 })
    const results = await Promise.all([step(a, id, { step: 'dissuaded', version: contacted.version }), step(b, id, { step: 'false_alarm', version: contacted.version })])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const loser = results.find((r) => r.statusCode === 409)!.json()
    expect(loser).toMatchObject({ code: 'WARNING_STATE_CHANGED', message: '该预警刚被他人处置，请刷新后查看最新状态' })
    const final = (await send('GET', `/api/warnings/${id}`, a)).json()
    expect(final.version).toBe(3)
    expect(final.events.filter((e: { kind: string }) => ['dissuaded', 'false_alarm'].includes(e.kind))).toHaveLength(1)
  })

  it('when a step carries a version already moved on, then 409 WARNING_STATE_CHANGED and nothing changes', async () => {
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const { id } = await create(await adminToken())
    await stepOk(dissuader, id, { step: 'contact', version: 1 })
    expect(refusal(await step(dissuader, id, { step: 'dissuaded', version: 1 }))).toEqual([409, 'WARNING_STATE_CHANGED'])
    expect((await send('GET', `/api/warnings/${id}`, dissuader)).json().state).toBe('contacted')
  })

  it('when an outcome is recorded before contact, then 400 WARNING_CONTACT_FIRST in Chinese', async () => {
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const { id } = await create(await adminToken())
    const res = await step(dissuader, id, { step: 'dissuaded', version: 1 })
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'WARNING_CONTACT_FIRST', '请先联系当事人，再记录处置结果'])
  })

  it('when 劝阻成功 carries a loss amount, then 400 WARNING_LOSS_NOT_ALLOWED', async () => {
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const { id } = await create(await adminToken())
    await stepOk(dissuader, id, { step: 'contact', version: 1 })
    const res = await step(dissuader, id, { step: 'dissuaded', version: 2, lossAmount: 500 })
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'WARNING_LOSS_NOT_ALLOWED', '只有“已受骗”才需要填写被骗金额'])
  })

  it('when 已受骗 is recorded, then the loss is kept on the warning and its event, and it closes', async () => {
    const dissuaderUser = await aPerson('dissuader', tree.villages[0].id, '陈劝阻')
    const dissuader = await tokenOf(dissuaderUser)
    const { id } = await create(await adminToken())
    await stepOk(dissuader, id, { step: 'contact', version: 1 })
    expect(refusal(await step(dissuader, id, { step: 'defrauded', version: 2 }))).toEqual([400, 'WARNING_LOSS_REQUIRED'])
    t.setNow(new Date(t.now().getTime() + 30 * MINUTE))
    const done = await stepOk(dissuader, id, { step: 'defrauded', version: 2, lossAmount: 20000.5, note: '已转账两笔' })
    expect(done).toMatchObject({ state: 'defrauded', lossAmount: 20000.5, closedAt: t.now().toISOString(), allowedSteps: ['reopen'] })
    expect(done.events.at(-1)).toMatchObject({ kind: 'defrauded', fromState: 'contacted', toState: 'defrauded', actorName: '陈劝阻', note: '已转账两笔', lossAmount: 20000.5 })
  })

  it('when an outcome is reopened, then a reason is required and the warning goes back to 已联系', async () => {
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const { id } = await create(await adminToken())
    await stepOk(dissuader, id, { step: 'contact', version: 1 })
    await stepOk(dissuader, id, { step: 'false_alarm', version: 2 })
    const res = await step(dissuader, id, { step: 'reopen', version: 3, note: ' ' })
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'WARNING_REOPEN_REASON_REQUIRED', '重新打开预警必须填写原因'])
    const reopened = await stepOk(dissuader, id, { step: 'reopen', version: 3, note: '家属反映仍在与对方联系' })
    expect(reopened).toMatchObject({ state: 'contacted', closedAt: null, version: 4 })
  })

  it('when a resident cannot be reached, then exactly one door-visit task opens for their grid, even if it happens again', async () => {
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const door = await aHousehold(t.db, { regionId: tree.grids[0][1].id, address: '东村2组8号' })
    const { id } = await create(await adminToken(), { householdCode: door.code })
    await stepOk(dissuader, id, { step: 'unreachable', version: 1 })
    await stepOk(dissuader, id, { step: 'reopen', version: 2, note: '再试一次' })
    const again = await stepOk(dissuader, id, { step: 'unreachable', version: 3 })
    expect(again).toMatchObject({ state: 'unreachable', householdId: door.id })
    const tasks = await t.db.selectFrom('visit_tasks').select(['region_id', 'household_id', 'warning_id', 'reason', 'address', 'done_at']).execute()
    expect(tasks).toEqual([{ region_id: tree.grids[0][1].id, household_id: door.id, warning_id: id, reason: 'warning_unreachable', address: '东胜村幸福路12号', done_at: null }])
  })

  it('when a warning without a door is unreachable, then its task goes to the warning region', async () => {
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const { id } = await create(await adminToken())
    await stepOk(dissuader, id, { step: 'contact', version: 1 })
    await stepOk(dissuader, id, { step: 'unreachable', version: 2 })
    expect(await t.db.selectFrom('visit_tasks').select(['region_id', 'household_id']).execute()).toEqual([{ region_id: tree.villages[0].id, household_id: null }])
  })

  it('when time passes the limit of a high-risk warning, then it is flagged overdue and listed first, and compliance counts it', async () => {
    const admin = await adminToken()
    const dissuader = await tokenOf(await aPerson('dissuader', tree.villages[0].id, '陈劝阻'))
    const low = await create(admin, { riskLevel: 'low', residentName: '低风险' })
    const medium = await create(admin, { riskLevel: 'medium', residentName: '中风险' })
    const high = await create(admin, { riskLevel: 'high', residentName: '高风险' })
    await stepOk(dissuader, medium.id, { step: 'contact', version: 1 })
    t.setNow(new Date(t.now().getTime() + 15 * MINUTE))
    const page = (await send('GET', '/api/warnings', admin)).json()
    expect(page.items.map((w: WarningListItem) => [w.residentName, w.overdue, w.contactedInTime])).toEqual([
      ['高风险', true, false], ['中风险', false, true], ['低风险', false, null],
    ])
    const overdue = (await send('GET', '/api/warnings?overdue=true', admin)).json()
    expect([overdue.total, overdue.items[0].id]).toEqual([1, high.id])
    const mine = (await send('GET', '/api/warnings/mine', dissuader)).json()
    // Residents not yet reached come first in the dissuader's queue, by deadline; the contacted one after them.
    expect(mine.map((w: WarningListItem) => w.id)).toEqual([high.id, low.id, medium.id])
    const compliance = (await send('GET', '/api/warnings/compliance', admin)).json()
    expect(compliance).toMatchObject({ received: 3, contactedInTime: 1, contactedLate: 0, overdueNow: 1 })
  })

  it('when a period ends before it starts, then the compliance is refused in Chinese', async () => {
    const res = await send('GET', `/api/warnings/compliance?from=${encodeURIComponent(t.now().toISOString())}&to=${encodeURIComponent(new Date(t.now().getTime() - MINUTE).toISOString())}`, await adminToken())
    expect([res.statusCode, res.json().code]).toEqual([400, 'REPORT_PERIOD_INVALID'])
  })

  it('when an admin reassigns a warning, then the new dissuader holds it and the event says so; a dissuader of elsewhere is refused', async () => {
    const admin = await adminToken()
    await aPerson('dissuader', tree.villages[0].id, '陈一')
    const second = await aPerson('dissuader', tree.villages[0].id, '陈二')
    const outsider = await aPerson('dissuader', tree.villages[1].id, '王闲')
    const { id } = await create(admin)
    expect(refusal(await send('PUT', `/api/warnings/${id}/assignee`, admin, { assigneeId: outsider.id }))).toEqual([400, 'WARNING_ASSIGNEE_INVALID'])
    const res = await send('PUT', `/api/warnings/${id}/assignee`, admin, { assigneeId: second.id })
    expect(res.json().assignee).toEqual({ id: second.id, name: '陈二' })
    expect(res.json().events.at(-1)).toMatchObject({ kind: 'assigned', note: '改派给 陈二', actorName: '李警官' })
  })
})
