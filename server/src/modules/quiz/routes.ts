import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { FRAUD_TYPE_KEYS } from '#core/fraud-types'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { RegionId, Uuid } from '#contract/common'

const TAGS = ['每日答题']
const QuizDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（北京时间）' })
const Kind = Type.Enum(['single', 'multiple', 'true_false'])
const FraudType = Type.String({ description: `诈骗类型：${FRAUD_TYPE_KEYS.join('、')}` })
const QUIZ_ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse }

const AnswerReveal = Type.Object({
  questionId: Type.String(), chosen: Type.Array(Type.Integer()), answer: Type.Array(Type.Integer()),
  correct: Type.Boolean(), late: Type.Boolean({ description: '超时作答，按答错计' }), explanation: Type.String(),
})

/** What the paper shows; the response schema drops anything else, so no answer can slip out by mistake. */
const QuizPaper = Type.Object({
  attemptId: Type.String(),
  token: Type.String({ description: '答题凭证：提交时原样带回' }),
  quizDate: Type.String(),
  questions: Type.Array(Type.Object({ id: Type.String(), kind: Kind, stem: Type.String(), options: Type.Array(Type.String()), fraudType: FraudType })),
  secondsPerQuestion: Type.Union([Type.Integer(), Type.Null()], { description: '每题限时（秒）；关怀模式不限时，为 null' }),
  startedAt: Type.String({ format: 'date-time' }),
  revealed: Type.Array(AnswerReveal, { description: '继续答题时，已作答的题目及其答案与解析' }),
})

const QuizStart = Type.Object({
  careMode: Type.Optional(Type.Boolean({ description: '关怀模式：本日答题不限每题时间（当天有效）' })),
})

const QuizAnswer = Type.Object({
  attemptId: Uuid,
  token: Type.String({ minLength: 1, maxLength: 100 }),
  questionId: Uuid,
  chosen: Type.Array(Type.Integer({ minimum: 0, maximum: 9 }), { maxItems: 10 }),
  seconds: Type.Number({ minimum: 0, maximum: 86400, description: '本题用时（秒），由小程序计时' }),
})

const QuizSubmission = Type.Object({
  attemptId: Uuid,
  token: Type.String({ minLength: 1, maxLength: 100 }),
  answers: Type.Array(Type.Object({
    questionId: Uuid,
    chosen: Type.Array(Type.Integer({ minimum: 0, maximum: 9 }), { maxItems: 10 }),
    seconds: Type.Number({ minimum: 0, maximum: 86400, description: '本题用时（秒），由小程序计时' }),
  }), { minItems: 1, maxItems: 20 }),
})

const QuizResult = Type.Object({
  quizDate: Type.String(),
  correct: Type.Integer(),
  total: Type.Integer(),
  score: Type.Integer(),
  streak: Type.Integer({ description: '连续答题天数' }),
  outcomes: Type.Array(Type.Object({
    questionId: Type.String(), stem: Type.String(), options: Type.Array(Type.String()), chosen: Type.Array(Type.Integer()), answer: Type.Array(Type.Integer()),
    correct: Type.Boolean(), late: Type.Boolean({ description: '超时作答，按答错计' }), explanation: Type.String(),
  })),
})

const QuizStanding = Type.Object({
  streak: Type.Integer(),
  bestScore: Type.Union([Type.Integer(), Type.Null()]),
  today: Type.Object({ submitted: Type.Boolean(), score: Type.Union([Type.Integer(), Type.Null()]) }),
  history: Type.Array(Type.Object({ quizDate: Type.String(), score: Type.Integer() })),
})

const VillageLeaderboard = Type.Object({
  date: Type.String(),
  villages: Type.Array(Type.Object({ villageId: Type.String(), villageName: Type.String(), participants: Type.Integer(), averageScore: Type.Number() })),
})

const FlaggedAttempt = Type.Object({
  attemptId: Type.String(),
  quizDate: Type.String(),
  villageName: Type.Union([Type.String(), Type.Null()]),
  userName: Type.String(),
  score: Type.Union([Type.Integer(), Type.Null()]),
  reasons: Type.Array(Type.String()),
})

export default async function quizRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const quiz = services.quiz
  // Limited per user by the quizCalls policy (plugins/rate-limits.ts), counted in the database on PostgreSQL.
  app.post('/api/quiz/today', {
    schema: {
      tags: TAGS, summary: '开始或继续今天的答题（题目不含答案）', body: QuizStart, response: { 200: QuizPaper, ...QUIZ_ERRORS },
    },
    // A client from before 关怀模式 was declared here posts no body at all.
    preValidation: async (req) => { req.body ??= {} },
  }, (req) => quiz.today(callerOf(req), req.body))

  app.post('/api/quiz/today/answer', {
    schema: {
      tags: TAGS, summary: '提交一道题的答案（提交后不可更改），返回对错、正确答案与解析', body: QuizAnswer,
      response: { 200: AnswerReveal, ...QUIZ_ERRORS },
    },
  }, (req) => quiz.answer(callerOf(req), req.body))

  app.post('/api/quiz/today/submit', {
    schema: { tags: TAGS, summary: '提交今天的答案，由服务器评分，返回答案与解析', body: QuizSubmission, response: { 200: QuizResult, ...QUIZ_ERRORS } },
  }, (req) => quiz.submit(callerOf(req), req.body))

  app.get('/api/quiz/me', {
    schema: { tags: TAGS, summary: '我的连续答题天数、最好成绩和答题记录', response: { 200: QuizStanding, ...QUIZ_ERRORS } },
  }, (req) => quiz.standing(callerOf(req)))

  app.get('/api/quiz/leaderboard', {
    schema: {
      tags: TAGS,
      summary: '本镇各村（社区）某天的平均得分排行（不含个人信息）',
      querystring: Type.Object({ villageId: Type.Optional(RegionId), date: Type.Optional(QuizDate) }),
      response: { 200: VillageLeaderboard, ...QUIZ_ERRORS },
    },
  }, (req) => quiz.leaderboard(callerOf(req), req.query.villageId, req.query.date))

  app.get('/api/quiz/flagged', {
    schema: {
      tags: TAGS,
      summary: '辖区内被标记为疑似作弊的答题（默认近 30 天）',
      querystring: Type.Object({ regionId: Type.Optional(RegionId), from: Type.Optional(QuizDate), to: Type.Optional(QuizDate) }),
      response: { 200: Type.Array(FlaggedAttempt), ...COMMON_ERRORS },
    },
  }, (req) => quiz.flagged(callerOf(req), req.query))
}
