import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { PlainText, RegionId, Uuid } from '#contract/common'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

export const WeChatGroupSchema = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  tier: Type.Union([Type.Literal(1), Type.Literal(2), Type.Null()]),
  regionId: Nullable(Type.String()),
  regionName: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  firstSeenAt: Type.String(),
  labelledAt: Nullable(Type.String()),
})

const GroupLabelInput = Type.Object({
  name: PlainText({ minLength: 1, maxLength: 40, description: '群名称，如“东胜村3组群”' }),
  tier: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1 平安群，2 村群' }),
  regionId: RegionId,
})

export default async function groupRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const groups = services.groups

  app.get('/api/groups', {
    schema: {
      tags: ['微信群'],
      summary: '我的微信群与待认领的群（未标注的排在前面）',
      querystring: Type.Object({
        regionId: Type.Optional(RegionId),
        unlabelled: Type.Optional(Type.Boolean({ description: '只看未标注的群' })),
      }),
      response: { 200: Type.Array(WeChatGroupSchema), ...COMMON_ERRORS },
    },
  }, (req) => groups.list(callerOf(req), req.query))

  app.put('/api/groups/:id', {
    schema: {
      tags: ['微信群'],
      summary: '标注微信群：名称、类型（平安群/村群）与所属村社，标注人成为群负责人',
      params: Type.Object({ id: Uuid }),
      body: GroupLabelInput,
      response: { 200: WeChatGroupSchema, ...COMMON_ERRORS },
    },
  }, (req) => groups.label(callerOf(req), req.params.id, req.body))
}
