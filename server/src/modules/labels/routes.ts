import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { AppError } from '../../errors'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { RegionId, Uuid } from '#contract/common'
import { MAX_LABELS_PER_REQUEST, type LabelSelection } from './service'

const TAGS = ['门牌']
const UUID_LIST = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

// One object rather than a union: with removeAdditional the validator would strip one branch's fields while trying the other.
const IssueBody = Type.Object({
  gridId: Type.Optional(RegionId),
  householdIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: MAX_LABELS_PER_REQUEST })),
  reissue: Type.Optional(Type.Boolean({ description: 'true：重新发放并作废旧门牌' })),
}, { description: '按网格（gridId）或按住户（householdIds）' })

const SheetQuery = Type.Object({
  gridId: Type.Optional(RegionId),
  householdIds: Type.Optional(Type.String({ pattern: `^${UUID_LIST}(,${UUID_LIST})*$`, maxLength: 37 * MAX_LABELS_PER_REQUEST, description: '以逗号分隔的住户 id' })),
})

const DoorLabel = Type.Object({
  householdId: Type.String(),
  householdCode: Type.String(),
  gridName: Type.String(),
  url: Type.String({ description: '二维码内容：PUBLIC_BASE_URL/h/<token>' }),
  qrSvg: Type.String({ description: '二维码 SVG' }),
})
const LabelSheet = Type.Object({
  station: Type.String(),
  hotline: Type.String(),
  slogan: Type.String(),
  labels: Type.Array(DoorLabel),
})

function selectionOf(gridId: string | undefined, householdIds: string[] | undefined): LabelSelection {
  if (gridId) return { gridId }
  if (householdIds) return { householdIds }
  throw new AppError('VALIDATION_FAILED', 400, '请指定网格（gridId）或住户（householdIds）')
}

export default async function labelRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const labels = services.labels

  app.post('/api/labels/issue', {
    schema: {
      tags: TAGS,
      summary: '发放门牌二维码（尚无门牌的住户得到第 1 版；重新发放时旧门牌作废）',
      body: IssueBody,
      response: { 200: Type.Object({ issued: Type.Integer({ description: '新发放的门牌数' }), revoked: Type.Integer({ description: '作废的旧门牌数' }) }), ...COMMON_ERRORS },
    },
  }, (req) => labels.issue(callerOf(req), selectionOf(req.body.gridId, req.body.householdIds), req.body.reissue ?? false))

  app.get('/api/labels/sheet', {
    schema: {
      tags: TAGS,
      summary: '门牌打印页数据：每户的二维码、户码、网格，以及派出所、热线和标语（尚无门牌的住户当场发放）',
      querystring: SheetQuery,
      response: { 200: LabelSheet, ...COMMON_ERRORS },
    },
  }, (req) => labels.sheet(callerOf(req), selectionOf(req.query.gridId, req.query.householdIds?.split(','))))
}
