import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { questionColumns } from '../modules/questions/repo'
import { KNOWLEDGE_ARTICLES } from './knowledge-articles'
import { QUESTION_BANK } from './question-bank'

export interface ResidentContentSummary {
  articles: number
  questions: number
}

/**
 * The knowledge library and the question bank are part of the product, not demo data: every database gets them
 * at start-up. A fraud type with no article gets the shipped one and edited articles are kept; the questions go
 * in only while the bank is empty, since a question has no natural key to tell an edited one from a new one.
 * The bank's table is locked for the check, so two servers starting together do not both fill it.
 */
export async function seedResidentContent(db: Kysely<DB>): Promise<ResidentContentSummary> {
  return db.transaction().execute(async (trx) => {
    const articles = await trx
      .insertInto('fraud_type_articles')
      .values(Object.entries(KNOWLEDGE_ARTICLES).map(([fraudType, a]) => ({
        fraud_type: fraudType,
        summary: a.summary,
        signs: JSON.stringify(a.signs),
        scripts: JSON.stringify(a.scripts),
        advice: JSON.stringify(a.advice),
      })))
      .onConflict((oc) => oc.column('fraud_type').doNothing())
      .returning('fraud_type')
      .execute()

    await sql`LOCK TABLE quiz_questions IN SHARE ROW EXCLUSIVE MODE`.execute(trx)
    const any = await trx.selectFrom('quiz_questions').select('id').limit(1).executeTakeFirst()
    if (any) return { articles: articles.length, questions: 0 }
    await trx
      .insertInto('quiz_questions')
      .values(QUESTION_BANK.map(questionColumns))
      .execute()
    return { articles: articles.length, questions: QUESTION_BANK.length }
  })
}
