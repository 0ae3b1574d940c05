import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'

export default async function groupRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const groups = services.groups

  app.get('/api/groups', {
    schema: {
      tags: ['微信群'],
      summary: '我的微信群与待认领的群（未标注的排在前面）',
      ...contractSchema('GET /api/groups'),
    },
  }, (req) => groups.list(callerOf(req), req.query))

  app.put('/api/groups/:id', {
    schema: {
      tags: ['微信群'],
      summary: '标注微信群：名称、类型（平安群/村群）与所属村社，标注人成为群负责人',
      ...contractSchema('PUT /api/groups/:id'),
    },
  }, (req) => groups.label(callerOf(req), req.params.id, req.body))
}
