import { Type } from 'typebox'
import {
  MAX_ADVICE_LENGTH, MAX_CASES, MAX_METHOD_LENGTH, MAX_RETRACT_REASON_LENGTH, MAX_TITLE_LENGTH, MAX_VICTIM_PROFILE_LENGTH, MAX_WARNING_LENGTH,
} from '#core/bulletins'
import { FRAUD_TYPES } from '#core/fraud-types'
import { PageQuery, PlainText, RegionId, Timestamp, Uuid } from '#contract/common'

/**
 * Bulletin schemas, mirroring src/core/bulletin-api.ts. They check shape and size only: the fraud type, the loss,
 * blank texts and the date are checked by src/core/bulletins.ts, which names the problem and the case in Chinese.
 */

/** Like PlainText, but a case's story and the advice may run over several lines. */
const MultilineText = (opts: { maxLength: number; description?: string }) =>
  Type.String({ ...opts, pattern: '^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f]*$' })

const Iso = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
const Status = Type.Enum(['draft', 'scheduled', 'published', 'retracted'], { description: '草稿、定时、已发布、已撤回' })

export const BulletinCase = Type.Object({
  fraudType: Type.String({ maxLength: 40, description: `诈骗类型：${FRAUD_TYPES.map((t) => `${t.key}（${t.name}）`).join('、')}` }),
  victimProfile: PlainText({ maxLength: MAX_VICTIM_PROFILE_LENGTH * 2, description: '受害人情况，不含姓名，如“江津区某镇 62岁 女性 退休职工”' }),
  lossYuan: Type.Number({ description: '损失金额（元，最多两位小数）；成功劝阻为 0' }),
  method: MultilineText({ maxLength: MAX_METHOD_LENGTH * 2, description: '案情经过' }),
  warning: MultilineText({ maxLength: MAX_WARNING_LENGTH * 2, description: '本案的警方提示' }),
})

export const BulletinInput = Type.Object({
  regionId: RegionId,
  bulletinDate: Type.String({ maxLength: 10, description: '通报的是哪一天的警情，YYYY-MM-DD（北京时间）' }),
  title: PlainText({ maxLength: MAX_TITLE_LENGTH * 2, description: '标题' }),
  cases: Type.Array(BulletinCase, { maxItems: MAX_CASES, description: '案例，至少一个' }),
  advice: MultilineText({ maxLength: MAX_ADVICE_LENGTH * 2, description: '结尾的警方提示' }),
})

export const PublishInput = Type.Object({
  // Null first: with type coercion on, a string branch tried first would turn null into "".
  at: Type.Optional(Type.Union([Type.Null(), Timestamp()], {
    description: '发布时间（ISO 8601）；省略或 null 为立即发布，晚于现在为定时发布',
  })),
})

export const RetractInput = Type.Object({
  reason: PlainText({ maxLength: MAX_RETRACT_REASON_LENGTH, description: '撤回原因' }),
})

const ListItemFields = {
  id: Type.String(),
  bulletinDate: Type.String(),
  title: Type.String(),
  caseCount: Type.Integer(),
  totalLossYuan: Type.Number(),
  version: Type.Integer(),
}

export const BulletinListItem = Type.Object({ ...ListItemFields, publishedAt: Type.String({ format: 'date-time' }) })

export const BulletinAdminItem = Type.Object({
  ...ListItemFields,
  status: Status,
  regionId: Type.String(),
  regionName: Type.String(),
  publishedAt: Iso,
  updatedAt: Type.String({ format: 'date-time' }),
})

export const BulletinDetail = Type.Object({
  ...BulletinInput.properties,
  cases: Type.Array(Type.Object({
    fraudType: Type.String(),
    victimProfile: Type.String(),
    lossYuan: Type.Number(),
    method: Type.String(),
    warning: Type.String(),
  })),
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

export const BulletinVersionItem = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  editedBy: Type.String({ description: '编辑人' }),
  editedAt: Type.String({ format: 'date-time' }),
})

export const ById = Type.Object({ id: Uuid })
export const ManageQuery = Type.Object({ regionId: Type.Optional(RegionId), ...PageQuery })
export const PublicQuery = Type.Object({ ...PageQuery })

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() })
