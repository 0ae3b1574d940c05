import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'

export default async function visitTasksRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const tasks = services.visitTasks

  app.post('/api/visit-tasks/:id/done', {
    schema: {
      tags: ['走访'],
      summary: '完成走访任务（填写核实情况）；已完成的任务再次提交时原样返回',
      ...contractSchema('POST /api/visit-tasks/:id/done'),
    },
  }, (req) => tasks.done(callerOf(req), req.params.id, req.body.note))
}
