import { sql, type Kysely, type SqlBool } from 'kysely'
import type { AnswerGiven, BankEntry } from '#core/quiz'
import type { DB } from '../../db/schema'
import { likePrefix } from '../../plugins/scope-filter'

export interface StoredAttempt {
  id: string
  userId: string
  quizDate: string
  questionIds: string[]
  tokenHash: string
  startedAt: Date
  submittedAt: Date | null
  score: number | null
  careMode: boolean
  /** Before submission: the answers already revealed one by one, in paper order. */
  answered: AnswerGiven[]
}

export interface PaperRow {
  id: string
  kind: 'single' | 'multiple' | 'true_false'
  stem: string
  options: string[]
  answer: number[]
  explanation: string
  fraudType: string
}

export interface ScoredAttempt {
  attemptId: string
  answers: { questionId: string; chosen: number[]; seconds: number }[]
  correct: number
  score: number
  flagReasons: string[]
  submittedAt: Date
}

/** pg turns a date into a Date at local midnight; text avoids the time zone altogether. */
const QUIZ_DATE = sql<string>`to_char(quiz_date, 'YYYY-MM-DD')`.as('quiz_date')

export class QuizRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async activeBank(): Promise<BankEntry[]> {
    const rows = await this.db.selectFrom('quiz_questions').select(['id', 'fraud_type']).where('active', '=', true).execute()
    return rows.map((r) => ({ id: r.id, fraudType: r.fraud_type }))
  }

  async questions(ids: readonly string[]): Promise<PaperRow[]> {
    if (ids.length === 0) return []
    const rows = await this.db.selectFrom('quiz_questions')
      .select(['id', 'kind', 'stem', 'options', 'answer', 'explanation', 'fraud_type'])
      .where('id', 'in', [...ids]).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.flatMap((id) => {
      const r = byId.get(id)
      return r ? [{ id: r.id, kind: r.kind, stem: r.stem, options: r.options, answer: r.answer, explanation: r.explanation, fraudType: r.fraud_type }] : []
    })
  }

  async attemptOn(userId: string, quizDate: string): Promise<StoredAttempt | null> {
    const row = await this.selectAttempts().where('user_id', '=', userId).where('quiz_date', '=', quizDate).executeTakeFirst()
    return row ? toAttempt(row) : null
  }

  async attempt(id: string, userId: string): Promise<StoredAttempt | null> {
    const row = await this.selectAttempts().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return row ? toAttempt(row) : null
  }

  /** Today's attempt, created unless a request of the same user raced this one and created it first. */
  async startAttempt(a: {
    countyId: string; userId: string; villageId: string | null; quizDate: string; questionIds: string[]; tokenHash: string; startedAt: Date; careMode: boolean
  }): Promise<StoredAttempt> {
    await this.db.insertInto('quiz_attempts').values({
      county_id: a.countyId, user_id: a.userId, village_id: a.villageId, quiz_date: a.quizDate,
      question_ids: a.questionIds, token_hash: a.tokenHash, started_at: a.startedAt, care_mode: a.careMode,
    }).onConflict((oc) => oc.columns(['user_id', 'quiz_date']).doNothing()).execute()
    const stored = await this.attemptOn(a.userId, a.quizDate)
    if (!stored) throw new Error('quiz attempt vanished after insert')
    return stored
  }

  /**
   * Only the hash of the newest token is kept, so a resumed paper gets a new token; false once submitted.
   * 关怀模式 can be switched on when resuming, never off: a paper is not timed again once it was untimed.
   */
  async replaceToken(attemptId: string, tokenHash: string, careMode = false): Promise<boolean> {
    const row = await this.db.updateTable('quiz_attempts')
      .set((eb) => ({ token_hash: tokenHash, care_mode: careMode ? sql<boolean>`true` : eb.ref('care_mode') }))
      .where('id', '=', attemptId).where('submitted_at', 'is', null).returning('id').executeTakeFirst()
    return row !== undefined
  }

  /**
   * Appends one revealed answer at its place in the paper. False when the attempt was submitted meanwhile or another
   * request answered this question first: an answer, once its right option was shown, is never replaced.
   */
  async recordAnswer(attemptId: string, position: number, answer: AnswerGiven): Promise<boolean> {
    const row = await this.db.updateTable('quiz_attempts')
      .set({ answers: sql<string>`coalesce(answers, '[]'::jsonb) || jsonb_build_array(${JSON.stringify(answer)}::jsonb)` })
      .where('id', '=', attemptId).where('submitted_at', 'is', null)
      .where(sql<SqlBool>`jsonb_array_length(coalesce(answers, '[]'::jsonb)) = ${position}`)
      .returning('id').executeTakeFirst()
    return row !== undefined
  }

  /** Records the score once: of two submissions racing, the second finds submitted_at set and changes nothing. */
  async recordScore(s: ScoredAttempt): Promise<boolean> {
    const row = await this.db.updateTable('quiz_attempts')
      .set({
        submitted_at: s.submittedAt, answers: JSON.stringify(s.answers), correct: s.correct, score: s.score,
        flagged: s.flagReasons.length > 0, flag_reasons: s.flagReasons,
      })
      .where('id', '=', s.attemptId).where('submitted_at', 'is', null).returning('id').executeTakeFirst()
    return row !== undefined
  }

  async scoredHistory(userId: string): Promise<{ quizDate: string; score: number }[]> {
    const rows = await this.db.selectFrom('quiz_attempts').select([QUIZ_DATE, 'score'])
      .where('user_id', '=', userId).where('score', 'is not', null).orderBy('quiz_date', 'desc').execute()
    return rows.map((r) => ({ quizDate: r.quiz_date, score: r.score ?? 0 }))
  }

  async region(id: string): Promise<{ id: string; level: string; path: string; parentId: string | null } | null> {
    const row = await this.db.selectFrom('regions').select(['id', 'level', 'path', 'parent_id']).where('id', '=', id).executeTakeFirst()
    return row ? { id: row.id, level: row.level, path: row.path, parentId: row.parent_id } : null
  }

  async villageTallies(townId: string, quizDate: string) {
    const rows = await this.db.selectFrom('regions as v')
      .innerJoin('quiz_attempts as a', 'a.village_id', 'v.id')
      .select(['v.id', 'v.name', sql<number>`count(*)::int`.as('participants'), sql<number>`sum(a.score)::int`.as('score_sum')])
      .where('v.parent_id', '=', townId).where('v.level', '=', 'village')
      .where('a.quiz_date', '=', quizDate).where('a.score', 'is not', null)
      .groupBy(['v.id', 'v.name']).execute()
    return rows.map((r) => ({ villageId: r.id, villageName: r.name, participants: r.participants, scoreSum: r.score_sum }))
  }

  /** Attempts without a village count under their county, so only county-wide admins see them. */
  async flagged(scopePaths: readonly string[], from: string, to: string) {
    return this.db.selectFrom('quiz_attempts as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('regions as v', 'v.id', 'a.village_id')
      .select(['a.id', sql<string>`to_char(a.quiz_date, 'YYYY-MM-DD')`.as('quiz_date'), 'a.score', 'a.flag_reasons', 'u.display_name', 'v.name as village_name'])
      .where('a.flagged', '=', true).where('a.quiz_date', '>=', from).where('a.quiz_date', '<=', to)
      .where(sql<SqlBool>`(${sql.join(scopePaths.map((p) => sql`coalesce(v.path, '/' || a.county_id || '/') LIKE ${likePrefix(p)}`), sql` OR `)})`)
      .orderBy('a.quiz_date', 'desc').limit(500).execute()
  }

  private selectAttempts() {
    return this.db.selectFrom('quiz_attempts')
      .select(['id', 'user_id', QUIZ_DATE, 'question_ids', 'token_hash', 'started_at', 'submitted_at', 'score', 'care_mode', 'answers'])
  }
}

function toAttempt(r: {
  id: string; user_id: string; quiz_date: string; question_ids: string[]; token_hash: string; started_at: Date; submitted_at: Date | null
  score: number | null; care_mode: boolean; answers: unknown
}): StoredAttempt {
  return {
    id: r.id, userId: r.user_id, quizDate: r.quiz_date, questionIds: r.question_ids, tokenHash: r.token_hash,
    startedAt: new Date(r.started_at), submittedAt: r.submitted_at ? new Date(r.submitted_at) : null, score: r.score,
    careMode: r.care_mode, answered: r.submitted_at ? [] : ((r.answers ?? []) as AnswerGiven[]),
  }
}
