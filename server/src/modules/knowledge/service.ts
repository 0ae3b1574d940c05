import { checkArticleInput, isKnowledgeFraudType, KNOWLEDGE_FRAUD_TYPES, normaliseArticleInput } from '#core/knowledge'
import { fraudTypeName } from '#core/fraud-types'
import { countyIdOf } from '#core/regions'
import type { FraudTypeArticle, FraudTypeArticleInput, FraudTypeCard } from '#contract/knowledge'
import { scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import type { KnowledgeRepo, ArticleRecord } from './repo'

const RELATED_BULLETINS = 5

export class KnowledgeService {
  constructor(private readonly ctx: AppContext, private readonly repo: KnowledgeRepo) {}

  /** One card per fraud type with an article, in the order the fraud types are listed everywhere else. */
  async cards(): Promise<FraudTypeCard[]> {
    const byType = new Map((await this.repo.list()).map((a) => [a.fraudType, a]))
    return KNOWLEDGE_FRAUD_TYPES.flatMap((t) => {
      const article = byType.get(t.key)
      return article ? [{ fraudType: t.key, name: t.name, summary: article.summary }] : []
    })
  }

  async article(fraudType: string): Promise<FraudTypeArticle> {
    if (!isKnowledgeFraudType(fraudType)) throw notFound('KNOWLEDGE_NOT_FOUND')
    const article = await this.repo.find(fraudType)
    if (!article) throw notFound('KNOWLEDGE_NOT_FOUND')
    return this.toArticle(article)
  }

  /** The library is county-wide content: any admin may correct it, and the edit is on record. */
  async write(caller: SessionUser, fraudType: string, input: FraudTypeArticleInput): Promise<FraudTypeArticle> {
    const paths = scopePathsFor(caller.roles, 'knowledge.write')
    if (paths.length === 0) throw forbidden()
    if (!isKnowledgeFraudType(fraudType)) throw notFound('KNOWLEDGE_NOT_FOUND')
    const problems = checkArticleInput(input)
    if (problems.length > 0) throw new AppError('KNOWLEDGE_INVALID', 400, problems.map((p) => p.message).join('；'), problems)
    const now = this.ctx.now()
    await this.repo.save(fraudType, normaliseArticleInput(input), caller.id, {
      countyId: countyIdOf(paths[0]), actorId: caller.id, action: 'knowledge.write', targetType: 'fraud_type_article', targetId: fraudType,
      detail: {}, at: now,
    })
    return this.article(fraudType)
  }

  private async toArticle(a: ArticleRecord): Promise<FraudTypeArticle> {
    return {
      fraudType: a.fraudType as FraudTypeArticle['fraudType'],
      name: fraudTypeName(a.fraudType),
      summary: a.summary,
      signs: a.signs,
      scripts: a.scripts,
      advice: a.advice,
      updatedAt: a.updatedAt.toISOString(),
      relatedBulletins: await this.repo.relatedBulletins(a.fraudType, this.ctx.now(), RELATED_BULLETINS),
    }
  }
}
