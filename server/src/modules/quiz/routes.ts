import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'

const TAGS = ['每日答题']
const QUIZ_ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse }

export default async function quizRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const quiz = services.quiz
  // Limited per user by the quizCalls policy (plugins/rate-limits.ts), counted in the database on PostgreSQL.
  app.post('/api/quiz/today', {
    schema: {
      tags: TAGS, summary: '开始或继续今天的答题（题目不含答案）', ...contractSchema('POST /api/quiz/today', QUIZ_ERRORS),
    },
    // A client from before 关怀模式 was declared here posts no body at all.
    preValidation: async (req) => { req.body ??= {} },
  }, (req) => quiz.today(callerOf(req), req.body))

  app.post('/api/quiz/today/answer', {
    schema: {
      tags: TAGS, summary: '提交一道题的答案（提交后不可更改），返回对错、正确答案与解析',
      ...contractSchema('POST /api/quiz/today/answer', QUIZ_ERRORS),
    },
  }, (req) => quiz.answer(callerOf(req), req.body))

  app.post('/api/quiz/today/submit', {
    schema: { tags: TAGS, summary: '提交今天的答案，由服务器评分，返回答案与解析', ...contractSchema('POST /api/quiz/today/submit', QUIZ_ERRORS) },
  }, (req) => quiz.submit(callerOf(req), req.body))

  app.get('/api/quiz/me', {
    schema: { tags: TAGS, summary: '我的连续答题天数、最好成绩和答题记录', ...contractSchema('GET /api/quiz/me', QUIZ_ERRORS) },
  }, (req) => quiz.standing(callerOf(req)))

  app.get('/api/quiz/leaderboard', {
    schema: {
      tags: TAGS,
      summary: '本镇各村（社区）某天的平均得分排行（不含个人信息）',
      ...contractSchema('GET /api/quiz/leaderboard', QUIZ_ERRORS),
    },
  }, (req) => quiz.leaderboard(callerOf(req), req.query.villageId, req.query.date))

  app.get('/api/quiz/flagged', {
    schema: {
      tags: TAGS,
      summary: '辖区内被标记为疑似作弊的答题（默认近 30 天）',
      ...contractSchema('GET /api/quiz/flagged'),
    },
  }, (req) => quiz.flagged(callerOf(req), req.query))
}
