import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema } from '../../plugins/schemas'
import { Uuid } from '#contract/common'

const TAGS = ['承诺书']

export default async function pledgeRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const pledges = services.pledges

  app.get('/api/pledges/template', {
    schema: { tags: TAGS, summary: '当前的承诺书模板', ...contractSchema('GET /api/pledges/template') },
  }, () => pledges.currentTemplate())

  app.post('/api/pledges/batch', {
    schema: {
      tags: TAGS,
      summary: '上传签署的承诺书（离线补传，按 id 幂等，逐条答复）',
      ...contractSchema('POST /api/pledges/batch'),
    },
  }, (req) => pledges.syncBatch(callerOf(req), req.body.pledges))

  app.get('/api/pledges/verify', {
    schema: {
      tags: TAGS,
      summary: '核验一个村（社区）的承诺书哈希链，指出被改动或缺失的记录',
      ...contractSchema('GET /api/pledges/verify'),
    },
  }, (req) => pledges.verify(callerOf(req), req.query.villageId))

  app.get('/api/pledges', {
    schema: {
      tags: TAGS,
      summary: '一户签署过的承诺书（签署人脱敏）',
      ...contractSchema('GET /api/pledges'),
    },
  }, async (req) => ({ items: await pledges.ofHousehold(callerOf(req), req.query.householdId) }))

  app.get('/api/pledges/:id/svg', {
    schema: {
      tags: TAGS,
      summary: '签署后的承诺书（SVG，可打印、可发给住户）',
      params: Type.Object({ id: Uuid }),
      response: { 200: Type.Unsafe<string>({ type: 'string', description: 'image/svg+xml' }), ...COMMON_ERRORS },
    },
  }, async (req, reply) => {
    const svg = await pledges.svg(callerOf(req), req.params.id)
    return reply.header('content-type', 'image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(svg)
  })
}
