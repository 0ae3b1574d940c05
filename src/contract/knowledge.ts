import { Type, type Static } from 'typebox'
import { FRAUD_TYPE_KEYS, FRAUD_TYPES } from '../core/fraud-types'
import { MAX_ITEM_LENGTH, MAX_ITEMS, MAX_SUMMARY_LENGTH } from '../core/knowledge'
import { PlainText } from './common'

/**
 * The fraud-type knowledge library and its 扫码学习 posters. Requests are checked for shape and size only: blank
 * texts, empty lists and lengths in characters are checked by src/core/knowledge.ts, which names the item in Chinese.
 */

const FraudType = Type.Enum(FRAUD_TYPE_KEYS)

const Items = (description: string) =>
  Type.Array(PlainText({ maxLength: MAX_ITEM_LENGTH * 2 }), { maxItems: MAX_ITEMS * 2, description })

export const ByFraudType = Type.Object({
  fraudType: Type.String({ maxLength: 40, description: `诈骗类型：${FRAUD_TYPES.filter((t) => t.key !== 'other').map((t) => `${t.key}（${t.name}）`).join('、')}` }),
})

export const FraudTypeArticleInput = Type.Object({
  summary: PlainText({ maxLength: MAX_SUMMARY_LENGTH * 2, description: '简介：这是什么骗局' }),
  signs: Items('识别要点'),
  scripts: Items('典型话术：骗子常说的话'),
  advice: Items('防范提示'),
})
export type FraudTypeArticleInput = Static<typeof FraudTypeArticleInput>

export const FraudTypeCard = Type.Object({
  fraudType: FraudType,
  name: Type.String(),
  summary: Type.String(),
})
export type FraudTypeCard = Static<typeof FraudTypeCard>

export const FraudTypeArticle = Type.Object({
  fraudType: FraudType,
  name: Type.String(),
  summary: Type.String(),
  signs: Type.Array(Type.String()),
  scripts: Type.Array(Type.String()),
  advice: Type.Array(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
  relatedBulletins: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    bulletinDate: Type.String(),
  }), { description: '含此类案例的已发布通报，最新的在前，最多 5 条' }),
})
export type FraudTypeArticle = Static<typeof FraudTypeArticle>

export const PosterQuery = Type.Object({
  fraudTypes: Type.Optional(Type.String({ maxLength: 400, pattern: '^[A-Za-z0-9_,-]*$', description: '以逗号分隔的诈骗类型，每类一张海报' })),
  path: Type.Optional(Type.Boolean({ description: 'true：另加一张学习路径海报' })),
})
export type PosterQuery = Static<typeof PosterQuery>

/** One printed poster: a fraud type's first tips, or the learning path through all types and the daily quiz. */
export const LearnPoster = Type.Object({
  kind: Type.Union([Type.Literal('fraud_type'), Type.Literal('path')]),
  fraudType: Type.Union([FraudType, Type.Null()]),
  title: Type.String(),
  summary: Type.String(),
  tips: Type.Array(Type.String(), { description: '一类骗局：前 3 条防范提示；学习路径：各类骗局依次排列，最后是每日答题' }),
  url: Type.String({ description: '二维码内容：PUBLIC_BASE_URL/k/<类型> 或 PUBLIC_BASE_URL/k' }),
  qrSvg: Type.String({ description: '二维码 SVG' }),
})
export type LearnPoster = Static<typeof LearnPoster>

export const LearnPosterSheet = Type.Object({
  station: Type.String(),
  hotline: Type.String(),
  caption: Type.String({ description: '印在二维码下方：扫码学习' }),
  posters: Type.Array(LearnPoster),
})
export type LearnPosterSheet = Static<typeof LearnPosterSheet>

export const knowledgeEndpoints = {
  'GET /api/public/knowledge': { response: Type.Array(FraudTypeCard) },
  'GET /api/public/knowledge/:fraudType': { params: ByFraudType, response: FraudTypeArticle },
  'PUT /api/knowledge/:fraudType': { params: ByFraudType, body: FraudTypeArticleInput, response: FraudTypeArticle },
  'GET /api/knowledge/posters': { query: PosterQuery, response: LearnPosterSheet },
}
