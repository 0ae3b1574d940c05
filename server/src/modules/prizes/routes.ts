import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'

const TAGS = ['答题奖品']
const ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse }
export default async function prizeRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const prizes = services.prizes

  app.get('/api/prizes', {
    schema: { tags: TAGS, summary: '我可以领取的奖品，以及还不能领取的原因', ...contractSchema('GET /api/prizes') },
  }, (req) => prizes.offers(callerOf(req)))

  app.post('/api/prizes/:id/claims', {
    schema: { tags: TAGS, summary: '领取奖品（库存和每人限领数严格保证），返回兑换码', ...contractSchema('POST /api/prizes/:id/claims', ERRORS) },
  }, (req) => prizes.claim(callerOf(req), req.params.id))

  app.get('/api/prizes/my-claims', {
    schema: { tags: TAGS, summary: '我领取的奖品和兑换码', ...contractSchema('GET /api/prizes/my-claims') },
  }, (req) => prizes.myClaims(callerOf(req)))

  app.get('/api/prizes/manage', {
    schema: {
      tags: TAGS, summary: '辖区内的奖品（含库存、已领出、已兑换）',
      ...contractSchema('GET /api/prizes/manage'),
    },
  }, (req) => prizes.manageList(callerOf(req), req.query.regionId))

  app.post('/api/prizes', {
    schema: { tags: TAGS, summary: '新建奖品', ...contractSchema('POST /api/prizes') },
  }, (req) => prizes.create(callerOf(req), req.body))

  app.put('/api/prizes/:id', {
    schema: { tags: TAGS, summary: '修改奖品（库存不能少于已领出的份数）', ...contractSchema('PUT /api/prizes/:id') },
  }, (req) => prizes.update(callerOf(req), req.params.id, req.body))

  app.get('/api/prize-claims/:code', {
    schema: { tags: TAGS, summary: '核对兑换码（工作人员）', ...contractSchema('GET /api/prize-claims/:code') },
  }, (req) => prizes.lookUp(callerOf(req), req.params.code))

  app.post('/api/prize-claims/:code/redeem', {
    schema: { tags: TAGS, summary: '兑换（每个兑换码只能兑换一次）', ...contractSchema('POST /api/prize-claims/:code/redeem', ERRORS) },
  }, (req) => prizes.redeem(callerOf(req), req.params.code))
}
