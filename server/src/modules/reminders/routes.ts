import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'

const TAGS = ['提醒']

export default async function reminderRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const reminders = services.reminders

  app.post('/api/subscriptions', {
    schema: {
      tags: TAGS,
      summary: '记录订阅消息授权结果（每次“允许”可发送一条提醒），返回剩余可发送条数',
      ...contractSchema('POST /api/subscriptions'),
    },
  }, (req) => reminders.subscribe(callerOf(req), req.body))

  app.get('/api/outbox', {
    schema: {
      tags: TAGS,
      summary: '辖区内最近的提醒消息及其发送情况',
      ...contractSchema('GET /api/outbox'),
    },
  }, (req) => reminders.outbox(callerOf(req), req.query))
}
