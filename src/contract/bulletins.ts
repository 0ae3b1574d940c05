import { Type, type Static } from 'typebox'
import {
  BULLETIN_STATUSES, MAX_ADVICE_LENGTH, MAX_CASES, MAX_METHOD_LENGTH, MAX_RETRACT_REASON_LENGTH, MAX_TITLE_LENGTH, MAX_VICTIM_PROFILE_LENGTH,
  MAX_WARNING_LENGTH,
} from '../core/bulletins'
import { FRAUD_TYPE_KEYS, FRAUD_TYPES } from '../core/fraud-types'
import { Page, PageQuery, PlainText, RegionId, Timestamp, Uuid } from './common'

/**
 * Daily case bulletins: authoring (action bulletin.write, scoped to the bulletin's region) and the public pages.
 * Requests are checked for shape and size only: the fraud type, the loss, blank texts and the date are checked by
 * src/core/bulletins.ts, which names the problem and the case in Chinese. Dates are YYYY-MM-DD (Asia/Shanghai).
 */

/** Like PlainText, but a case's story and the advice may run over several lines. */
const MultilineText = (opts: { maxLength: number; description?: string }) =>
  Type.String({ ...opts, pattern: '^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f]*$' })

const Iso = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
const Status = Type.Enum([...BULLETIN_STATUSES], { description: '草稿、定时、已发布、已撤回' })

const CaseInput = Type.Object({
  fraudType: Type.String({ maxLength: 40, description: `诈骗类型：${FRAUD_TYPES.map((t) => `${t.key}（${t.name}）`).join('、')}` }),
  victimProfile: PlainText({ maxLength: MAX_VICTIM_PROFILE_LENGTH * 2, description: '受害人情况，不含姓名，如“江津区某镇 62岁 女性 退休职工”' }),
  lossYuan: Type.Number({ description: '损失金额（元，最多两位小数）；成功劝阻为 0' }),
  method: MultilineText({ maxLength: MAX_METHOD_LENGTH * 2, description: '案情经过' }),
  warning: MultilineText({ maxLength: MAX_WARNING_LENGTH * 2, description: '本案的警方提示' }),
})

/** A new bulletin or an edit, as sent: unknown fraud types are refused by the rule, not by validation. */
export const BulletinInput = Type.Object({
  regionId: RegionId,
  bulletinDate: Type.String({ maxLength: 10, description: '通报的是哪一天的警情，YYYY-MM-DD（北京时间）' }),
  title: PlainText({ maxLength: MAX_TITLE_LENGTH * 2, description: '标题' }),
  cases: Type.Array(CaseInput, { maxItems: MAX_CASES, description: '案例，至少一个' }),
  advice: MultilineText({ maxLength: MAX_ADVICE_LENGTH * 2, description: '结尾的警方提示' }),
})
export type BulletinInput = Static<typeof BulletinInput>

export const PublishInput = Type.Object({
  // Null first: with type coercion on, a string branch tried first would turn null into "".
  at: Type.Optional(Type.Union([Type.Null(), Timestamp()], {
    description: '发布时间（ISO 8601）；省略或 null 为立即发布，晚于现在为定时发布',
  })),
})
export type PublishInput = Static<typeof PublishInput>

export const RetractInput = Type.Object({
  reason: PlainText({ maxLength: MAX_RETRACT_REASON_LENGTH, description: '撤回原因' }),
})
export type RetractInput = Static<typeof RetractInput>

const ListItemFields = {
  id: Type.String(),
  bulletinDate: Type.String(),
  title: Type.String(),
  caseCount: Type.Integer(),
  totalLossYuan: Type.Number(),
  version: Type.Integer(),
}

export const BulletinListItem = Type.Object({ ...ListItemFields, publishedAt: Type.String({ format: 'date-time' }) })
export type BulletinListItem = Static<typeof BulletinListItem>

export const BulletinAdminItem = Type.Object({
  ...ListItemFields,
  status: Status,
  regionId: Type.String(),
  regionName: Type.String(),
  publishedAt: Iso,
  updatedAt: Type.String({ format: 'date-time' }),
})
export type BulletinAdminItem = Static<typeof BulletinAdminItem>

/** A stored case: its fraud type passed the rule, so it is one of core's keys. */
const StoredCase = Type.Object({
  fraudType: Type.Enum([...FRAUD_TYPE_KEYS]),
  victimProfile: Type.String(),
  lossYuan: Type.Number(),
  method: Type.String(),
  warning: Type.String(),
})

export const BulletinDetail = Type.Object({
  ...BulletinInput.properties,
  cases: Type.Array(StoredCase),
  id: Type.String(),
  status: Status,
  regionName: Type.String(),
  stationName: Type.String({ description: '海报上署名的单位，如“柏林派出所”' }),
  version: Type.Integer(),
  publishedAt: Iso,
  retractedAt: Iso,
  totalLossYuan: Type.Number(),
  posterUrl: Type.String({ description: '海报 PNG 的相对地址' }),
})
export type BulletinDetail = Static<typeof BulletinDetail>

export const BulletinVersionItem = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  editedBy: Type.String({ description: '编辑人' }),
  editedAt: Type.String({ format: 'date-time' }),
})
export type BulletinVersionItem = Static<typeof BulletinVersionItem>

export const ManageQuery = Type.Object({ regionId: Type.Optional(RegionId), ...PageQuery })
export type ManageQuery = Static<typeof ManageQuery>

const PublicQuery = Type.Object({ ...PageQuery })
const ById = Type.Object({ id: Uuid })

export const bulletinEndpoints = {
  'GET /api/bulletins/manage': { query: ManageQuery, response: Page(BulletinAdminItem) },
  'POST /api/bulletins': { body: BulletinInput, response: BulletinDetail },
  'GET /api/bulletins/:id': { params: ById, response: BulletinDetail },
  'PUT /api/bulletins/:id': { params: ById, body: BulletinInput, response: BulletinDetail },
  'POST /api/bulletins/:id/publish': { params: ById, body: PublishInput, response: BulletinDetail },
  'POST /api/bulletins/:id/retract': { params: ById, body: RetractInput, response: BulletinDetail },
  'GET /api/bulletins/:id/versions': { params: ById, response: Type.Array(BulletinVersionItem) },
  'GET /api/public/bulletins': { query: PublicQuery, response: Page(BulletinListItem) },
  'GET /api/public/bulletins/:id': { params: ById, response: BulletinDetail },
}
