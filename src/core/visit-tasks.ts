import { fraudTypeName } from './fraud-types'
import { isWithin } from './regions'
import type { RoleAssignment } from './roles'
import { roleAllows } from './scope'
import { RISK_LEVEL_LABELS, type RiskLevel } from './warnings'

/** Longest note a worker leaves when marking a door-visit task done. */
export const VISIT_TASK_NOTE_MAX = 200

/** The note on a household's task closed by a visit recorded at its door after the task was set. */
export const VISIT_TASK_DONE_BY_VISIT_NOTE = '已入户走访（随走访记录自动完成）'

/** Why a door-visit task was set: today only a warning whose resident could not be reached. */
export const VISIT_TASK_REASONS = ['warning_unreachable'] as const
export type VisitTaskReason = (typeof VISIT_TASK_REASONS)[number]

const REASON_TEXT: Record<VisitTaskReason, string> = {
  warning_unreachable: '预警无法联系，请上门核实',
}

/** What the worker reads on a task, e.g. "预警无法联系，请上门核实（冒充公检法，高风险）". */
export function visitTaskReasonText(
  reason: VisitTaskReason,
  warning: { fraudType: string; riskLevel: RiskLevel } | null,
): string {
  const text = REASON_TEXT[reason]
  return warning ? `${text}（${fraudTypeName(warning.fraudType)}，${RISK_LEVEL_LABELS[warning.riskLevel]}）` : text
}

/**
 * Who may mark a task done: anyone who may record visits where it lies, and the grid workers below a village-level
 * task, since it shows in each of their patrol plans.
 */
export function canCompleteVisitTask(roles: readonly RoleAssignment[], taskRegionPath: string): boolean {
  return roles.some((r) => roleAllows(r.role, 'visit.write')
    && (isWithin(taskRegionPath, r.regionPath) || isWithin(r.regionPath, taskRegionPath)))
}
