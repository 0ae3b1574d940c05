import type { FraudTypeKey } from './fraud-types'

/**
 * API shapes of the residents' capability (issue 6): knowledge library, question bank, daily quiz, prizes.
 * Server TypeBox schemas mirror these. Times are ISO 8601; dates YYYY-MM-DD in Asia/Shanghai.
 *
 * Routes:
 *   Knowledge, public (no sign-in):
 *     GET  /api/public/knowledge                      → FraudTypeCard[]
 *     GET  /api/public/knowledge/:fraudType           → FraudTypeArticle (with linked bulletins)
 *   Knowledge editing, action knowledge.write:
 *     PUT  /api/knowledge/:fraudType                  FraudTypeArticleInput → FraudTypeArticle
 *   扫码学习 posters for events, action activity.write:
 *     GET  /api/knowledge/posters?fraudTypes=a,b&path=true → LearnPosterSheet
 *   Printed poster QR addresses (no sign-in; redirect into the H5 learn page):
 *     GET  /k/:fraudType                              → 302 /#/pages/learn/index?type=<fraudType>
 *     GET  /k                                         → 302 /#/pages/learn/index (the library in learning order)
 *   Question bank, action quiz.manage:
 *     GET  /api/questions?fraudType&q&page&pageSize   → Page<QuizQuestion>
 *     POST /api/questions                             QuizQuestionInput → QuizQuestion
 *     PUT  /api/questions/:id                         QuizQuestionInput → QuizQuestion
 *     POST /api/questions/import                      multipart file (.xlsx) → QuestionImportResult (all or nothing)
 *     GET  /api/questions/template.xlsx               → the import template
 *     GET  /api/quiz/flagged?regionId&from&to         → FlaggedAttempt[]
 *   Daily quiz, signed in (any role; residents mostly):
 *     POST /api/quiz/today                            QuizStart → QuizPaper (starts or resumes today's attempt; no answers in it)
 *     POST /api/quiz/today/answer                     QuizAnswer → AnswerReveal (that one answer is final; its right option and explanation now)
 *     POST /api/quiz/today/submit                     QuizSubmission → QuizResult (explanations and answers now)
 *     GET  /api/quiz/me                               → QuizStanding (streak, today's result if any, history)
 *     GET  /api/quiz/leaderboard?villageId&date       → VillageLeaderboard (no personal data)
 *   Prizes:
 *     GET  /api/prizes                                → PrizeOffer[] (for the caller: eligibility and reasons)
 *     POST /api/prizes/:id/claims                     → PrizeClaim (atomic: stock and per-user limit)
 *     GET  /api/prizes/my-claims                      → PrizeClaim[]
 *     GET  /api/prizes/manage?regionId                → PrizeAdminItem[]        (action prize.manage)
 *     POST /api/prizes                                PrizeInput → PrizeAdminItem (action prize.manage)
 *     PUT  /api/prizes/:id                            PrizeInput → PrizeAdminItem (action prize.manage)
 *     GET  /api/prize-claims/:code                    → RedemptionView            (action prize.redeem)
 *     POST /api/prize-claims/:code/redeem             → RedemptionView            (action prize.redeem; exactly once)
 */

export interface FraudTypeCard {
  fraudType: FraudTypeKey
  name: string
  summary: string
}

export interface FraudTypeArticleInput {
  summary: string
  signs: string[]
  scripts: string[]
  advice: string[]
}

export interface FraudTypeArticle extends FraudTypeArticleInput {
  fraudType: FraudTypeKey
  name: string
  updatedAt: string
  /** Published bulletins with a case of this type, newest first (at most 5). */
  relatedBulletins: { id: string; title: string; bulletinDate: string }[]
}

/** One printed poster: a fraud type's first tips, or the learning path through all types and the daily quiz. */
export interface LearnPoster {
  kind: 'fraud_type' | 'path'
  fraudType: FraudTypeKey | null
  title: string
  summary: string
  tips: string[]
  /** What the QR code encodes: PUBLIC_BASE_URL/k/<type>, or PUBLIC_BASE_URL/k for the path. */
  url: string
  qrSvg: string
}

export interface LearnPosterSheet {
  station: string
  hotline: string
  /** Printed under every QR code. */
  caption: string
  posters: LearnPoster[]
}

export type QuestionKind = 'single' | 'multiple' | 'true_false'

export interface QuizQuestionInput {
  kind: QuestionKind
  stem: string
  options: string[]
  /** Indexes of the correct options. */
  answer: number[]
  explanation: string
  fraudType: FraudTypeKey
  difficulty: 1 | 2 | 3
  active: boolean
}

export interface QuizQuestion extends QuizQuestionInput {
  id: string
  updatedAt: string
}

export interface QuestionImportResult {
  imported: number
  /** Per-row problems in Chinese, row numbers as the spreadsheet shows them; nothing imported when any. */
  errors: { row: number; message: string }[]
}

/** A question as the quiz shows it: never its answer or explanation before it has been answered. */
export interface PaperQuestion {
  id: string
  kind: QuestionKind
  stem: string
  options: string[]
  fraudType: FraudTypeKey
}

/** 关怀模式 is declared when the day's quiz starts (or resumes) and recorded on the attempt: no time limit per question. */
export interface QuizStart {
  careMode?: boolean
}

export interface QuizPaper {
  attemptId: string
  /** Must come back with each answer and the submission. */
  token: string
  quizDate: string
  questions: PaperQuestion[]
  /** Seconds allowed per question; null in 关怀模式 (no countdown). */
  secondsPerQuestion: number | null
  startedAt: string
  /** Answers already given to the first questions, in paper order, when the attempt is resumed. */
  revealed: AnswerReveal[]
}

/** One answer, given as soon as the resident confirms it; the next question is answered after it. */
export interface QuizAnswer {
  attemptId: string
  token: string
  questionId: string
  chosen: number[]
  seconds: number
}

/** A question's verdict, right option and explanation, shown once it has been answered and never before. */
export interface AnswerReveal {
  questionId: string
  chosen: number[]
  answer: number[]
  correct: boolean
  /** Answered after the time limit: counted wrong. */
  late: boolean
  explanation: string
}

export interface QuizSubmission {
  attemptId: string
  token: string
  /** One entry per question, in paper order. */
  answers: { questionId: string; chosen: number[]; seconds: number }[]
}

export interface QuestionOutcome {
  questionId: string
  stem: string
  options: string[]
  chosen: number[]
  answer: number[]
  correct: boolean
  /** Answered after the time limit: counted wrong. */
  late: boolean
  explanation: string
}

export interface QuizResult {
  quizDate: string
  correct: number
  total: number
  score: number
  streak: number
  outcomes: QuestionOutcome[]
}

export interface QuizStanding {
  streak: number
  bestScore: number | null
  today: { submitted: boolean; score: number | null }
  history: { quizDate: string; score: number }[]
}

export interface VillageLeaderboard {
  date: string
  /** Villages of the caller's town ranked by average score; no person is named. */
  villages: { villageId: string; villageName: string; participants: number; averageScore: number }[]
}

export interface FlaggedAttempt {
  attemptId: string
  quizDate: string
  villageName: string | null
  userName: string
  score: number | null
  reasons: string[]
}

export interface PrizeInput {
  regionId: string
  name: string
  description: string
  stock: number
  perUserLimit: number
  minScore: number | null
  minStreak: number | null
  validFrom: string
  validTo: string
  pickupPlace: string
}

export interface PrizeAdminItem extends PrizeInput {
  id: string
  granted: number
  redeemed: number
}

export interface PrizeOffer {
  id: string
  name: string
  description: string
  remaining: number
  pickupPlace: string
  validTo: string
  /** What the caller must do first, in Chinese; empty when they may claim now. */
  unmet: string[]
  claimedByMe: number
  perUserLimit: number
}

export interface PrizeClaim {
  id: string
  prizeId: string
  prizeName: string
  code: string
  pickupPlace: string
  claimedAt: string
  redeemedAt: string | null
}

export interface RedemptionView {
  code: string
  prizeName: string
  /** Masked. */
  claimantName: string
  claimedAt: string
  redeemedAt: string | null
  redeemedByName: string | null
}
