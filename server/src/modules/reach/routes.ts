import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'

export default async function reachRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const reach = services.reach
  const tags = ['转发触达']

  app.get('/api/bulletins/:id/reach', {
    schema: {
      tags, summary: '通报触达：各级群覆盖、打开人数、到达用时中位数与未触达的群',
      ...contractSchema('GET /api/bulletins/:id/reach'),
    },
  }, (req) => reach.reach(callerOf(req), req.params.id, req.query.withinHours))

  app.get('/api/bulletins/:id/tree', {
    schema: { tags, summary: '转发树：每次分享及其带来的打开数', ...contractSchema('GET /api/bulletins/:id/tree') },
  }, (req) => reach.tree(callerOf(req), req.params.id))

  app.get('/api/reach/daily', {
    schema: { tags, summary: '按日触达统计', ...contractSchema('GET /api/reach/daily') },
  }, (req) => reach.daily(callerOf(req), req.query))

  app.get('/api/reach/cadres', {
    schema: { tags, summary: '村干部转发情况（转发最少的排在前面）', ...contractSchema('GET /api/reach/cadres') },
  }, (req) => reach.cadres(callerOf(req), req.query))
}
