import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema } from '../../plugins/schemas'
import { ReportQuery } from '#contract/reports'
import { sendXlsx, XlsxFile } from '../../plugins/xlsx-download'

const TAGS = ['统计通报']

export default async function reportsRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const reports = services.reports

  app.get('/api/reports', {
    schema: {
      tags: TAGS, summary: '按日、周、月通报：各项工作数据、与上期对比、下级区域明细和可转发的通报文字',
      ...contractSchema('GET /api/reports'),
    },
  }, (req) => reports.report(callerOf(req), req.query))

  app.get('/api/reports/export.xlsx', {
    schema: {
      tags: TAGS, summary: '导出通报 (.xlsx)：每项工作一张工作表',
      querystring: ReportQuery,
      response: { 200: XlsxFile, ...COMMON_ERRORS },
    },
  }, async (req, reply) => {
    const { file, filename } = await reports.sheet(callerOf(req), req.query)
    return sendXlsx(reply, file, { ascii: 'report.xlsx', chinese: filename })
  })

  app.get('/api/reports/summary.txt', {
    schema: {
      tags: TAGS, summary: '通报文字（可直接粘贴到微信群）',
      querystring: ReportQuery,
      response: { 200: Type.String(), ...COMMON_ERRORS },
    },
  }, async (req, reply) => reply.header('content-type', 'text/plain; charset=utf-8').send(await reports.summary(callerOf(req), req.query)))
}
