import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'

export default async function patrolRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const patrol = services.patrol

  app.get('/api/patrol/today', {
    schema: {
      tags: ['走访'],
      summary: '今日建议走访的住户（从未走访优先，其次一老一小、独居老人，再按久未走访），以及待完成的走访任务',
      ...contractSchema('GET /api/patrol/today'),
    },
  }, (req) => patrol.today(callerOf(req), req.query))
}
