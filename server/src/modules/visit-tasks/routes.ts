import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { VISIT_TASK_NOTE_MAX } from '#core/visit-tasks'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { PlainText, Uuid } from '#contract/common'
import { VisitTaskSchema } from './schemas'

const DoneInput = Type.Object({
  note: PlainText({ minLength: 1, maxLength: VISIT_TASK_NOTE_MAX, description: '上门核实情况，简要说明' }),
})

export default async function visitTasksRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const tasks = services.visitTasks

  app.post('/api/visit-tasks/:id/done', {
    schema: {
      tags: ['走访'],
      summary: '完成走访任务（填写核实情况）；已完成的任务再次提交时原样返回',
      params: Type.Object({ id: Uuid }),
      body: DoneInput,
      response: { 200: VisitTaskSchema, ...COMMON_ERRORS },
    },
  }, (req) => tasks.done(callerOf(req), req.params.id, req.body.note))
}
