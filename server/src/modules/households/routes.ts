import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { BEARER, COMMON_ERRORS, PageQuery, Uuid } from '../../plugins/schemas'
import householdImportRoutes from './import-routes'
import { HouseholdDetail, HouseholdInput, HouseholdListQuery, HouseholdSummary } from './schemas'

const TAGS = ['住户']
const ById = Type.Object({ id: Uuid })

export default async function householdRoutes(fastify: FastifyInstance, { ctx, services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const households = services.households
  await app.register(householdImportRoutes, { ctx, services })

  app.get('/api/households', {
    schema: {
      tags: TAGS,
      summary: '辖区内的住户（姓名、电话脱敏），可按标签、是否走访、是否签承诺书筛选',
      security: BEARER,
      querystring: Type.Object({ ...HouseholdListQuery.properties, ...PageQuery }),
      response: { 200: Type.Object({ items: Type.Array(HouseholdSummary), total: Type.Integer() }), ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => households.list(callerOf(req), req.query))

  app.get('/api/households/:id', {
    schema: {
      tags: TAGS,
      summary: '一户的详情（姓名、电话脱敏）',
      security: BEARER,
      params: ById,
      response: { 200: HouseholdDetail, ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => households.get(callerOf(req), req.params.id))

  app.post('/api/households', {
    schema: {
      tags: TAGS,
      summary: '新增住户（须登记在辖区内的网格下）',
      security: BEARER,
      body: HouseholdInput,
      response: { 200: HouseholdDetail, ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => households.add(callerOf(req), req.body))

  app.put('/api/households/:id', {
    schema: {
      tags: TAGS,
      summary: '修改住户信息',
      security: BEARER,
      params: ById,
      body: HouseholdInput,
      response: { 200: HouseholdDetail, ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => households.edit(callerOf(req), req.params.id, req.body))

  app.post('/api/households/:id/phone', {
    schema: {
      tags: TAGS,
      summary: '查看完整联系电话（仅限有权限的角色，每次查看均记入审计日志）',
      security: BEARER,
      params: ById,
      response: { 200: Type.Object({ phone: Type.String() }), ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => households.revealPhone(callerOf(req), req.params.id))
}
