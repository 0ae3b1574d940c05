import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { PATROL_SIZE_MAX, PATROL_SIZE_MIN } from '#core/patrol-plan'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { RegionId } from '#contract/common'
import { HouseholdSummary } from '#contract/households'
import { VisitTaskSchema } from '../visit-tasks/schemas'

const PatrolSuggestion = Type.Object({
  household: HouseholdSummary,
  lastVisitAt: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String({ description: '推荐理由，如 从未走访 / 独居老人 · 距上次走访 45 天' }),
})

export default async function patrolRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const patrol = services.patrol

  app.get('/api/patrol/today', {
    schema: {
      tags: ['走访'],
      summary: '今日建议走访的住户（从未走访优先，其次一老一小、独居老人，再按久未走访），以及待完成的走访任务',
      querystring: Type.Object({
        gridId: Type.Optional(RegionId),
        // Out-of-range sizes are clamped by the plan rather than refused: the setting is a preference.
        size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: `建议户数，${PATROL_SIZE_MIN}–${PATROL_SIZE_MAX}` })),
      }),
      response: {
        200: Type.Object({
          items: Type.Array(PatrolSuggestion),
          tasks: Type.Array(VisitTaskSchema, { description: '待完成的走访任务（本网格及所属村、镇的），最早的在前' }),
        }),
        ...COMMON_ERRORS,
      },
    },
  }, (req) => patrol.today(callerOf(req), req.query))
}
