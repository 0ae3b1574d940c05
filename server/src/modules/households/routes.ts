import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppContext } from '../../context'
import { callerOf } from '../../plugins/auth'
import { BEARER, COMMON_ERRORS, PageQuery, PlainText, RegionId, Uuid } from '../../plugins/schemas'
import { HouseholdService } from './service'

const HouseholdSummary = Type.Object({
  id: Type.String(),
  code: Type.String({ description: '门牌标签上的短码' }),
  regionId: Type.String(),
  gridName: Type.String(),
  address: Type.String(),
  headName: Type.String({ description: '户主姓名（脱敏）' }),
  phoneMasked: Type.Union([Type.String(), Type.Null()], { description: '联系电话（脱敏）' }),
  tags: Type.Array(Type.String()),
  memberCount: Type.Integer(),
})
const ListQuery = Type.Object({
  regionId: Type.Optional(RegionId),
  q: Type.Optional(PlainText({ maxLength: 50, description: '按户码或地址查找' })),
  ...PageQuery,
})

const TAGS = ['住户']

export default async function householdRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const households = new HouseholdService(ctx)

  app.get('/api/households', {
    schema: {
      tags: TAGS,
      summary: '辖区内的住户（姓名、电话脱敏）',
      security: BEARER,
      querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(HouseholdSummary), total: Type.Integer() }), ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => households.list(callerOf(req), req.query))

  app.get('/api/households/:id', {
    schema: {
      tags: TAGS,
      summary: '一户的概况（姓名、电话脱敏）',
      security: BEARER,
      params: Type.Object({ id: Uuid }),
      response: { 200: HouseholdSummary, ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => households.get(callerOf(req), req.params.id))
}
