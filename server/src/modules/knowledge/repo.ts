import { sql, type Kysely } from 'kysely'
import type { FraudTypeArticleInput } from '#contract/knowledge'
import type { DB } from '../../db/schema'
import { writeAudit, type AuditEntry } from '../../db/audit-log'

export interface ArticleRecord extends FraudTypeArticleInput {
  fraudType: string
  updatedAt: Date
}

export interface RelatedBulletin {
  id: string
  title: string
  bulletinDate: string
}

export class KnowledgeRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async list(): Promise<ArticleRecord[]> {
    const rows = await this.db.selectFrom('fraud_type_articles').selectAll().execute()
    return rows.map(toRecord)
  }

  async find(fraudType: string): Promise<ArticleRecord | null> {
    const row = await this.db.selectFrom('fraud_type_articles').selectAll().where('fraud_type', '=', fraudType).executeTakeFirst()
    return row ? toRecord(row) : null
  }

  /** Creates the article or replaces its text, audited in the same transaction. */
  async save(fraudType: string, input: FraudTypeArticleInput, editorId: string, audit: AuditEntry): Promise<void> {
    const values = {
      summary: input.summary,
      signs: JSON.stringify(input.signs),
      scripts: JSON.stringify(input.scripts),
      advice: JSON.stringify(input.advice),
      updated_by: editorId,
      updated_at: audit.at,
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('fraud_type_articles')
        .values({ fraud_type: fraudType, ...values })
        .onConflict((oc) => oc.column('fraud_type').doUpdateSet(values))
        .execute()
      await writeAudit(trx, audit)
    })
  }

  /** Residents' bulletins (out, not retracted) whose current version has a case of this type: the newest first. */
  async relatedBulletins(fraudType: string, now: Date, limit: number): Promise<RelatedBulletin[]> {
    const rows = await this.db
      .selectFrom('bulletins')
      .innerJoin('bulletin_versions', (j) => j
        .onRef('bulletin_versions.bulletin_id', '=', 'bulletins.id')
        .onRef('bulletin_versions.version', '=', 'bulletins.current_version'))
      .select([
        'bulletins.id', 'bulletin_versions.title',
        sql<string>`to_char(bulletins.bulletin_date, 'YYYY-MM-DD')`.as('bulletin_date'),
      ])
      .where('bulletins.published_at', '<=', now)
      .where('bulletins.retracted_at', 'is', null)
      .where(sql<boolean>`bulletin_versions.cases @> ${JSON.stringify([{ fraudType }])}::jsonb`)
      .orderBy('bulletins.bulletin_date', 'desc').orderBy('bulletins.published_at', 'desc').orderBy('bulletins.id')
      .limit(limit)
      .execute()
    return rows.map((r) => ({ id: r.id, title: r.title, bulletinDate: r.bulletin_date }))
  }
}

function toRecord(r: { fraud_type: string; summary: string; signs: string[]; scripts: string[]; advice: string[]; updated_at: Date }): ArticleRecord {
  return { fraudType: r.fraud_type, summary: r.summary, signs: r.signs, scripts: r.scripts, advice: r.advice, updatedAt: r.updated_at }
}
