import { Type, type Static } from 'typebox'
import { PATROL_SIZE_MAX, PATROL_SIZE_MIN } from '../core/patrol-plan'
import { RegionId } from './common'
import { HouseholdSummary } from './households'
import { VisitTask } from './visit-tasks'

/** Today's doors for a grid worker: the open door-visit tasks, then the suggested households. */

export const PatrolSuggestion = Type.Object({
  household: HouseholdSummary,
  lastVisitAt: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String({ description: '推荐理由，如 从未走访 / 独居老人 · 距上次走访 45 天' }),
})
export type PatrolSuggestion = Static<typeof PatrolSuggestion>

export const PatrolQuery = Type.Object({
  gridId: Type.Optional(RegionId),
  // Out-of-range sizes are clamped by the plan rather than refused: the setting is a preference.
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: `建议户数，${PATROL_SIZE_MIN}–${PATROL_SIZE_MAX}` })),
})
export type PatrolQuery = Static<typeof PatrolQuery>

export const PatrolPlan = Type.Object({
  items: Type.Array(PatrolSuggestion),
  tasks: Type.Array(VisitTask, { description: '待完成的走访任务（本网格及所属村、镇的），最早的在前' }),
})
export type PatrolPlan = Static<typeof PatrolPlan>

export const patrolEndpoints = {
  'GET /api/patrol/today': { query: PatrolQuery, response: PatrolPlan },
}
