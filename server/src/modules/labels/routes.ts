import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { AppError } from '../../errors'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { contractSchema } from '../../plugins/schemas'
import type { LabelSelection } from './service'

const TAGS = ['门牌']
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
      ...contractSchema('POST /api/labels/issue'),
    },
  }, (req) => labels.issue(callerOf(req), selectionOf(req.body.gridId, req.body.householdIds), req.body.reissue ?? false))

  app.get('/api/labels/sheet', {
    schema: {
      tags: TAGS,
      summary: '门牌打印页数据：每户的二维码、户码、网格，以及派出所、热线和标语（尚无门牌的住户当场发放）',
      ...contractSchema('GET /api/labels/sheet'),
    },
  }, (req) => labels.sheet(callerOf(req), selectionOf(req.query.gridId, req.query.householdIds?.split(','))))
}
