import { sql, type Kysely, type Selectable } from 'kysely'
import type { QuizQuestion } from '#contract/quiz'
import type { BankQuestion } from '#core/questions'
import type { DB, QuizQuestionsTable } from '../../db/schema'
import { likePrefix } from '../../plugins/scope-filter'
import { writeAudit, type AuditEntry } from '../../db/audit-log'

export interface QuestionCriteria {
  fraudType?: string
  q?: string
}

const IMPORT_BATCH = 500

/** A question as its quiz_questions columns; the seeded bank uses it too. */
export const questionColumns = (q: BankQuestion) => ({
  kind: q.kind,
  stem: q.stem,
  options: JSON.stringify(q.options),
  answer: JSON.stringify(q.answer),
  explanation: q.explanation,
  fraud_type: q.fraudType,
  difficulty: q.difficulty,
  active: q.active,
})

const rowOf = (q: BankQuestion, editorId: string, at: Date) => ({ ...questionColumns(q), updated_by: editorId, updated_at: at })

function toQuestion(r: Selectable<QuizQuestionsTable>): QuizQuestion {
  return {
    id: r.id,
    kind: r.kind,
    stem: r.stem,
    options: r.options,
    answer: r.answer,
    explanation: r.explanation,
    fraudType: r.fraud_type as QuizQuestion['fraudType'],
    difficulty: r.difficulty as QuizQuestion['difficulty'],
    active: r.active,
    updatedAt: r.updated_at.toISOString(),
  }
}

export class QuestionRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async list(criteria: QuestionCriteria, page: number, pageSize: number): Promise<{ total: number; items: QuizQuestion[] }> {
    let where = this.db.selectFrom('quiz_questions')
    if (criteria.fraudType) where = where.where('fraud_type', '=', criteria.fraudType)
    // The keyword is matched literally: % and _ typed by the admin are not wildcards.
    if (criteria.q) where = where.where(sql<boolean>`stem LIKE ${`%${likePrefix(criteria.q)}`}`)
    const [{ total }, rows] = await Promise.all([
      where.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
      where.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    ])
    return { total, items: rows.map(toQuestion) }
  }

  async find(id: string): Promise<QuizQuestion | null> {
    const row = await this.db.selectFrom('quiz_questions').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toQuestion(row) : null
  }

  async create(q: BankQuestion, audit: AuditEntry): Promise<QuizQuestion> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('quiz_questions').values(rowOf(q, audit.actorId, audit.at)).returningAll().executeTakeFirstOrThrow()
      await writeAudit(trx, { ...audit, targetId: row.id })
      return toQuestion(row)
    })
  }

  /** Null when there is no such question. */
  async update(id: string, q: BankQuestion, audit: AuditEntry): Promise<QuizQuestion | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('quiz_questions').set(rowOf(q, audit.actorId, audit.at)).where('id', '=', id).returningAll().executeTakeFirst()
      if (!row) return null
      await writeAudit(trx, audit)
      return toQuestion(row)
    })
  }

  /** The stems among these already in the bank: importing the same file twice must not double the bank. */
  async existingStems(stems: readonly string[]): Promise<Set<string>> {
    if (stems.length === 0) return new Set()
    const rows = await this.db.selectFrom('quiz_questions').select('stem').where('stem', 'in', [...stems]).execute()
    return new Set(rows.map((r) => r.stem))
  }

  /** All of them or none, with the audit entry. */
  async insertMany(questions: readonly BankQuestion[], audit: AuditEntry): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < questions.length; i += IMPORT_BATCH) {
        await trx.insertInto('quiz_questions').values(questions.slice(i, i + IMPORT_BATCH).map((q) => rowOf(q, audit.actorId, audit.at))).execute()
      }
      await writeAudit(trx, audit)
    })
  }
}
