import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'
import type { RouteDeps } from '../../composition'

const PUBLIC_ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse, 410: ErrorResponse }

export default async function shareRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const shares = services.shares

  app.post('/api/public/bulletins/:id/shares', {
    schema: {
      tags: ['通报转发'],
      summary: '转发通报：登记一次分享，返回带分享编号的页面路径',
      ...contractSchema('POST /api/public/bulletins/:id/shares', PUBLIC_ERRORS),
    },
  }, (req) => shares.share(req.user, req.params.id, req.body))

  app.post('/api/public/opens', {
    schema: {
      tags: ['通报转发'],
      summary: '打开通报：按读者与微信群计数（同一读者同一群只计一次）',
      ...contractSchema('POST /api/public/opens', PUBLIC_ERRORS),
    },
  }, (req) => shares.open(req.user, req.body))
}
