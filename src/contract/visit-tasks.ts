import { Type, type Static } from 'typebox'
import { VISIT_TASK_NOTE_MAX, VISIT_TASK_REASONS } from '../core/visit-tasks'
import { PlainText, Uuid } from './common'
import { HouseholdSummary } from './households'

/** Door-visit tasks: a 无法联系 warning sets one for the household's grid; the patrol plan lists them too. */

export const VisitTask = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  householdId: Type.Union([Type.String(), Type.Null()]),
  householdCode: Type.Union([Type.String(), Type.Null()], { description: '门牌短码（已知住户时）' }),
  household: Type.Union([HouseholdSummary, Type.Null()], { description: '住户（脱敏，已知住户时）' }),
  address: Type.String(),
  reason: Type.Enum([...VISIT_TASK_REASONS]),
  reasonText: Type.String({ description: '给网格员看的任务原因，如 预警无法联系，请上门核实（冒充公检法，高风险）' }),
  warningId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  doneAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type VisitTask = Static<typeof VisitTask>

export const VisitTaskDoneInput = Type.Object({
  note: PlainText({ minLength: 1, maxLength: VISIT_TASK_NOTE_MAX, description: '上门核实情况，简要说明' }),
})
export type VisitTaskDoneInput = Static<typeof VisitTaskDoneInput>

export const visitTaskEndpoints = {
  'POST /api/visit-tasks/:id/done': { params: Type.Object({ id: Uuid }), body: VisitTaskDoneInput, response: VisitTask },
}
