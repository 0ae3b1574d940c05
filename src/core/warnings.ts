import { isValidLoss } from './bulletins'
import type { ErrorCode } from './errors'
import { FRAUD_TYPE_KEYS } from './fraud-types'
import { isChineseMobile, looksLikeIdCardNumber, normalisePhone } from './households'

/** Warning rules shared by the server and the dissuader's and admin's screens. Every rule on time takes `now`. */

export const WARNING_STATES = ['pending', 'contacted', 'dissuaded', 'defrauded', 'unreachable', 'false_alarm'] as const
export type WarningState = (typeof WARNING_STATES)[number]
export const WARNING_STATE_LABELS: Record<WarningState, string> = {
  pending: '待处置',
  contacted: '已联系',
  dissuaded: '劝阻成功',
  defrauded: '已受骗',
  unreachable: '无法联系',
  false_alarm: '误报',
}

/** A step someone takes on a warning. `reopen` goes back to 已联系 from an outcome and needs a reason. */
export const WARNING_STEPS = ['contact', 'dissuaded', 'defrauded', 'unreachable', 'false_alarm', 'reopen', 'return_visit'] as const
export type WarningStep = (typeof WARNING_STEPS)[number]

/** What a line of a warning's timeline records: its arrival, an assignment, an escalation or a step. */
export const WARNING_EVENT_KINDS = ['created', 'assigned', 'escalated', ...WARNING_STEPS] as const
export type WarningEventKind = (typeof WARNING_EVENT_KINDS)[number]

export const RISK_LEVELS = ['high', 'medium', 'low'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' }

export const WARNING_SOURCES = [
  { key: 'instruction', name: '上级预警指令' },
  { key: 'bank', name: '银行网点' },
  { key: 'operator', name: '通信运营商' },
  { key: 'report', name: '群众举报' },
  { key: 'patrol', name: '走访发现' },
  { key: 'other', name: '其他' },
] as const
export type WarningSourceKey = (typeof WARNING_SOURCES)[number]['key']

export const MAX_RESIDENT_NAME_LENGTH = 30
export const MAX_WARNING_ADDRESS_LENGTH = 100
export const MAX_STEP_NOTE_LENGTH = 500
/** A warning may arrive a little ahead of the server's clock (a phone or a bank terminal running fast). */
export const RECEIVED_AT_GRACE_MS = 5 * 60_000

const OUTCOMES: readonly WarningState[] = ['dissuaded', 'defrauded', 'unreachable', 'false_alarm']
const OUTCOME_STEPS: readonly WarningStep[] = ['dissuaded', 'defrauded', 'unreachable', 'false_alarm']

export function isOutcome(state: WarningState): boolean {
  return OUTCOMES.includes(state)
}

/** Minutes from receipt to the first contact, per risk level (config.warningTimeLimits). */
export type WarningTimeLimits = Record<RiskLevel, number>

/** What a step changes on a warning. */
export interface WarningProgress {
  state: WarningState
  firstContactAt: Date | null
  closedAt: Date | null
  lossAmount: number | null
}

export interface StepRequest {
  step: WarningStep
  note: string
  lossAmount: number | null
}

export type StepRefusal = Extract<ErrorCode,
  'WARNING_CONTACT_FIRST' | 'WARNING_STEP_NOT_ALLOWED' | 'WARNING_REOPEN_REASON_REQUIRED' | 'WARNING_LOSS_REQUIRED' | 'WARNING_LOSS_NOT_ALLOWED'>

export type StepResult = { ok: true; next: WarningProgress } | { ok: false; code: StepRefusal }

/** Where each step leads from each state; a missing entry is a step that state does not allow. */
const TRANSITIONS: Record<WarningState, Partial<Record<WarningStep, WarningState>>> = {
  pending: { contact: 'contacted', unreachable: 'unreachable' },
  contacted: { dissuaded: 'dissuaded', defrauded: 'defrauded', unreachable: 'unreachable', false_alarm: 'false_alarm' },
  dissuaded: { reopen: 'contacted', return_visit: 'dissuaded' },
  defrauded: { reopen: 'contacted' },
  unreachable: { reopen: 'contacted' },
  false_alarm: { reopen: 'contacted' },
}

/** The steps a warning in this state allows, in the order the screens show them. */
export function allowedSteps(state: WarningState): WarningStep[] {
  return Object.keys(TRANSITIONS[state]) as WarningStep[]
}

/**
 * One step on a warning: where it leads and what it records, or why it is refused. No skipping (an outcome needs a
 * contact first, except that an unreachable resident is an outcome at once), no reopening without a reason, and a
 * loss only on 已受骗.
 */
export function applyStep(current: WarningProgress, request: StepRequest, now: Date): StepResult {
  const nextState = TRANSITIONS[current.state][request.step]
  if (!nextState) {
    const skipsContact = current.state === 'pending' && OUTCOME_STEPS.includes(request.step)
    return { ok: false, code: skipsContact ? 'WARNING_CONTACT_FIRST' : 'WARNING_STEP_NOT_ALLOWED' }
  }
  if (request.step === 'reopen' && request.note.trim() === '') return { ok: false, code: 'WARNING_REOPEN_REASON_REQUIRED' }
  if (request.step === 'defrauded') {
    if (request.lossAmount === null || request.lossAmount <= 0 || !isValidLoss(request.lossAmount)) return { ok: false, code: 'WARNING_LOSS_REQUIRED' }
  } else if (request.lossAmount !== null) {
    return { ok: false, code: 'WARNING_LOSS_NOT_ALLOWED' }
  }
  if (request.step === 'return_visit') return { ok: true, next: current }
  if (request.step === 'reopen') return { ok: true, next: { state: nextState, firstContactAt: current.firstContactAt, closedAt: null, lossAmount: null } }
  return {
    ok: true,
    next: {
      state: nextState,
      firstContactAt: current.firstContactAt ?? now,
      closedAt: isOutcome(nextState) ? now : null,
      lossAmount: request.step === 'defrauded' ? request.lossAmount : null,
    },
  }
}

export function contactDueAt(receivedAt: Date, risk: RiskLevel, limits: WarningTimeLimits): Date {
  return new Date(receivedAt.getTime() + limits[risk] * 60_000)
}

interface Deadline {
  state: WarningState
  contactDueAt: Date
  firstContactAt: Date | null
}

/** Still 待处置 after its time limit. */
export function isOverdue(w: Pick<Deadline, 'state' | 'contactDueAt'>, now: Date): boolean {
  return w.state === 'pending' && now.getTime() > w.contactDueAt.getTime()
}

/** First contact recorded by the deadline: true or false once known, null while still pending within the limit. */
export function contactedInTime(w: Deadline, now: Date): boolean | null {
  if (w.firstContactAt) return w.firstContactAt.getTime() <= w.contactDueAt.getTime()
  return now.getTime() > w.contactDueAt.getTime() ? false : null
}

/** Time-limit compliance of the warnings received in a period (the contract's WarningCompliance). */
export interface WarningCompliance {
  received: number
  /** First contact recorded within the time limit. */
  contactedInTime: number
  contactedLate: number
  /** Still pending past the limit now. */
  overdueNow: number
  byRisk: { riskLevel: RiskLevel; received: number; contactedInTime: number }[]
}

/** Time-limit compliance of the warnings received in a period, as of now. */
export function complianceOf(warnings: readonly (Deadline & { riskLevel: RiskLevel })[], now: Date): WarningCompliance {
  const inTime = (w: Deadline) => contactedInTime(w, now) === true
  return {
    received: warnings.length,
    contactedInTime: warnings.filter(inTime).length,
    contactedLate: warnings.filter((w) => w.firstContactAt !== null && !inTime(w)).length,
    overdueNow: warnings.filter((w) => isOverdue(w, now)).length,
    byRisk: RISK_LEVELS.map((riskLevel) => {
      const ofRisk = warnings.filter((w) => w.riskLevel === riskLevel)
      return { riskLevel, received: ofRisk.length, contactedInTime: ofRisk.filter(inTime).length }
    }),
  }
}

/** A warning as typed or imported (the contract's WarningInput), before its enumerations are known to be members. */
export interface WarningDraft {
  /** Town, village or grid where the resident lives. */
  regionId: string
  /** Door code of the resident's household, when known (links the door-visit task to that door). */
  householdCode: string | null
  residentName: string
  phone: string
  address: string
  fraudType: string
  riskLevel: string
  source: string
  /** Yuan the resident was about to pay, when known. */
  amountAtRisk: number | null
  receivedAt: string
  /** A dissuader of the region; null to assign automatically by region and load. */
  assigneeId: string | null
}

export interface WarningProblem {
  field: keyof WarningDraft
  message: string
}

function textProblem(label: string, value: string, max: number, required: boolean): string | null {
  const text = value.trim()
  if (!text) return required ? `缺少${label}` : null
  if ([...text].length > max) return `${label}不能超过 ${max} 个字`
  return looksLikeIdCardNumber(text) ? `${label}中不能含有身份证号码` : null
}

/** Everything wrong with a warning beyond its shape, field by field; empty when it may be saved. Regions and doors are checked by the server. */
export function checkWarningInput(input: WarningDraft, now: Date): WarningProblem[] {
  const problems: (WarningProblem | null)[] = []
  const at = (field: keyof WarningDraft, message: string | null) => problems.push(message ? { field, message } : null)
  at('residentName', textProblem('当事人姓名', input.residentName, MAX_RESIDENT_NAME_LENGTH, true))
  at('phone', isChineseMobile(normalisePhone(input.phone)) ? null : '手机号应为 11 位手机号码')
  at('address', textProblem('地址', input.address, MAX_WARNING_ADDRESS_LENGTH, false))
  at('fraudType', (FRAUD_TYPE_KEYS as string[]).includes(input.fraudType) ? null : '诈骗类型未知')
  at('riskLevel', (RISK_LEVELS as readonly string[]).includes(input.riskLevel) ? null : '风险等级应为高、中或低')
  at('source', WARNING_SOURCES.some((s) => s.key === input.source) ? null : '预警来源未知')
  const amount = input.amountAtRisk
  at('amountAtRisk', amount === null || isValidLoss(amount) ? null : '涉案金额应为不小于 0 的金额，最多两位小数')
  const received = new Date(input.receivedAt)
  if (Number.isNaN(received.getTime())) at('receivedAt', '接警时间无效')
  else if (received.getTime() > now.getTime() + RECEIVED_AT_GRACE_MS) at('receivedAt', '接警时间晚于当前时间')
  return problems.filter((p): p is WarningProblem => p !== null)
}
