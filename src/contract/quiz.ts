import { Type, type Static } from 'typebox'
import { FRAUD_TYPE_KEYS, FRAUD_TYPES } from '../core/fraud-types'
import {
  MAX_CHOICE_OPTIONS, MAX_EXPLANATION_LENGTH, MAX_OPTION_LENGTH, MAX_STEM_LENGTH, QUESTION_DIFFICULTIES, QUESTION_KINDS,
} from '../core/questions'
import { Page, PageQuery, PlainText, RegionId, Uuid } from './common'

/**
 * The question bank and the daily quiz. Dates are YYYY-MM-DD in Asia/Shanghai. A question's request is checked for
 * shape and size only: option counts per kind, answers in range, blank texts and the fraud type are checked by
 * src/core/questions.ts, in Chinese.
 */

const FRAUD_TYPE_LIST = FRAUD_TYPES.map((t) => `${t.key}（${t.name}）`).join('、')
const QuestionKind = Type.Enum(QUESTION_KINDS)
const FraudType = Type.Enum(FRAUD_TYPE_KEYS, { description: `诈骗类型：${FRAUD_TYPE_KEYS.join('、')}` })
const QuizDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（北京时间）' })
const Iso = Type.String({ format: 'date-time' })
const ById = Type.Object({ id: Uuid })

// ---- Question bank ----------------------------------------------------------------------------------------------

export const QuizQuestionInput = Type.Object({
  kind: Type.String({ maxLength: 20, description: '题型：single 单选、multiple 多选、true_false 判断' }),
  stem: PlainText({ maxLength: MAX_STEM_LENGTH * 2, description: '题干' }),
  options: Type.Array(PlainText({ maxLength: MAX_OPTION_LENGTH * 2 }), {
    maxItems: MAX_CHOICE_OPTIONS * 2, description: '选项；判断题固定为 ["正确","错误"]',
  }),
  answer: Type.Array(Type.Integer(), { maxItems: MAX_CHOICE_OPTIONS * 2, description: '正确选项的序号，从 0 开始' }),
  explanation: PlainText({ maxLength: MAX_EXPLANATION_LENGTH * 2, description: '答案解析，交卷后展示' }),
  fraudType: Type.String({ maxLength: 40, description: `诈骗类型：${FRAUD_TYPE_LIST}` }),
  difficulty: Type.Integer({ description: '难度 1–3' }),
  active: Type.Boolean({ description: '是否启用（停用的题不会出现在每日答题中）' }),
})
export type QuizQuestionInput = Static<typeof QuizQuestionInput>

export const QuizQuestion = Type.Object({
  ...QuizQuestionInput.properties,
  kind: QuestionKind,
  stem: Type.String(),
  options: Type.Array(Type.String()),
  explanation: Type.String(),
  fraudType: FraudType,
  difficulty: Type.Enum(QUESTION_DIFFICULTIES, { description: '难度 1–3' }),
  id: Type.String(),
  updatedAt: Iso,
})
export type QuizQuestion = Static<typeof QuizQuestion>

export const QuestionQuery = Type.Object({
  fraudType: Type.Optional(Type.String({ maxLength: 40, description: '只看这一类诈骗的题' })),
  q: Type.Optional(PlainText({ maxLength: 50, description: '题干中的关键字' })),
  ...PageQuery,
})
export type QuestionQuery = Static<typeof QuestionQuery>

/** All or nothing: per-row problems in Chinese, row numbers as the spreadsheet shows them; nothing imported when any. */
export const QuestionImportResult = Type.Object({
  imported: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() })),
})
export type QuestionImportResult = Static<typeof QuestionImportResult>

// ---- Daily quiz -------------------------------------------------------------------------------------------------

/** A question's verdict, right option and explanation, shown once it has been answered and never before. */
export const AnswerReveal = Type.Object({
  questionId: Type.String(), chosen: Type.Array(Type.Integer()), answer: Type.Array(Type.Integer()),
  correct: Type.Boolean(), late: Type.Boolean({ description: '超时作答，按答错计' }), explanation: Type.String(),
})
export type AnswerReveal = Static<typeof AnswerReveal>

/** A question as the quiz shows it: never its answer or explanation before it has been answered. */
export const PaperQuestion = Type.Object({ id: Type.String(), kind: QuestionKind, stem: Type.String(), options: Type.Array(Type.String()), fraudType: FraudType })
export type PaperQuestion = Static<typeof PaperQuestion>

/** What the paper shows; the response schema drops anything else, so no answer can slip out by mistake. */
export const QuizPaper = Type.Object({
  attemptId: Type.String(),
  token: Type.String({ description: '答题凭证：提交时原样带回' }),
  quizDate: Type.String(),
  questions: Type.Array(PaperQuestion),
  secondsPerQuestion: Type.Union([Type.Integer(), Type.Null()], { description: '每题限时（秒）；关怀模式不限时，为 null' }),
  startedAt: Iso,
  revealed: Type.Array(AnswerReveal, { description: '继续答题时，已作答的题目及其答案与解析' }),
})
export type QuizPaper = Static<typeof QuizPaper>

/** 关怀模式 is declared when the day's quiz starts (or resumes) and recorded on the attempt: no time limit per question. */
export const QuizStart = Type.Object({
  careMode: Type.Optional(Type.Boolean({ description: '关怀模式：本日答题不限每题时间（当天有效）' })),
})
export type QuizStart = Static<typeof QuizStart>

const Chosen = Type.Array(Type.Integer({ minimum: 0, maximum: 9 }), { maxItems: 10 })
const Seconds = Type.Number({ minimum: 0, maximum: 86400, description: '本题用时（秒），由小程序计时' })
const AttemptToken = Type.String({ minLength: 1, maxLength: 100 })

/** One answer, given as soon as the resident confirms it; the next question is answered after it. */
export const QuizAnswer = Type.Object({ attemptId: Uuid, token: AttemptToken, questionId: Uuid, chosen: Chosen, seconds: Seconds })
export type QuizAnswer = Static<typeof QuizAnswer>

export const QuizSubmission = Type.Object({
  attemptId: Uuid,
  token: AttemptToken,
  answers: Type.Array(Type.Object({ questionId: Uuid, chosen: Chosen, seconds: Seconds }), { minItems: 1, maxItems: 20, description: '每题一条，按试卷顺序' }),
})
export type QuizSubmission = Static<typeof QuizSubmission>

export const QuestionOutcome = Type.Object({
  questionId: Type.String(), stem: Type.String(), options: Type.Array(Type.String()), chosen: Type.Array(Type.Integer()), answer: Type.Array(Type.Integer()),
  correct: Type.Boolean(), late: Type.Boolean({ description: '超时作答，按答错计' }), explanation: Type.String(),
})
export type QuestionOutcome = Static<typeof QuestionOutcome>

export const QuizResult = Type.Object({
  quizDate: Type.String(),
  correct: Type.Integer(),
  total: Type.Integer(),
  score: Type.Integer(),
  streak: Type.Integer({ description: '连续答题天数' }),
  outcomes: Type.Array(QuestionOutcome),
})
export type QuizResult = Static<typeof QuizResult>

export const QuizStanding = Type.Object({
  streak: Type.Integer(),
  bestScore: Type.Union([Type.Integer(), Type.Null()]),
  today: Type.Object({ submitted: Type.Boolean(), score: Type.Union([Type.Integer(), Type.Null()]) }),
  history: Type.Array(Type.Object({ quizDate: Type.String(), score: Type.Integer() })),
})
export type QuizStanding = Static<typeof QuizStanding>

/** Villages of the caller's town ranked by average score; no person is named. */
export const VillageLeaderboard = Type.Object({
  date: Type.String(),
  villages: Type.Array(Type.Object({ villageId: Type.String(), villageName: Type.String(), participants: Type.Integer(), averageScore: Type.Number() })),
})
export type VillageLeaderboard = Static<typeof VillageLeaderboard>

export const FlaggedAttempt = Type.Object({
  attemptId: Type.String(),
  quizDate: Type.String(),
  villageName: Type.Union([Type.String(), Type.Null()]),
  userName: Type.String(),
  score: Type.Union([Type.Integer(), Type.Null()]),
  reasons: Type.Array(Type.String()),
})
export type FlaggedAttempt = Static<typeof FlaggedAttempt>

export const LeaderboardQuery = Type.Object({ villageId: Type.Optional(RegionId), date: Type.Optional(QuizDate) })
export const FlaggedQuery = Type.Object({ regionId: Type.Optional(RegionId), from: Type.Optional(QuizDate), to: Type.Optional(QuizDate) })
export type FlaggedQuery = Static<typeof FlaggedQuery>

export const quizEndpoints = {
  'GET /api/questions': { query: QuestionQuery, response: Page(QuizQuestion) },
  'POST /api/questions': { body: QuizQuestionInput, response: QuizQuestion },
  'PUT /api/questions/:id': { params: ById, body: QuizQuestionInput, response: QuizQuestion },
  'POST /api/quiz/today': { body: QuizStart, response: QuizPaper },
  'POST /api/quiz/today/answer': { body: QuizAnswer, response: AnswerReveal },
  'POST /api/quiz/today/submit': { body: QuizSubmission, response: QuizResult },
  'GET /api/quiz/me': { response: QuizStanding },
  'GET /api/quiz/leaderboard': { query: LeaderboardQuery, response: VillageLeaderboard },
  'GET /api/quiz/flagged': { query: FlaggedQuery, response: Type.Array(FlaggedAttempt) },
}
