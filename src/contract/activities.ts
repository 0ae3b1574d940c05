import { Type, type Static } from 'typebox'
import {
  ACTIVITY_KINDS, MAX_ACTIVITY_ORGANISER_LENGTH, MAX_ACTIVITY_PLACE_LENGTH, MAX_ACTIVITY_SUMMARY_LENGTH, MAX_ACTIVITY_TITLE_LENGTH, MAX_ATTENDANCE,
  MAX_MATERIALS, TARGET_GROUPS,
} from '../core/activities'
import { NoContent, Page, PageQuery, PlainText, RegionId, Timestamp, Uuid } from './common'

/**
 * Outreach activities and their photos. Requests are checked for shape and size only: the kind, the target groups
 * and the signs of the counts are checked by src/core/activities.ts, so that a negative attendance is told as
 * 参加人数不能为负数 rather than as a generic validation failure.
 */

const KIND_LIST = ACTIVITY_KINDS.map((k) => `${k.key}（${k.name}）`).join('、')
const Kind = Type.Enum(ACTIVITY_KINDS.map((k) => k.key))
const Iso = Type.String({ format: 'date-time' })

export const ActivityInput = Type.Object({
  regionId: RegionId,
  kind: Type.String({ maxLength: 40, description: `活动类型：${KIND_LIST}` }),
  title: PlainText({ maxLength: MAX_ACTIVITY_TITLE_LENGTH, description: '活动名称' }),
  place: PlainText({ maxLength: MAX_ACTIVITY_PLACE_LENGTH, description: '地点' }),
  heldAt: Timestamp('活动时间'),
  organiser: PlainText({ maxLength: MAX_ACTIVITY_ORGANISER_LENGTH, description: '组织单位或负责人' }),
  // No minimum here: the rule in src/core answers a negative count in words.
  attendance: Type.Integer({ maximum: MAX_ATTENDANCE, description: '参加人数' }),
  targetGroups: Type.Array(Type.String({ maxLength: 20 }), { maxItems: TARGET_GROUPS.length, description: `宣传对象：${TARGET_GROUPS.join('、')}` }),
  materials: Type.Integer({ maximum: MAX_MATERIALS, description: '发放资料、宣传品数量' }),
  summary: Type.String({ maxLength: MAX_ACTIVITY_SUMMARY_LENGTH, description: '简要总结（可多行）' }),
})
export type ActivityInput = Static<typeof ActivityInput>

export const ActivityPhoto = Type.Object({
  id: Type.String(),
  url: Type.String({ description: '/api/activity-photos/ 下的相对地址' }),
  thumbnailUrl: Type.String(),
})
export type ActivityPhoto = Static<typeof ActivityPhoto>

export const Activity = Type.Object({
  ...ActivityInput.properties,
  heldAt: Iso,
  kind: Kind,
  targetGroups: Type.Array(Type.Enum(TARGET_GROUPS)),
  attendance: Type.Integer(),
  materials: Type.Integer(),
  id: Type.String(),
  regionName: Type.String(),
  createdBy: Type.Object({ id: Type.String(), name: Type.String() }),
  photos: Type.Array(ActivityPhoto),
  editable: Type.Boolean({ description: '当前用户可以修改和删除' }),
  updatedAt: Iso,
})
export type Activity = Static<typeof Activity>

export const ActivityListItem = Type.Object({
  id: Type.String(), regionId: Type.String(), regionName: Type.String(), kind: Kind, title: Type.String(), place: Type.String(),
  heldAt: Iso, attendance: Type.Integer(), photoCount: Type.Integer(),
  thumbnails: Type.Array(Type.String(), { description: '前三张照片的缩略图地址' }),
})
export type ActivityListItem = Static<typeof ActivityListItem>

/** One region's activities of one month (Beijing time), newest first. */
export const ActivityQuery = Type.Object({
  regionId: Type.Optional(RegionId),
  month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM（北京时间）' })),
  kind: Type.Optional(Type.String({ maxLength: 40, description: '只看这一类活动' })),
  ...PageQuery,
})
export type ActivityQuery = Static<typeof ActivityQuery>

export const ById = Type.Object({ id: Uuid })
export const ByPhoto = Type.Object({ id: Uuid, photoId: Uuid })
export const ByPhotoId = Type.Object({ photoId: Uuid })

/** Deleting (204), uploading photos (multipart) and serving them (image bytes) stay on their routes' own schemas. */
export const activityEndpoints = {
  'GET /api/activities': { query: ActivityQuery, response: Page(ActivityListItem) },
  'POST /api/activities': { body: ActivityInput, response: Activity },
  'GET /api/activities/:id': { params: ById, response: Activity },
  'PUT /api/activities/:id': { params: ById, body: ActivityInput, response: Activity },
  'DELETE /api/activities/:id': { params: ById, response: NoContent, noContent: true as const },
  'DELETE /api/activities/:id/photos/:photoId': { params: ByPhoto, response: NoContent, noContent: true as const },
}
