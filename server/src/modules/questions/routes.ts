import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { MAX_IMPORT_QUESTIONS, QUESTION_IMPORT_COLUMNS } from '#core/questions'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { acceptImportUploads, uploadedFile } from '../../plugins/import-upload'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'
import { QuestionImportResult } from '#contract/quiz'
import { sendXlsx, XlsxFile } from '../../plugins/xlsx-download'

const TAGS = ['题库']

/** The uploaded file from the `file` field; anything else is an unreadable upload, never a server error. */
export default async function questionRoutes(fastify: FastifyInstance, { ctx, services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const questions = services.questions
  await acceptImportUploads(app, ctx.config.imports)

  app.get('/api/questions', {
    schema: {
      tags: TAGS,
      summary: '题库列表（含答案），最近修改的在前',
      ...contractSchema('GET /api/questions'),
    },
  }, (req) => questions.list(callerOf(req), req.query))

  app.post('/api/questions', {
    schema: { tags: TAGS, summary: '新增题目', ...contractSchema('POST /api/questions') },
  }, (req) => questions.create(callerOf(req), req.body))

  app.put('/api/questions/:id', {
    schema: {
      tags: TAGS,
      summary: '修改题目（停用请把 active 设为 false）',
      ...contractSchema('PUT /api/questions/:id'),
    },
  }, (req) => questions.update(callerOf(req), req.params.id, req.body))

  app.post('/api/questions/import', {
    schema: {
      tags: TAGS,
      summary: `导入题目（.xlsx：${QUESTION_IMPORT_COLUMNS.join(' | ')}）`,
      description: `multipart/form-data，字段 file，不超过 5 MB、${MAX_IMPORT_QUESTIONS} 道题。任何一行有错都不导入（422，details 为各行错误），否则在一个事务中全部导入。`,
      consumes: ['multipart/form-data'],
      response: { 200: QuestionImportResult, ...COMMON_ERRORS, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
    },
  }, async (req) => {
    const { buffer, fileName } = await uploadedFile(req)
    return questions.import(callerOf(req), buffer, fileName)
  })

  app.get('/api/questions/template.xlsx', {
    schema: {
      tags: TAGS,
      summary: '下载题目导入模板（.xlsx）',
      response: { 200: XlsxFile, ...COMMON_ERRORS },
    },
  }, async (req, reply) => {
    return sendXlsx(reply, await questions.template(callerOf(req)), { ascii: 'question-template.xlsx', chinese: '题目导入模板.xlsx' })
  })
}
