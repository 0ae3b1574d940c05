import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chinaDateOf, isCalendarDate } from '#core/bulletins'
import {
  answerFitsQuestion, answersFitPaper, drawQuestions, fairPlayFlags, finalAnswers, flagReasonLabel, judgeAnswer, quizHomeOf, QUESTIONS_PER_QUIZ,
  rankVillages, scoreQuiz, secondsPerQuestionFor, streakOf, type AnswerGiven, type KeyedQuestion,
} from '#core/quiz'
import type { AnswerReveal, FlaggedAttempt, QuizAnswer, QuizPaper, QuizResult, QuizStanding, QuizStart, QuizSubmission, VillageLeaderboard } from '#contract/quiz'
import type { FraudTypeKey } from '#core/fraud-types'
import { canActOn, scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, outOfScope } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import type { QuizRepo, PaperRow, StoredAttempt } from './repo'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}

/** Residents' own regions first: a cadre who is also a resident answers for the village they live in. */
const homePaths = (caller: SessionUser) =>
  [...caller.roles].sort((a, b) => Number(b.role === 'resident') - Number(a.role === 'resident')).map((r) => r.regionPath)

export class QuizService {
  constructor(private readonly ctx: AppContext, private readonly repo: QuizRepo) {}

  /**
   * Starts today's paper, or hands the same questions out again with a fresh token; answers stay on the server
   * until each question is answered. 关怀模式 declared here is recorded on the attempt.
   */
  async today(caller: SessionUser, start: QuizStart = {}): Promise<QuizPaper> {
    const now = this.ctx.now()
    const quizDate = chinaDateOf(now)
    const token = randomBytes(24).toString('base64url')
    const careMode = start.careMode === true
    let attempt = await this.repo.attemptOn(caller.id, quizDate)
    if (attempt?.submittedAt) throw new AppError('QUIZ_ALREADY_SUBMITTED', 409)
    if (attempt) {
      if (!(await this.repo.replaceToken(attempt.id, hashToken(token), careMode))) throw new AppError('QUIZ_ALREADY_SUBMITTED', 409)
      attempt = { ...attempt, careMode: attempt.careMode || careMode }
    } else {
      const home = quizHomeOf(homePaths(caller).slice(0, 1))
      if (!home) throw forbidden()
      const questionIds = drawQuestions(await this.repo.activeBank(), caller.id, quizDate)
      if (questionIds.length < QUESTIONS_PER_QUIZ) throw new AppError('QUIZ_NOT_ENOUGH_QUESTIONS', 503)
      attempt = await this.repo.startAttempt({
        ...home, userId: caller.id, quizDate, questionIds, tokenHash: hashToken(token), startedAt: now, careMode,
      })
      // A concurrent start of the same user won: hand its questions out under a token of our own.
      if (!tokenMatches(token, attempt.tokenHash) && !(await this.repo.replaceToken(attempt.id, hashToken(token), careMode))) {
        throw new AppError('QUIZ_ALREADY_SUBMITTED', 409)
      }
    }
    const questions = await this.repo.questions(attempt.questionIds)
    const limit = secondsPerQuestionFor(attempt.careMode)
    return {
      attemptId: attempt.id,
      token,
      quizDate,
      questions: questions.map((q) => ({ id: q.id, kind: q.kind, stem: q.stem, options: q.options, fraudType: q.fraudType as FraudTypeKey })),
      secondsPerQuestion: limit,
      startedAt: attempt.startedAt.toISOString(),
      revealed: attempt.answered.map((a, i) => revealOf(questions[i], a, limit)),
    }
  }

  /**
   * One answer, final from now on: the next unanswered question's verdict, right option and explanation. The same
   * answer sent again (a retry after a lost reply) gets the verdict already recorded, whatever it chooses now.
   */
  async answer(caller: SessionUser, given: QuizAnswer): Promise<AnswerReveal> {
    const attempt = await this.openAttempt(caller, given.attemptId, given.token)
    const questions = await this.repo.questions(attempt.questionIds)
    const limit = secondsPerQuestionFor(attempt.careMode)
    const earlier = attempt.answered.findIndex((a) => a.questionId === given.questionId.toLowerCase())
    if (earlier >= 0) return revealOf(questions[earlier], attempt.answered[earlier], limit)
    const position = attempt.answered.length
    const q = questions[position]
    if (!q || !answerFitsQuestion(keyed(q), given)) throw new AppError('QUIZ_ANSWERS_INVALID', 400)
    const answer = normalised(given)
    // Another request of this user answered first: read what stands now.
    if (!(await this.repo.recordAnswer(attempt.id, position, answer))) return this.answer(caller, given)
    return revealOf(q, answer, limit)
  }

  async submit(caller: SessionUser, submission: QuizSubmission): Promise<QuizResult> {
    const now = this.ctx.now()
    const attempt = await this.openAttempt(caller, submission.attemptId, submission.token)
    const questions = await this.repo.questions(attempt.questionIds)
    const paper = questions.map(keyed)
    if (questions.length !== attempt.questionIds.length || !answersFitPaper(paper, submission.answers)) throw new AppError('QUIZ_ANSWERS_INVALID', 400)

    const answers = finalAnswers(attempt.answered, submission.answers.map(normalised))
    const limit = secondsPerQuestionFor(attempt.careMode)
    const scored = scoreQuiz(paper, answers, limit)
    const flagReasons = fairPlayFlags(answers.map((a) => a.seconds), attempt.startedAt, now, limit)
    const recorded = await this.repo.recordScore({
      attemptId: attempt.id, answers: answers.map((a) => ({ ...a, chosen: [...a.chosen] })), correct: scored.correct, score: scored.score, flagReasons, submittedAt: now,
    })
    if (!recorded) throw new AppError('QUIZ_ALREADY_SUBMITTED', 409)
    const history = await this.repo.scoredHistory(caller.id)
    return {
      quizDate: attempt.quizDate,
      correct: scored.correct,
      total: scored.total,
      score: scored.score,
      streak: streakOf(history.map((h) => h.quizDate), attempt.quizDate),
      outcomes: scored.outcomes.map((o, i) => outcomeOf(questions[i], answers[i].chosen, o)),
    }
  }

  /** Today's attempt of this caller, not yet submitted, under the newest token; an attempt of another day is gone. */
  private async openAttempt(caller: SessionUser, attemptId: string, token: string): Promise<StoredAttempt> {
    const attempt = await this.repo.attempt(attemptId, caller.id)
    if (!attempt || attempt.quizDate !== chinaDateOf(this.ctx.now())) throw new AppError('QUIZ_ATTEMPT_UNKNOWN', 404)
    if (attempt.submittedAt) throw new AppError('QUIZ_ALREADY_SUBMITTED', 409)
    if (!tokenMatches(token, attempt.tokenHash)) throw new AppError('QUIZ_TOKEN_INVALID', 403)
    return attempt
  }

  async standing(caller: SessionUser): Promise<QuizStanding> {
    const today = chinaDateOf(this.ctx.now())
    const history = await this.repo.scoredHistory(caller.id)
    const todays = history.find((h) => h.quizDate === today)
    return {
      streak: streakOf(history.map((h) => h.quizDate), today),
      bestScore: history.length ? Math.max(...history.map((h) => h.score)) : null,
      today: { submitted: todays !== undefined, score: todays?.score ?? null },
      history: history.slice(0, 30),
    }
  }

  /** The villages of the caller's town (or of the town of the village asked about), ranked; nobody is named. */
  async leaderboard(caller: SessionUser, villageId: string | undefined, date: string | undefined): Promise<VillageLeaderboard> {
    const day = date ?? chinaDateOf(this.ctx.now())
    if (!isCalendarDate(day)) throw new AppError('VALIDATION_FAILED', 400, '日期格式应为 YYYY-MM-DD')
    const townId = villageId ? await this.townOfVillage(villageId) : townOf(homePaths(caller))
    if (!townId) return { date: day, villages: [] }
    return { date: day, villages: rankVillages(await this.repo.villageTallies(townId, day)) }
  }

  async flagged(caller: SessionUser, q: { regionId?: string; from?: string; to?: string }): Promise<FlaggedAttempt[]> {
    let paths = scopePathsFor(caller.roles, 'quiz.manage')
    if (paths.length === 0) throw forbidden()
    if (q.regionId) {
      const region = await this.repo.region(q.regionId)
      if (!region) throw new AppError('REGION_NOT_FOUND', 404)
      if (!canActOn(caller.roles, 'quiz.manage', region.path)) throw outOfScope()
      paths = [region.path]
    }
    const today = chinaDateOf(this.ctx.now())
    const from = q.from ?? chinaDateOf(new Date(this.ctx.now().getTime() - 30 * 24 * 3600_000))
    const to = q.to ?? today
    if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) throw new AppError('VALIDATION_FAILED', 400, '日期范围无效：开始日期不能晚于结束日期')
    const rows = await this.repo.flagged(paths, from, to)
    return rows.map((r) => ({
      attemptId: r.id, quizDate: r.quiz_date, villageName: r.village_name, userName: r.display_name, score: r.score,
      reasons: r.flag_reasons.map(flagReasonLabel),
    }))
  }

  private async townOfVillage(villageId: string): Promise<string> {
    const region = await this.repo.region(villageId)
    if (!region || region.level !== 'village' || !region.parentId) throw new AppError('REGION_NOT_FOUND', 404)
    return region.parentId
  }
}

function townOf(paths: readonly string[]): string | null {
  return paths.map((p) => p.split('/').filter(Boolean)).find((s) => s.length >= 2)?.[1] ?? null
}

const keyed = (q: PaperRow): KeyedQuestion => ({ id: q.id, optionCount: q.options.length, answer: q.answer })

const normalised = (a: AnswerGiven): AnswerGiven =>
  ({ questionId: a.questionId.toLowerCase(), chosen: [...a.chosen].sort((x, y) => x - y), seconds: a.seconds })

function revealOf(q: PaperRow, a: AnswerGiven, limit: number | null): AnswerReveal {
  const { correct, late } = judgeAnswer(keyed(q), a, limit)
  return { questionId: q.id, chosen: [...a.chosen], answer: q.answer, correct, late, explanation: q.explanation }
}

function outcomeOf(q: PaperRow, chosen: readonly number[], o: { correct: boolean; late: boolean }) {
  return {
    questionId: q.id, stem: q.stem, options: q.options, chosen: [...chosen].sort((a, b) => a - b), answer: q.answer,
    correct: o.correct, late: o.late, explanation: q.explanation,
  }
}
