import type { HouseholdSummary } from './api-types'
import type { FraudTypeKey } from './fraud-types'

/**
 * API shapes of warnings (预警劝阻, issue 7). Server TypeBox schemas mirror these. Times are ISO 8601.
 *
 * Routes (action warning.manage = admins of the region; warning.handle = dissuaders and admins of the region):
 *   POST /api/warnings                          WarningInput → WarningDetail          (warning.manage; auto-assigned unless assigneeId)
 *   POST /api/warnings/import                   multipart .xlsx → WarningImportResult (warning.manage; all or nothing)
 *   GET  /api/warnings/template.xlsx            → the import template                 (warning.manage)
 *   GET  /api/warnings?regionId&state&risk&overdue&assigneeId&from&to&page&pageSize
 *                                               → Page<WarningListItem>               (warning.manage; overdue first, then by deadline)
 *   GET  /api/warnings/compliance?regionId&from&to → WarningCompliance              (warning.manage)
 *   GET  /api/warnings/mine                     → WarningListItem[]                   (warning.handle; my 待处置 by deadline, then 已联系, then my closed of 7 days)
 *   GET  /api/warnings/:id                      → WarningDetail                       (warning.handle or warning.manage, in scope)
 *   POST /api/warnings/:id/steps                WarningStepInput → WarningDetail      (warning.handle, in scope; 409 WARNING_STATE_CHANGED when stale)
 *   PUT  /api/warnings/:id/assignee             { assigneeId } → WarningDetail        (warning.manage)
 *   POST /api/warnings/:id/reveal-phone         → { phone }                           (the assignee only; audited)
 *   GET  /api/warnings/dissuaders?regionId      → DissuaderLoad[]                     (warning.manage; for assigning by hand)
 *   Door-visit tasks (a 无法联系 warning creates one for the household's grid):
 *   GET  /api/patrol/today                      now also answers `tasks: VisitTask[]`
 *   POST /api/visit-tasks/:id/done              { note } → VisitTask                  (visit.write, in scope)
 */

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

export interface WarningInput {
  /** Town, village or grid where the resident lives. */
  regionId: string
  /** Door code of the resident's household, when known (links the door-visit task to that door). */
  householdCode: string | null
  residentName: string
  phone: string
  address: string
  fraudType: FraudTypeKey
  riskLevel: RiskLevel
  source: WarningSourceKey
  /** Yuan the resident was about to pay, when known. */
  amountAtRisk: number | null
  receivedAt: string
  /** A dissuader of the region; null to assign automatically by region and load. */
  assigneeId: string | null
}

export interface WarningListItem {
  id: string
  regionId: string
  regionName: string
  residentName: string
  /** Always masked here: 138****1234. */
  phoneMasked: string
  address: string
  fraudType: FraudTypeKey
  riskLevel: RiskLevel
  source: WarningSourceKey
  state: WarningState
  receivedAt: string
  contactDueAt: string
  firstContactAt: string | null
  closedAt: string | null
  /** Still 待处置 after contactDueAt. */
  overdue: boolean
  /** First contact (已联系 or 无法联系) was recorded by contactDueAt. Null while still pending in time. */
  contactedInTime: boolean | null
  assignee: { id: string; name: string } | null
  amountAtRisk: number | null
  lossAmount: number | null
  version: number
}

export interface WarningEvent {
  kind: 'created' | 'assigned' | 'escalated' | WarningStep
  fromState: WarningState | null
  toState: WarningState | null
  actorName: string | null
  note: string
  lossAmount: number | null
  at: string
}

export interface WarningDetail extends WarningListItem {
  householdId: string | null
  events: WarningEvent[]
  /** True when the caller is the assignee: only then may the phone be revealed and called. */
  canRevealPhone: boolean
  /** Steps the caller may take now (from src/core/warnings.ts). */
  allowedSteps: WarningStep[]
}

export interface WarningStepInput {
  step: WarningStep
  /** The version the caller saw: a stale version is refused with WARNING_STATE_CHANGED. */
  version: number
  note: string
  /** 已受骗 only: the reported loss in yuan. */
  lossAmount: number | null
}

export interface WarningImportResult {
  imported: number
  /** Per-row problems in Chinese, row numbers as the spreadsheet shows them; nothing imported when any. */
  errors: { row: number; message: string }[]
}

export interface DissuaderLoad {
  id: string
  name: string
  regionName: string
  /** Warnings assigned and not yet closed. */
  openWarnings: number
}

export interface WarningCompliance {
  received: number
  /** First contact recorded within the time limit. */
  contactedInTime: number
  contactedLate: number
  /** Still pending past the limit now. */
  overdueNow: number
  byRisk: { riskLevel: RiskLevel; received: number; contactedInTime: number }[]
}

export interface VisitTask {
  id: string
  regionId: string
  householdId: string | null
  /** The door code when the door is known. */
  householdCode: string | null
  /** The household, masked as everywhere else (HouseholdView), when the door is known: opens the visit form. */
  household: HouseholdSummary | null
  address: string
  reason: 'warning_unreachable'
  /** Shown to the worker: e.g. "预警无法联系，请上门核实（冒充公检法，高风险）". */
  reasonText: string
  warningId: string | null
  createdAt: string
  doneAt: string | null
}
