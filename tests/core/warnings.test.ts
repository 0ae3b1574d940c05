import { allowedSteps, applyStep, checkWarningInput, complianceOf, contactDueAt, contactedInTime, isOverdue, WARNING_STATES, WARNING_STEPS, type WarningDraft, type WarningProgress, type WarningState, type WarningStep } from '@/core/warnings'

const now = new Date('2026-11-28T02:00:00Z')
const minutes = (n: number) => new Date(now.getTime() + n * 60_000)
const LIMITS = { high: 10, medium: 30, low: 24 * 60 }

const progressIn = (state: WarningState): WarningProgress => ({
  state,
  firstContactAt: state === 'pending' ? null : minutes(-30),
  closedAt: ['pending', 'contacted'].includes(state) ? null : minutes(-20),
  lossAmount: state === 'defrauded' ? 5000 : null,
})

/** The one request that passes the note and loss rules for the step. */
const validRequest = (step: WarningStep) => ({ step, note: step === 'reopen' ? '家属反映仍在转账' : '', lossAmount: step === 'defrauded' ? 20000 : null })

/** Every (state, step) pair: where it leads, or the code that refuses it. */
const EXPECTED: Record<WarningState, Record<WarningStep, WarningState | string>> = {
  pending: {
    contact: 'contacted', unreachable: 'unreachable', dissuaded: 'WARNING_CONTACT_FIRST', defrauded: 'WARNING_CONTACT_FIRST',
    false_alarm: 'WARNING_CONTACT_FIRST', reopen: 'WARNING_STEP_NOT_ALLOWED', return_visit: 'WARNING_STEP_NOT_ALLOWED',
  },
  contacted: {
    contact: 'WARNING_STEP_NOT_ALLOWED', dissuaded: 'dissuaded', defrauded: 'defrauded', unreachable: 'unreachable', false_alarm: 'false_alarm',
    reopen: 'WARNING_STEP_NOT_ALLOWED', return_visit: 'WARNING_STEP_NOT_ALLOWED',
  },
  dissuaded: {
    contact: 'WARNING_STEP_NOT_ALLOWED', dissuaded: 'WARNING_STEP_NOT_ALLOWED', defrauded: 'WARNING_STEP_NOT_ALLOWED', unreachable: 'WARNING_STEP_NOT_ALLOWED',
    false_alarm: 'WARNING_STEP_NOT_ALLOWED', reopen: 'contacted', return_visit: 'dissuaded',
  },
  defrauded: {
    contact: 'WARNING_STEP_NOT_ALLOWED', dissuaded: 'WARNING_STEP_NOT_ALLOWED', defrauded: 'WARNING_STEP_NOT_ALLOWED', unreachable: 'WARNING_STEP_NOT_ALLOWED',
    false_alarm: 'WARNING_STEP_NOT_ALLOWED', reopen: 'contacted', return_visit: 'WARNING_STEP_NOT_ALLOWED',
  },
  unreachable: {
    contact: 'WARNING_STEP_NOT_ALLOWED', dissuaded: 'WARNING_STEP_NOT_ALLOWED', defrauded: 'WARNING_STEP_NOT_ALLOWED', unreachable: 'WARNING_STEP_NOT_ALLOWED',
    false_alarm: 'WARNING_STEP_NOT_ALLOWED', reopen: 'contacted', return_visit: 'WARNING_STEP_NOT_ALLOWED',
  },
  false_alarm: {
    contact: 'WARNING_STEP_NOT_ALLOWED', dissuaded: 'WARNING_STEP_NOT_ALLOWED', defrauded: 'WARNING_STEP_NOT_ALLOWED', unreachable: 'WARNING_STEP_NOT_ALLOWED',
    false_alarm: 'WARNING_STEP_NOT_ALLOWED', reopen: 'contacted', return_visit: 'WARNING_STEP_NOT_ALLOWED',
  },
}

describe('applyStep', () => {
  const pairs = WARNING_STATES.flatMap((state) => WARNING_STEPS.map((step) => [state, step, EXPECTED[state][step]] as const))

  it.each(pairs)('when a %s warning takes the step %s, then the answer is %s', (state, step, expected) => {
    const result = applyStep(progressIn(state), validRequest(step), now)
    expect(result.ok ? result.next.state : result.code).toBe(expected)
  })

  it.each(WARNING_STATES)('when a %s warning is asked for its steps, then they are exactly the steps applyStep accepts', (state) => {
    const accepted = WARNING_STEPS.filter((step) => applyStep(progressIn(state), validRequest(step), now).ok)
    expect(allowedSteps(state)).toEqual(accepted)
  })

  it('when a pending warning is contacted, then the first contact is now and it stays open', () => {
    expect(applyStep(progressIn('pending'), validRequest('contact'), now))
      .toEqual({ ok: true, next: { state: 'contacted', firstContactAt: now, closedAt: null, lossAmount: null } })
  })

  it('when a pending resident cannot be reached, then that is both the first contact and the outcome', () => {
    expect(applyStep(progressIn('pending'), validRequest('unreachable'), now))
      .toEqual({ ok: true, next: { state: 'unreachable', firstContactAt: now, closedAt: now, lossAmount: null } })
  })

  it('when a contacted resident is recorded as defrauded, then it closes with the loss and keeps the first contact', () => {
    expect(applyStep(progressIn('contacted'), { step: 'defrauded', note: '', lossAmount: 12345.67 }, now))
      .toEqual({ ok: true, next: { state: 'defrauded', firstContactAt: minutes(-30), closedAt: now, lossAmount: 12345.67 } })
  })

  it('when an outcome is reopened with a reason, then it is contacted again with closing and loss cleared', () => {
    expect(applyStep(progressIn('defrauded'), { step: 'reopen', note: '金额有误', lossAmount: null }, now))
      .toEqual({ ok: true, next: { state: 'contacted', firstContactAt: minutes(-30), closedAt: null, lossAmount: null } })
  })

  it('when a return visit follows 劝阻成功, then nothing changes but the step is accepted', () => {
    expect(applyStep(progressIn('dissuaded'), validRequest('return_visit'), now)).toEqual({ ok: true, next: progressIn('dissuaded') })
  })

  it('when a reopen has no reason or only blanks, then WARNING_REOPEN_REASON_REQUIRED', () => {
    expect(applyStep(progressIn('dissuaded'), { step: 'reopen', note: '', lossAmount: null }, now)).toEqual({ ok: false, code: 'WARNING_REOPEN_REASON_REQUIRED' })
    expect(applyStep(progressIn('false_alarm'), { step: 'reopen', note: '  ', lossAmount: null }, now)).toEqual({ ok: false, code: 'WARNING_REOPEN_REASON_REQUIRED' })
  })

  it.each([null, 0, -5, 1.234])('when 已受骗 is recorded with the loss %s, then WARNING_LOSS_REQUIRED', (lossAmount) => {
    expect(applyStep(progressIn('contacted'), { step: 'defrauded', note: '', lossAmount }, now)).toEqual({ ok: false, code: 'WARNING_LOSS_REQUIRED' })
  })

  it.each(['contact', 'dissuaded', 'unreachable', 'false_alarm'] as const)('when the step %s carries a loss, then WARNING_LOSS_NOT_ALLOWED', (step) => {
    const from = step === 'contact' ? 'pending' : 'contacted'
    expect(applyStep(progressIn(from), { step, note: '', lossAmount: 100 }, now)).toEqual({ ok: false, code: 'WARNING_LOSS_NOT_ALLOWED' })
  })

  it('when an outcome comes before contact with a loss on it, then the missing contact is what is said', () => {
    expect(applyStep(progressIn('pending'), { step: 'dissuaded', note: '', lossAmount: 100 }, now)).toEqual({ ok: false, code: 'WARNING_CONTACT_FIRST' })
  })
})

describe('time limits', () => {
  it('when a warning is received, then its deadline is the limit of its risk level later', () => {
    expect(contactDueAt(now, 'high', LIMITS)).toEqual(minutes(10))
    expect(contactDueAt(now, 'medium', LIMITS)).toEqual(minutes(30))
    expect(contactDueAt(now, 'low', LIMITS)).toEqual(minutes(24 * 60))
  })

  it('when a pending warning passes its deadline, then it is overdue; exactly at the deadline it is not yet', () => {
    expect(isOverdue({ state: 'pending', contactDueAt: minutes(-1) }, now)).toBe(true)
    expect(isOverdue({ state: 'pending', contactDueAt: now }, now)).toBe(false)
    expect(isOverdue({ state: 'pending', contactDueAt: minutes(1) }, now)).toBe(false)
  })

  it.each(['contacted', 'dissuaded', 'unreachable'] as const)('when a %s warning is past its deadline, then it is not overdue', (state) => {
    expect(isOverdue({ state, contactDueAt: minutes(-60) }, now)).toBe(false)
  })

  it('when first contact came by the deadline, then it is in time; after it, late', () => {
    expect(contactedInTime({ state: 'contacted', contactDueAt: now, firstContactAt: now }, minutes(60))).toBe(true)
    expect(contactedInTime({ state: 'contacted', contactDueAt: now, firstContactAt: minutes(1) }, minutes(60))).toBe(false)
  })

  it('when still pending, then in-time is unknown before the deadline and false after it', () => {
    expect(contactedInTime({ state: 'pending', contactDueAt: minutes(5), firstContactAt: null }, now)).toBeNull()
    expect(contactedInTime({ state: 'pending', contactDueAt: minutes(-5), firstContactAt: null }, now)).toBe(false)
  })

  it('when compliance is computed, then each warning counts once as in time, late, overdue or still open in time', () => {
    const w = (riskLevel: 'high' | 'low', dueIn: number, contactedAt: number | null) => ({
      riskLevel, state: contactedAt === null ? 'pending' as const : 'contacted' as const, contactDueAt: minutes(dueIn), firstContactAt: contactedAt === null ? null : minutes(contactedAt),
    })
    const result = complianceOf([w('high', -10, -15), w('high', -10, -5), w('high', -1, null), w('low', 60, null), w('low', -30, -40)], now)
    expect(result).toEqual({
      received: 5, contactedInTime: 2, contactedLate: 1, overdueNow: 1,
      byRisk: [{ riskLevel: 'high', received: 3, contactedInTime: 1 }, { riskLevel: 'medium', received: 0, contactedInTime: 0 }, { riskLevel: 'low', received: 2, contactedInTime: 1 }],
    })
  })
})

describe('checkWarningInput', () => {
  const aDraft = (overrides: Partial<WarningDraft> = {}): WarningDraft => ({
    regionId: '500116115200', householdCode: null, residentName: '刘大爷', phone: '13812341234', address: '东胜村幸福路12号',
    fraudType: 'fake_police', riskLevel: 'high', source: 'bank', amountAtRisk: 200000, receivedAt: now.toISOString(), assigneeId: null, ...overrides,
  })

  it('when a warning is complete, then there is no problem', () => {
    expect(checkWarningInput(aDraft(), now)).toEqual([])
  })

  it('when every field is wrong, then each is named in Chinese', () => {
    const problems = checkWarningInput(aDraft({
      residentName: ' ', phone: '12345', address: '500116199001011234', fraudType: 'x', riskLevel: '极高', source: 'tv', amountAtRisk: -1,
      receivedAt: minutes(10).toISOString(),
    }), now)
    expect(problems).toEqual([
      { field: 'residentName', message: '缺少当事人姓名' },
      { field: 'phone', message: '手机号应为 11 位手机号码' },
      { field: 'address', message: '地址中不能含有身份证号码' },
      { field: 'fraudType', message: '诈骗类型未知' },
      { field: 'riskLevel', message: '风险等级应为高、中或低' },
      { field: 'source', message: '预警来源未知' },
      { field: 'amountAtRisk', message: '涉案金额应为不小于 0 的金额，最多两位小数' },
      { field: 'receivedAt', message: '接警时间晚于当前时间' },
    ])
  })

  it('when the receipt time is a few minutes ahead of the clock, then it is accepted', () => {
    expect(checkWarningInput(aDraft({ receivedAt: minutes(4).toISOString() }), now)).toEqual([])
  })
})
