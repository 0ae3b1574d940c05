import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { Uuid } from '#contract/common'
import type { RouteDeps } from '../../composition'

const ShareId = Type.String({ minLength: 1, maxLength: 64, description: '分享编号（来自页面路径）' })
const ReaderKey = Type.String({ maxLength: 64, description: '未登录读者的设备编号 d:<uuid>' })

const ShareInput = Type.Object({
  parentShareId: Type.Optional(Type.Union([ShareId, Type.Null()])),
  readerKey: Type.Optional(ReaderKey),
})

const ShareCreated = Type.Object({ id: Type.String(), tier: Type.Integer(), path: Type.String() })

const OpenInput = Type.Object({
  bulletinId: Uuid,
  shareId: Type.Optional(Type.Union([ShareId, Type.Null()])),
  readerKey: Type.Optional(ReaderKey),
  scene: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100000 }), Type.Null()])),
  group: Type.Optional(Type.Union([
    Type.Object({ encryptedData: Type.String({ minLength: 1, maxLength: 4096 }), iv: Type.String({ minLength: 1, maxLength: 64 }) }),
    Type.Null(),
  ])),
})

const OpenResult = Type.Object({
  counted: Type.Boolean({ description: '同一读者在同一群（或无群）只计一次' }),
  group: Type.Union([Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), tier: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  notices: Type.Optional(Type.Array(Type.Object({ code: Type.String(), message: Type.String() }), { description: '已计数，但群或分享信息未能采用的原因' })),
})

const PUBLIC_ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse, 410: ErrorResponse }

export default async function shareRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const shares = services.shares

  app.post('/api/public/bulletins/:id/shares', {
    schema: {
      tags: ['通报转发'],
      summary: '转发通报：登记一次分享，返回带分享编号的页面路径',
      params: Type.Object({ id: Uuid }),
      body: ShareInput,
      response: { 200: ShareCreated, ...PUBLIC_ERRORS },
    },
  }, (req) => shares.share(req.user, req.params.id, req.body))

  app.post('/api/public/opens', {
    schema: {
      tags: ['通报转发'],
      summary: '打开通报：按读者与微信群计数（同一读者同一群只计一次）',
      body: OpenInput,
      response: { 200: OpenResult, ...PUBLIC_ERRORS },
    },
  }, (req) => shares.open(req.user, req.body))
}
