import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'
import householdImportRoutes from './import-routes'

const TAGS = ['住户']

export default async function householdRoutes(fastify: FastifyInstance, { ctx, services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const households = services.households
  await app.register(householdImportRoutes, { ctx, services })

  app.get('/api/households', {
    schema: {
      tags: TAGS,
      summary: '辖区内的住户（姓名、电话脱敏），可按标签、是否走访、是否签承诺书筛选',
      ...contractSchema('GET /api/households'),
    },
  }, (req) => households.list(callerOf(req), req.query))

  app.get('/api/households/:id', {
    schema: {
      tags: TAGS,
      summary: '一户的详情（姓名、电话脱敏）',
      ...contractSchema('GET /api/households/:id'),
    },
  }, (req) => households.get(callerOf(req), req.params.id))

  app.post('/api/households', {
    schema: {
      tags: TAGS,
      summary: '新增住户（须登记在辖区内的网格下）',
      ...contractSchema('POST /api/households'),
    },
  }, (req) => households.add(callerOf(req), req.body))

  app.put('/api/households/:id', {
    schema: {
      tags: TAGS,
      summary: '修改住户信息',
      ...contractSchema('PUT /api/households/:id'),
    },
  }, (req) => households.edit(callerOf(req), req.params.id, req.body))

  app.post('/api/households/:id/phone', {
    schema: {
      tags: TAGS,
      summary: '查看完整联系电话（仅限有权限的角色，每次查看均记入审计日志）',
      ...contractSchema('POST /api/households/:id/phone'),
    },
  }, (req) => households.revealPhone(callerOf(req), req.params.id))
}
