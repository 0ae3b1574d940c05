import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { acceptImportUploads, uploadedFile } from '../../plugins/import-upload'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, ErrorResponse, contractSchema } from '../../plugins/schemas'
import { WarningImportResult } from '#contract/warnings'
import { MAX_IMPORT_WARNINGS, WARNING_IMPORT_COLUMNS } from './warning-sheet'
import { sendXlsx, XlsxFile } from '../../plugins/xlsx-download'

const TAGS = ['预警劝阻']

/** The uploaded file from the `file` field; anything else is an unreadable upload, never a server error. */
export default async function warningRoutes(fastify: FastifyInstance, { ctx, services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const warnings = services.warnings
  await acceptImportUploads(app, ctx.config.imports)

  app.post('/api/warnings', {
    schema: { tags: TAGS, summary: '新建预警（不指定劝阻员时按辖区和在办数量自动分派）', ...contractSchema('POST /api/warnings') },
  }, (req) => warnings.create(callerOf(req), req.body))

  app.post('/api/warnings/import', {
    schema: {
      tags: TAGS,
      summary: `导入预警（.xlsx：${WARNING_IMPORT_COLUMNS.join(' | ')}）`,
      description: `multipart/form-data，字段 file，不超过 5 MB、${MAX_IMPORT_WARNINGS} 条。任何一行有错都不导入（422，details 为各行错误），否则在一个事务中全部导入并自动分派。`,
      consumes: ['multipart/form-data'],
      response: { 200: WarningImportResult, ...COMMON_ERRORS, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
    },
  }, async (req) => {
    const { buffer, fileName } = await uploadedFile(req)
    return warnings.import(callerOf(req), buffer, fileName)
  })

  app.get('/api/warnings/template.xlsx', {
    schema: {
      tags: TAGS, summary: '下载预警导入模板（.xlsx）',
      response: { 200: XlsxFile, ...COMMON_ERRORS },
    },
  }, async (req, reply) => {
    return sendXlsx(reply, await warnings.template(callerOf(req)), { ascii: 'warning-template.xlsx', chinese: '预警导入模板.xlsx' })
  })

  app.get('/api/warnings', {
    schema: {
      tags: TAGS, summary: '辖区内的预警：超时未处置的在前，其余按处置时限', ...contractSchema('GET /api/warnings'),
    },
  }, (req) => warnings.list(callerOf(req), req.query))

  app.get('/api/warnings/compliance', {
    schema: { tags: TAGS, summary: '时限达标情况', ...contractSchema('GET /api/warnings/compliance') },
  }, (req) => warnings.compliance(callerOf(req), req.query))

  app.get('/api/warnings/mine', {
    schema: {
      tags: TAGS, summary: '我的预警：在办的按时限排列，其后是近 7 天办结的', ...contractSchema('GET /api/warnings/mine'),
    },
  }, (req) => warnings.mine(callerOf(req)))

  app.get('/api/warnings/dissuaders', {
    schema: {
      tags: TAGS, summary: '可分派该区域预警的劝阻员及其在办数量', ...contractSchema('GET /api/warnings/dissuaders'),
    },
  }, (req) => warnings.dissuaders(callerOf(req), req.query.regionId))

  app.get('/api/warnings/:id', {
    schema: { tags: TAGS, summary: '预警详情（含处置记录）', ...contractSchema('GET /api/warnings/:id') },
  }, (req) => warnings.detail(callerOf(req), req.params.id))

  app.post('/api/warnings/:id/steps', {
    schema: {
      tags: TAGS, summary: '记录处置步骤（版本已变时 409 WARNING_STATE_CHANGED）',
      ...contractSchema('POST /api/warnings/:id/steps', { ...COMMON_ERRORS, 409: ErrorResponse }),
    },
  }, (req) => warnings.step(callerOf(req), req.params.id, req.body))

  app.put('/api/warnings/:id/assignee', {
    schema: { tags: TAGS, summary: '改派劝阻员', ...contractSchema('PUT /api/warnings/:id/assignee') },
  }, (req) => warnings.reassign(callerOf(req), req.params.id, req.body.assigneeId))

  app.post('/api/warnings/:id/reveal-phone', {
    schema: { tags: TAGS, summary: '查看完整号码（仅处置人，留痕）', ...contractSchema('POST /api/warnings/:id/reveal-phone') },
  }, (req) => warnings.revealPhone(callerOf(req), req.params.id))
}
