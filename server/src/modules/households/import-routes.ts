import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { HOUSEHOLD_IMPORT_COLUMNS } from '#core/households'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { acceptImportUploads, uploadedFile } from '../../plugins/import-upload'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { householdTemplate } from './household-sheet'
import { HouseholdImportResult } from '#contract/households'
import { sendXlsx, XlsxFile } from '../../plugins/xlsx-download'

const TAGS = ['住户']

/** The uploaded file from the `file` field; anything else is an unreadable upload, never a server error. */
export default async function householdImportRoutes(fastify: FastifyInstance, { ctx, services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const importer = services.householdImport
  await acceptImportUploads(app, ctx.config.imports)

  app.post('/api/households/import', {
    schema: {
      tags: TAGS,
      summary: `导入住户（.xlsx 或 UTF-8 .csv：${HOUSEHOLD_IMPORT_COLUMNS.join(' | ')}）`,
      description: 'multipart/form-data，字段 file，不超过 5 MB、10,000 行。标签以“、”或“,”分隔。dryRun=true 只校验并预览前 20 行；正式导入时任何一行有错都不写入（422，details 为各行错误），否则在一个事务中全部写入。',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }),
      response: { 200: HouseholdImportResult, ...COMMON_ERRORS, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
    },
  }, async (req) => {
    const { buffer, fileName } = await uploadedFile(req, '.xlsx 或 .csv')
    return importer.run(callerOf(req), buffer, { dryRun: req.query.dryRun, fileName })
  })

  app.get('/api/households/import-template', {
    schema: {
      tags: TAGS,
      summary: '下载住户导入模板（.xlsx）',
      response: { 200: XlsxFile, ...COMMON_ERRORS },
    },
    preHandler: app.requireRole('admin', 'cadre', 'grid_worker'),
  }, async (_req, reply) => {
    return sendXlsx(reply, await householdTemplate(), { ascii: 'household-template.xlsx', chinese: '住户导入模板.xlsx' })
  })
}
