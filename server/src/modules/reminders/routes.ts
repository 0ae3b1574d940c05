import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { RegionId } from '#contract/common'

const OutboxStatus = Type.Enum(['pending', 'sent', 'failed'])

const SubscribeInput = Type.Object({
  // Any short key passes here so that an unknown one gets its own code rather than a generic validation error.
  templateKey: Type.String({ minLength: 1, maxLength: 64, description: '订阅消息模板，见 SUBSCRIBE_TEMPLATES' }),
  result: Type.Enum(['accept', 'reject', 'ban', 'filter'], { description: 'requestSubscribeMessage 对该模板的回答' }),
})

const OutboxItem = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'bulletin_published 通报发布 / bulletin_not_reached 群未收到 / warning_overdue 预警超时' }),
  userName: Type.String({ description: '接收人' }),
  status: OutboxStatus,
  attempts: Type.Integer({ description: '已尝试发送次数' }),
  lastErrcode: Type.Union([Type.Integer(), Type.Null()], { description: '最近一次微信返回的错误码' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})

const TAGS = ['提醒']

export default async function reminderRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const reminders = services.reminders

  app.post('/api/subscriptions', {
    schema: {
      tags: TAGS,
      summary: '记录订阅消息授权结果（每次“允许”可发送一条提醒），返回剩余可发送条数',
      body: SubscribeInput,
      response: { 200: Type.Object({ remaining: Type.Integer() }), ...COMMON_ERRORS },
    },
  }, (req) => reminders.subscribe(callerOf(req), req.body))

  app.get('/api/outbox', {
    schema: {
      tags: TAGS,
      summary: '辖区内最近的提醒消息及其发送情况',
      querystring: Type.Object({ regionId: Type.Optional(RegionId), status: Type.Optional(OutboxStatus) }),
      response: { 200: Type.Array(OutboxItem), ...COMMON_ERRORS },
    },
  }, (req) => reminders.outbox(callerOf(req), req.query))
}
