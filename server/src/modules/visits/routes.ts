import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'

export default async function visitRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const visits = services.visits

  app.post('/api/visits/batch', {
    schema: {
      tags: ['走访'],
      summary: '上传离线走访记录（按条回复：已保存、重复或拒收）',
      ...contractSchema('POST /api/visits/batch'),
    },
  }, (req) => visits.syncBatch(callerOf(req), req.body.visits))
}
