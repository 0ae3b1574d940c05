import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { XLSX_MIME } from '../../lib/sheet'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { PageQuery, RegionId } from '#contract/common'
import { HouseholdSummary } from '#contract/households'

const count = (description: string) => Type.Integer({ minimum: 0, description })
const CoverageRow = Type.Object({
  regionId: Type.String(),
  name: Type.String(),
  level: Type.Enum(['county', 'town', 'village', 'grid']),
  households: count('住户数'),
  visited: count('已走访（曾经）'),
  visited90d: count('近 90 天走访'),
  pledged: count('已签承诺书'),
  appInstalled: count('已装国家反诈中心APP'),
  callWarningOn: count('已开来电预警'),
  vulnerable: count('一老一小、独居老人户'),
  vulnerableVisited: count('其中已走访'),
})
const GridProgress = Type.Object({
  gridId: Type.String(),
  gridName: Type.String({ description: '带村名的网格名，如 东胜村第1网格' }),
  households: count('住户数'),
  visited: count('本季度已走访'),
  pledged: count('本季度已签承诺书'),
  vulnerable: count('一老一小、独居老人户'),
  vulnerableVisited: count('其中本季度已走访'),
})
const WorkerProgress = Type.Object({
  quarter: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }), label: Type.String() }),
  grids: Type.Array(GridProgress),
})
const RegionQuery = Type.Object({ regionId: Type.Optional(RegionId) })
const TAGS = ['覆盖率']

export default async function coverageRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const coverage = services.coverage

  app.get('/api/coverage', {
    schema: {
      tags: TAGS,
      summary: '入户覆盖情况：本区域一行，下级区域各一行',
      querystring: RegionQuery,
      response: { 200: Type.Object({ region: CoverageRow, children: Type.Array(CoverageRow) }), ...COMMON_ERRORS },
    },
  }, (req) => coverage.report(callerOf(req), req.query.regionId))

  app.get('/api/coverage/my-grids', {
    schema: {
      tags: TAGS,
      summary: '网格员本人负责的网格：本季度已走访、已签承诺书、一老一小已走访户数，及网格总户数',
      response: { 200: WorkerProgress, ...COMMON_ERRORS },
    },
    preHandler: app.requireRole('grid_worker'),
  }, (req) => coverage.workerProgress(callerOf(req)))

  app.get('/api/coverage/gaps', {
    schema: {
      tags: TAGS,
      summary: '从未走访的住户（姓名、电话脱敏）',
      querystring: Type.Object({ regionId: Type.Optional(RegionId), ...PageQuery }),
      response: { 200: Type.Object({ items: Type.Array(HouseholdSummary), total: Type.Integer() }), ...COMMON_ERRORS },
    },
  }, (req) => coverage.gaps(callerOf(req), req.query))

  app.get('/api/coverage/gaps.xlsx', {
    schema: {
      tags: TAGS,
      summary: '导出未走访住户清单 (.xlsx)',
      querystring: RegionQuery,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '.xlsx 文件' }), ...COMMON_ERRORS },
    },
  }, async (req, reply) => {
    const file = await coverage.gapsSheet(callerOf(req), req.query.regionId)
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="gaps.xlsx"; filename*=UTF-8''${encodeURIComponent('未走访住户.xlsx')}`)
      .send(file)
  })
}
