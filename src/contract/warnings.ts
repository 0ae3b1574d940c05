import { Type, type Static } from 'typebox'
import { FRAUD_TYPE_KEYS, FRAUD_TYPES } from '../core/fraud-types'
import {
  MAX_RESIDENT_NAME_LENGTH, MAX_STEP_NOTE_LENGTH, MAX_WARNING_ADDRESS_LENGTH, RISK_LEVELS, WARNING_EVENT_KINDS, WARNING_SOURCES, WARNING_STATES,
  WARNING_STEPS,
} from '../core/warnings'
import { Page, PageQuery, PlainText, RegionId, Timestamp, Uuid } from './common'

/**
 * Warnings (预警劝阻): a station records or imports them, a dissuader takes each through its steps. Names, phones and
 * times are checked again by src/core/warnings.ts, in Chinese.
 */

const Iso = Type.String({ format: 'date-time' })
const NullableIso = Type.Union([Type.Null(), Iso])
// Null first: with type coercion on, a number branch tried first would turn null into 0.
const Yuan = (description: string) => Type.Union([Type.Null(), Type.Number({ minimum: 0, maximum: 100_000_000 })], { description })

const FraudType = Type.Enum([...FRAUD_TYPE_KEYS], { description: `诈骗类型：${FRAUD_TYPES.map((t) => `${t.key}（${t.name}）`).join('、')}` })
const RiskLevel = Type.Enum([...RISK_LEVELS], { description: '风险等级：high 高、medium 中、low 低' })
const Source = Type.Enum(WARNING_SOURCES.map((s) => s.key), { description: `来源：${WARNING_SOURCES.map((s) => `${s.key}（${s.name}）`).join('、')}` })
const State = Type.Enum([...WARNING_STATES], { description: '状态：pending 待处置、contacted 已联系、dissuaded 劝阻成功、defrauded 已受骗、unreachable 无法联系、false_alarm 误报' })
const Step = Type.Enum([...WARNING_STEPS], { description: '处置步骤：contact 已联系、dissuaded/defrauded/unreachable/false_alarm 结果、reopen 重新打开、return_visit 回访' })

export const WarningInput = Type.Object({
  regionId: RegionId,
  householdCode: Type.Union([Type.Null(), PlainText({ maxLength: 40 })], { description: '门牌编号（可选）' }),
  residentName: PlainText({ maxLength: MAX_RESIDENT_NAME_LENGTH * 2, description: '当事人姓名' }),
  phone: PlainText({ maxLength: 24, description: '手机号（加密保存，只向处置人显示完整号码）' }),
  address: PlainText({ maxLength: MAX_WARNING_ADDRESS_LENGTH * 2, description: '地址' }),
  fraudType: FraudType,
  riskLevel: RiskLevel,
  source: Source,
  amountAtRisk: Yuan('涉案金额（元），不知道时为 null'),
  receivedAt: Timestamp('接警时间'),
  assigneeId: Type.Union([Type.Null(), Uuid], { description: '劝阻员；null 为按辖区和工作量自动分派' }),
})
export type WarningInput = Static<typeof WarningInput>

const Person = Type.Object({ id: Type.String(), name: Type.String() })

export const WarningListItem = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  regionName: Type.String(),
  residentName: Type.String(),
  phoneMasked: Type.String({ description: '手机号（脱敏）' }),
  address: Type.String(),
  fraudType: FraudType,
  riskLevel: RiskLevel,
  source: Source,
  state: State,
  receivedAt: Iso,
  contactDueAt: Iso,
  firstContactAt: NullableIso,
  closedAt: NullableIso,
  overdue: Type.Boolean({ description: '超过时限仍待处置' }),
  contactedInTime: Type.Union([Type.Null(), Type.Boolean()], { description: '是否在时限内首次联系；待处置且未超时为 null' }),
  assignee: Type.Union([Type.Null(), Person]),
  amountAtRisk: Type.Union([Type.Null(), Type.Number()]),
  lossAmount: Type.Union([Type.Null(), Type.Number()]),
  version: Type.Integer(),
})
export type WarningListItem = Static<typeof WarningListItem>

export const WarningEvent = Type.Object({
  kind: Type.Enum([...WARNING_EVENT_KINDS]),
  fromState: Type.Union([Type.Null(), State]),
  toState: Type.Union([Type.Null(), State]),
  actorName: Type.Union([Type.Null(), Type.String()]),
  note: Type.String(),
  lossAmount: Type.Union([Type.Null(), Type.Number()]),
  at: Iso,
})
export type WarningEvent = Static<typeof WarningEvent>

export const WarningDetail = Type.Object({
  ...WarningListItem.properties,
  householdId: Type.Union([Type.Null(), Type.String()]),
  events: Type.Array(WarningEvent),
  canRevealPhone: Type.Boolean({ description: '只有处置人可以查看完整号码并拨打' }),
  allowedSteps: Type.Array(Step),
})
export type WarningDetail = Static<typeof WarningDetail>

export const WarningStepInput = Type.Object({
  step: Step,
  version: Type.Integer({ minimum: 1, description: '看到的版本；已被他人处置时返回 409 WARNING_STATE_CHANGED' }),
  note: PlainText({ maxLength: MAX_STEP_NOTE_LENGTH, description: '备注；重新打开时必填原因' }),
  lossAmount: Yuan('被骗金额（元），只在“已受骗”时填写'),
})
export type WarningStepInput = Static<typeof WarningStepInput>

/** Admins' list: the region and filters; overdue first, then by deadline. */
export const WarningQuery = Type.Object({
  regionId: Type.Optional(RegionId),
  state: Type.Optional(State),
  risk: Type.Optional(RiskLevel),
  overdue: Type.Optional(Type.Boolean({ description: 'true 只看超时未处置的' })),
  assigneeId: Type.Optional(Uuid),
  from: Type.Optional(Iso),
  to: Type.Optional(Iso),
  ...PageQuery,
})
export type WarningQuery = Static<typeof WarningQuery>

export const ComplianceQuery = Type.Object({
  regionId: Type.Optional(RegionId),
  from: Type.Optional(Timestamp('接警时间起（含），默认 30 天前')),
  to: Type.Optional(Timestamp('接警时间止（不含），默认现在')),
})
export type ComplianceQuery = Static<typeof ComplianceQuery>

export const WarningCompliance = Type.Object({
  received: Type.Integer(),
  contactedInTime: Type.Integer(),
  contactedLate: Type.Integer(),
  overdueNow: Type.Integer(),
  byRisk: Type.Array(Type.Object({ riskLevel: RiskLevel, received: Type.Integer(), contactedInTime: Type.Integer() })),
})
export type WarningCompliance = Static<typeof WarningCompliance>

export const DissuaderLoad = Type.Object({
  id: Type.String(),
  name: Type.String(),
  regionName: Type.String(),
  openWarnings: Type.Integer({ description: '在办（已分派未办结）的预警数' }),
})
export type DissuaderLoad = Static<typeof DissuaderLoad>

/** Per-row problems in Chinese, row numbers as the spreadsheet shows them; nothing imported when any. */
export const WarningImportResult = Type.Object({
  imported: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer({ description: '表格行号，表头为第 1 行' }), message: Type.String() })),
})
export type WarningImportResult = Static<typeof WarningImportResult>

const ById = Type.Object({ id: Uuid })

/**
 * Who may call (src/core/scope.ts): warning.manage is the region's admins, warning.handle its dissuaders and admins.
 * The import (multipart .xlsx, all or nothing) and its template are files, so their routes keep their own schemas.
 */
export const warningEndpoints = {
  /** warning.manage; assigned by region and load unless `assigneeId` is given. */
  'POST /api/warnings': { body: WarningInput, response: WarningDetail },
  /** warning.manage; overdue first, then by deadline. */
  'GET /api/warnings': { query: WarningQuery, response: Page(WarningListItem) },
  'GET /api/warnings/compliance': { query: ComplianceQuery, response: WarningCompliance },
  /** warning.handle: my 待处置 by deadline, then 已联系, then my closed of the last 7 days. */
  'GET /api/warnings/mine': { response: Type.Array(WarningListItem) },
  /** warning.manage: whom a warning of the region may be given to by hand. */
  'GET /api/warnings/dissuaders': { query: Type.Object({ regionId: RegionId }), response: Type.Array(DissuaderLoad) },
  'GET /api/warnings/:id': { params: ById, response: WarningDetail },
  /** warning.handle, in scope; a stale `version` is refused with 409 WARNING_STATE_CHANGED. */
  'POST /api/warnings/:id/steps': { params: ById, body: WarningStepInput, response: WarningDetail },
  'PUT /api/warnings/:id/assignee': { params: ById, body: Type.Object({ assigneeId: Uuid }), response: WarningDetail },
  /** The assignee only; audited before it is answered. */
  'POST /api/warnings/:id/reveal-phone': { params: ById, response: Type.Object({ phone: Type.String() }) },
}
