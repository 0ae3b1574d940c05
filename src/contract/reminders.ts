import { Type, type Static } from 'typebox'
import { OUTBOX_STATUSES, SUBSCRIBE_RESULTS } from '../core/outbox'
import { RegionId } from './common'

/** Reminders: a person's subscribe-message consents, and the outbox of messages as an admin follows them. */

export const SubscribeInput = Type.Object({
  // Any short key passes here so that an unknown one gets its own code rather than a generic validation error.
  templateKey: Type.String({ minLength: 1, maxLength: 64, description: '订阅消息模板，见 SUBSCRIBE_TEMPLATES' }),
  result: Type.Enum([...SUBSCRIBE_RESULTS], { description: 'requestSubscribeMessage 对该模板的回答' }),
})
export type SubscribeInput = Static<typeof SubscribeInput>

const OutboxStatus = Type.Enum([...OUTBOX_STATUSES])

export const OutboxItem = Type.Object({
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
export type OutboxItem = Static<typeof OutboxItem>

export const OutboxQuery = Type.Object({ regionId: Type.Optional(RegionId), status: Type.Optional(OutboxStatus) })
export type OutboxQuery = Static<typeof OutboxQuery>

export const reminderEndpoints = {
  'POST /api/subscriptions': { body: SubscribeInput, response: Type.Object({ remaining: Type.Integer({ description: '剩余可发送条数' }) }) },
  'GET /api/outbox': { query: OutboxQuery, response: Type.Array(OutboxItem) },
}
