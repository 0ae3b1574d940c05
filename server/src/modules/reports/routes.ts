import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ACTIVITY_KINDS } from '#core/activities'
import { REPORT_PERIODS } from '#core/report-api'
import { RISK_LEVELS } from '#core/warning-api'
import type { RouteDeps } from '../../composition'
import { XLSX_MIME } from '../../lib/sheet'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { RegionId, RegionLevelName } from '#contract/common'

const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description })
const count = () => Type.Integer({ minimum: 0 })
const ReportQuery = Type.Object({
  regionId: RegionId,
  period: Type.Enum([...REPORT_PERIODS], { description: 'day 日 / week ISO周 / month 月 / custom 自定义' }),
  date: Day('所在日期（日/周/月）或开始日期（自定义），北京时间'),
  to: Type.Optional(Day('结束日期（仅自定义，含当天，最长 366 天）')),
})

const Period = Type.Object({ kind: Type.Enum([...REPORT_PERIODS]), from: Type.String(), to: Type.String(), label: Type.String() })
const Sections = Type.Object({
  bulletins: Type.Object({ published: count(), opens: count(), uniqueReaders: count(), groupsReached: count(), groupsRegistered: count() }),
  doorToDoor: Type.Object({
    households: count(), householdsVisited: count(), visits: count(), coveredAtEnd: count(), coveredAtStart: count(),
    pledgesSigned: count(), appInstalled: count(), callWarningOn: count(),
  }),
  quiz: Type.Object({ participants: count(), attempts: count(), averageScore: Type.Union([Type.Number(), Type.Null()]), flagged: count() }),
  warnings: Type.Object({
    received: count(), handledInTime: count(),
    outcomes: Type.Object({ dissuaded: count(), defrauded: count(), unreachable: count(), falseAlarm: count(), open: count() }),
    lossPrevented: Type.Number(), lossSuffered: Type.Number(),
    byRisk: Type.Array(Type.Object({ riskLevel: Type.Enum([...RISK_LEVELS]), received: count(), handledInTime: count() })),
  }),
  activities: Type.Object({
    activities: count(), attendance: count(),
    byKind: Type.Array(Type.Object({ kind: Type.Enum(ACTIVITY_KINDS.map((k) => k.key)), activities: count(), attendance: count() })),
  }),
})
const Report = Type.Object({
  region: Type.Object({ id: Type.String(), name: Type.String(), level: RegionLevelName }),
  period: Period,
  previousPeriod: Period,
  current: Sections,
  previous: Sections,
  comparisons: Type.Array(Type.Object({
    key: Type.String(), label: Type.String(), current: Type.Number(), previous: Type.Number(), change: Type.Number(),
    changePercent: Type.Union([Type.Number(), Type.Null()]),
  })),
  children: Type.Array(Type.Object({
    regionId: Type.String(), regionName: Type.String(), households: count(), householdsVisited: count(), pledgesSigned: count(),
    warningsReceived: count(), activities: count(),
  })),
  summaryText: Type.String(),
  generatedAt: Type.String(),
})
const TAGS = ['统计通报']

export default async function reportsRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const reports = services.reports

  app.get('/api/reports', {
    schema: {
      tags: TAGS, summary: '按日、周、月通报：各项工作数据、与上期对比、下级区域明细和可转发的通报文字',
      querystring: ReportQuery,
      response: { 200: Report, ...COMMON_ERRORS },
    },
  }, (req) => reports.report(callerOf(req), req.query))

  app.get('/api/reports/export.xlsx', {
    schema: {
      tags: TAGS, summary: '导出通报 (.xlsx)：每项工作一张工作表',
      querystring: ReportQuery,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '.xlsx 文件' }), ...COMMON_ERRORS },
    },
  }, async (req, reply) => {
    const { file, filename } = await reports.sheet(callerOf(req), req.query)
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(file)
  })

  app.get('/api/reports/summary.txt', {
    schema: {
      tags: TAGS, summary: '通报文字（可直接粘贴到微信群）',
      querystring: ReportQuery,
      response: { 200: Type.String(), ...COMMON_ERRORS },
    },
  }, async (req, reply) => reply.header('content-type', 'text/plain; charset=utf-8').send(await reports.summary(callerOf(req), req.query)))
}
