import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { SIGNER_CHOICES } from '#core/pledge-signer'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { PlainText, RegionId, Uuid } from '#contract/common'

const PledgeTemplate = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  sha256: Type.String({ description: '正文 UTF-8 字节的 SHA-256（十六进制）' }),
})

/** Signer fields may be blank here: a blank one is refused for that item alone, not for the whole batch. */
const PledgeInput = Type.Object({
  id: Uuid,
  householdId: Uuid,
  templateVersion: Type.Integer({ minimum: 1, maximum: 100000 }),
  templateSha256: Type.String({ maxLength: 64 }),
  signer: Type.Optional(Type.Enum([...SIGNER_CHOICES], { description: 'head 户主本人（姓名由服务器按住户登记填写）/ member 其他家庭成员' })),
  signerName: Type.Optional(PlainText({ maxLength: 30, description: '签署人姓名（其他家庭成员时填写；户主本人时忽略）' })),
  signerRelation: PlainText({ maxLength: 20, description: '与户主关系' }),
  strokes: Type.String({ maxLength: 16000, description: '签名笔迹的紧凑矢量编码，见 src/core/strokes.ts' }),
  signedAt: Type.String({ maxLength: 40, description: 'ISO 8601 签署时间' }),
  geo: Type.Optional(Type.Union([
    Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) }),
    Type.Null(),
  ])),
})

const SyncBatchResult = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(),
    status: Type.Enum(['stored', 'duplicate', 'rejected']),
    code: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
  })),
})

const ChainVerification = Type.Object({
  villageId: Type.String(),
  checked: Type.Integer(),
  ok: Type.Boolean(),
  problems: Type.Array(Type.Object({
    seq: Type.Integer(),
    pledgeId: Type.Union([Type.String(), Type.Null()]),
    kind: Type.Enum(['altered', 'missing', 'broken_link']),
    message: Type.String(),
  })),
})

const PledgeSummary = Type.Object({
  id: Type.String(),
  householdId: Type.String(),
  signerName: Type.String({ description: '签署人姓名（脱敏）' }),
  signerRelation: Type.String(),
  signedAt: Type.String({ format: 'date-time' }),
  templateVersion: Type.Integer(),
  workerName: Type.String({ description: '宣讲人' }),
  seq: Type.Integer({ description: '在本村承诺书链中的序号' }),
})

const TAGS = ['承诺书']

export default async function pledgeRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const pledges = services.pledges

  app.get('/api/pledges/template', {
    schema: { tags: TAGS, summary: '当前的承诺书模板', response: { 200: PledgeTemplate, ...COMMON_ERRORS } },
  }, () => pledges.currentTemplate())

  app.post('/api/pledges/batch', {
    schema: {
      tags: TAGS,
      summary: '上传签署的承诺书（离线补传，按 id 幂等，逐条答复）',
      body: Type.Object({ pledges: Type.Array(PledgeInput, { minItems: 1, maxItems: 50 }) }),
      response: { 200: SyncBatchResult, ...COMMON_ERRORS },
    },
  }, (req) => pledges.syncBatch(callerOf(req), req.body.pledges))

  app.get('/api/pledges/verify', {
    schema: {
      tags: TAGS,
      summary: '核验一个村（社区）的承诺书哈希链，指出被改动或缺失的记录',
      querystring: Type.Object({ villageId: RegionId }),
      response: { 200: ChainVerification, ...COMMON_ERRORS },
    },
  }, (req) => pledges.verify(callerOf(req), req.query.villageId))

  app.get('/api/pledges', {
    schema: {
      tags: TAGS,
      summary: '一户签署过的承诺书（签署人脱敏）',
      querystring: Type.Object({ householdId: Uuid }),
      response: { 200: Type.Object({ items: Type.Array(PledgeSummary) }), ...COMMON_ERRORS },
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
