import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { acceptImportUploads, uploadedFile } from '../../plugins/import-upload'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'
import { RegionImportResult } from '#contract/regions'
import { regionTemplate } from './sheet'
import { sendXlsx, XlsxFile } from '../../plugins/xlsx-download'

const TAGS = ['区域']

/** The uploaded .xlsx from the `file` field; anything else is an unreadable upload, never a server error. */
export default async function regionRoutes(fastify: FastifyInstance, { ctx, services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const regions = services.regions
  await acceptImportUploads(app, ctx.config.imports)

  app.get('/api/regions/tree', {
    schema: {
      tags: TAGS,
      summary: '辖区内的区域树及各级住户数',
      ...contractSchema('GET /api/regions/tree'),
    },
  }, async (req) => ({ nodes: await regions.tree(callerOf(req), req.query.rootId) }))

  app.post('/api/regions/import', {
    schema: {
      tags: TAGS,
      summary: '导入区域表（.xlsx：编码、名称、级别、上级编码）',
      description: 'multipart/form-data，字段 file，不超过 5 MB。dryRun=true 只校验不写入；正式导入时任何一行有错都不写入（422，details 为各行错误）。',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }),
      response: { 200: RegionImportResult, ...COMMON_ERRORS, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
    },
    preHandler: app.requireRole('admin'),
  }, async (req) => {
    const { buffer, fileName } = await uploadedFile(req)
    return regions.importSheet(callerOf(req), buffer, { dryRun: req.query.dryRun, fileName })
  })

  app.get('/api/regions/import-template', {
    schema: {
      tags: TAGS,
      summary: '下载区域导入模板（.xlsx）',
      response: { 200: XlsxFile, ...COMMON_ERRORS },
    },
    preHandler: app.requireRole('admin'),
  }, async (_req, reply) => {
    return sendXlsx(reply, await regionTemplate(), { ascii: 'region-template.xlsx', chinese: '区域导入模板.xlsx' })
  })
}
