import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema } from '../../plugins/schemas'
import { CoverageQuery } from '#contract/coverage'
import { sendXlsx, XlsxFile } from '../../plugins/xlsx-download'

const TAGS = ['覆盖率']

export default async function coverageRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const coverage = services.coverage

  app.get('/api/coverage', {
    schema: {
      tags: TAGS,
      summary: '入户覆盖情况：本区域一行，下级区域各一行',
      ...contractSchema('GET /api/coverage'),
    },
  }, (req) => coverage.report(callerOf(req), req.query.regionId))

  app.get('/api/coverage/my-grids', {
    schema: {
      tags: TAGS,
      summary: '网格员本人负责的网格：本季度已走访、已签承诺书、一老一小已走访户数，及网格总户数',
      ...contractSchema('GET /api/coverage/my-grids'),
    },
    preHandler: app.requireRole('grid_worker'),
  }, (req) => coverage.workerProgress(callerOf(req)))

  app.get('/api/coverage/gaps', {
    schema: {
      tags: TAGS,
      summary: '从未走访的住户（姓名、电话脱敏）',
      ...contractSchema('GET /api/coverage/gaps'),
    },
  }, (req) => coverage.gaps(callerOf(req), req.query))

  app.get('/api/coverage/gaps.xlsx', {
    schema: {
      tags: TAGS,
      summary: '导出未走访住户清单 (.xlsx)',
      querystring: CoverageQuery,
      response: { 200: XlsxFile, ...COMMON_ERRORS },
    },
  }, async (req, reply) => {
    const file = await coverage.gapsSheet(callerOf(req), req.query.regionId)
    return sendXlsx(reply, file, { ascii: 'gaps.xlsx', chinese: '未走访住户.xlsx' })
  })
}
