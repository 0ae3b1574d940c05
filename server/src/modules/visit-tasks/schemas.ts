import { Type } from 'typebox'
import { HouseholdSummary } from '#contract/households'

/** Mirrors VisitTask in src/core/warning-api.ts; the patrol plan answers these too. */
export const VisitTaskSchema = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  householdId: Type.Union([Type.String(), Type.Null()]),
  householdCode: Type.Union([Type.String(), Type.Null()], { description: '门牌短码（已知住户时）' }),
  household: Type.Union([HouseholdSummary, Type.Null()], { description: '住户（脱敏，已知住户时）' }),
  address: Type.String(),
  reason: Type.Enum(['warning_unreachable']),
  reasonText: Type.String({ description: '给网格员看的任务原因，如 预警无法联系，请上门核实（冒充公检法，高风险）' }),
  warningId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  doneAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
