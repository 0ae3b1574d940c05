import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { VISIT_CHECKLIST, type ChecklistKey } from '#core/door-to-door-api'
import { MAX_VISITS_PER_BATCH } from '#core/visits'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { BEARER, COMMON_ERRORS, PlainText, Uuid } from '../../plugins/schemas'

const Geo = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) })

function checklist<K extends ChecklistKey>(...keys: K[]) {
  const label = (key: K) => VISIT_CHECKLIST.find((c) => c.key === key)!.label
  return Object.fromEntries(keys.map((key) => [key, Type.Boolean({ description: label(key) })])) as Record<K, ReturnType<typeof Type.Boolean>>
}

const VisitInput = Type.Object({
  id: Type.String({ ...Uuid, description: '手机上生成的 UUID，重传时不变' }),
  householdId: Uuid,
  visitedAt: Type.String({ maxLength: 40, description: '走访时间 (ISO 8601)' }),
  // Longer than the 500-character rule on purpose: an overlong note is one rejected item, not a refused batch.
  note: PlainText({ maxLength: 5000 }),
  geo: Type.Optional(Type.Union([Geo, Type.Null()])),
  ...checklist('briefed', 'appInstalled', 'callWarningOn', 'emergencyContact', 'elderlyChildReminded'),
})

const SyncItemResult = Type.Object({
  id: Type.String(),
  status: Type.Enum(['stored', 'duplicate', 'rejected']),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
})

export default async function visitRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const visits = services.visits

  app.post('/api/visits/batch', {
    schema: {
      tags: ['走访'],
      summary: '上传离线走访记录（按条回复：已保存、重复或拒收）',
      security: BEARER,
      body: Type.Object({ visits: Type.Array(VisitInput, { minItems: 1, maxItems: MAX_VISITS_PER_BATCH }) }),
      response: { 200: Type.Object({ items: Type.Array(SyncItemResult) }), ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => visits.syncBatch(callerOf(req), req.body.visits))
}
