import QRCode, { type QRCodeToStringOptions } from 'qrcode'
import { ANTI_FRAUD_HOTLINE, STATION } from '#core/door-advice'
import { fraudTypeName } from '#core/fraud-types'
import { isKnowledgeFraudType, KNOWLEDGE_FRAUD_TYPES } from '#core/knowledge'
import type { LearnPoster, LearnPosterSheet } from '#contract/knowledge'
import { scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import type { KnowledgeRepo } from './repo'

/** The same QR settings as door labels: medium error correction survives a crease or a smudge on a poster. */
export const POSTER_QR_OPTIONS: QRCodeToStringOptions = { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }
/** A poster is read from a step away: three tips in large type, the rest is one scan further. */
export const POSTER_TIPS = 3
export const POSTER_CAPTION = '扫码学习'
const DAILY_QUIZ = '每日答题，巩固所学'

export interface PosterChoice {
  fraudTypes: string[]
  path: boolean
}

/** 扫码学习 posters for events: whoever holds events (admins, cadres, grid workers) may print them. */
export class LearnPosterService {
  constructor(private readonly ctx: AppContext, private readonly repo: KnowledgeRepo) {}

  async sheet(caller: SessionUser, choice: PosterChoice): Promise<LearnPosterSheet> {
    if (scopePathsFor(caller.roles, 'activity.write').length === 0) throw forbidden()
    const wanted = new Set(choice.fraudTypes)
    if (wanted.size === 0 && !choice.path) throw new AppError('VALIDATION_FAILED', 400, '请至少选择一种骗局或学习路径')
    if ([...wanted].some((t) => !isKnowledgeFraudType(t))) throw notFound('KNOWLEDGE_NOT_FOUND')
    const articles = new Map((await this.repo.list()).map((a) => [a.fraudType, a]))
    if ([...wanted].some((t) => !articles.has(t))) throw notFound('KNOWLEDGE_NOT_FOUND')

    const posters: LearnPoster[] = []
    if (choice.path) {
      const inOrder = KNOWLEDGE_FRAUD_TYPES.filter((t) => articles.has(t.key)).map((t) => t.name)
      posters.push(await this.poster({
        kind: 'path', fraudType: null, title: '学习路径', summary: `${inOrder.length} 类常见骗局依次学，学完做每日答题`,
        tips: [...inOrder, DAILY_QUIZ],
      }, '/k'))
    }
    for (const t of KNOWLEDGE_FRAUD_TYPES.filter((type) => wanted.has(type.key))) {
      const article = articles.get(t.key)!
      posters.push(await this.poster({
        kind: 'fraud_type', fraudType: t.key, title: fraudTypeName(t.key), summary: article.summary, tips: article.advice.slice(0, POSTER_TIPS),
      }, `/k/${t.key}`))
    }
    return { station: STATION, hotline: ANTI_FRAUD_HOTLINE, caption: POSTER_CAPTION, posters }
  }

  private async poster(text: Omit<LearnPoster, 'url' | 'qrSvg'>, path: string): Promise<LearnPoster> {
    const url = `${this.ctx.config.publicBaseUrl}${path}`
    return { ...text, url, qrSvg: await QRCode.toString(url, POSTER_QR_OPTIONS) }
  }
}
