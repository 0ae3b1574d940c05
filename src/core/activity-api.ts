/**
 * API shapes of outreach activities (院坝会 / 赶大集 / 进校园 …, issue 7). Server TypeBox schemas mirror these.
 *
 * Routes (activity.write = admins, cadres and grid workers of the region; reading needs activity.read):
 *   GET    /api/activities?regionId&month=YYYY-MM&kind&page&pageSize → Page<ActivityListItem> (newest first)
 *   POST   /api/activities                        ActivityInput → Activity
 *   GET    /api/activities/:id                    → Activity
 *   PUT    /api/activities/:id                    ActivityInput → Activity
 *   DELETE /api/activities/:id                    → 204 (its creator or an admin; photos go with it)
 *   POST   /api/activities/:id/photos             multipart: photo + thumbnail (each ≤ MAX_PHOTO_BYTES) → ActivityPhoto
 *   DELETE /api/activities/:id/photos/:photoId    → 204
 *   GET    /api/activity-photos/:photoId          → the photo (image/*), same scope as the activity
 *   GET    /api/activity-photos/:photoId/thumbnail → the thumbnail
 */

export const ACTIVITY_KINDS = [
  { key: 'courtyard_meeting', name: '院坝会' },
  { key: 'market_day', name: '赶大集' },
  { key: 'school', name: '进校园' },
  { key: 'enterprise', name: '进企业' },
  { key: 'community', name: '进社区' },
  { key: 'training', name: '培训' },
] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]['key']

export const TARGET_GROUPS = ['老年人', '学生', '宝妈', '新市民', '企业职工', '农民工', '个体商户', '其他'] as const
export type TargetGroup = (typeof TARGET_GROUPS)[number]

/** Per photo after compression on the phone; WeChat's own upload is fine with this. */
export const MAX_PHOTO_BYTES = 1024 * 1024
export const MAX_THUMBNAIL_BYTES = 64 * 1024
export const MAX_PHOTOS_PER_ACTIVITY = 9

export interface ActivityInput {
  regionId: string
  kind: ActivityKind
  title: string
  place: string
  heldAt: string
  organiser: string
  attendance: number
  targetGroups: TargetGroup[]
  materials: number
  summary: string
}

export interface ActivityPhoto {
  id: string
  /** Relative URLs under /api/activity-photos/. */
  url: string
  thumbnailUrl: string
}

export interface ActivityListItem {
  id: string
  regionId: string
  regionName: string
  kind: ActivityKind
  title: string
  place: string
  heldAt: string
  attendance: number
  photoCount: number
  /** Up to three thumbnails for the list. */
  thumbnails: string[]
}

export interface Activity extends ActivityInput {
  id: string
  regionName: string
  createdBy: { id: string; name: string }
  photos: ActivityPhoto[]
  /** The caller may edit and delete it. */
  editable: boolean
  updatedAt: string
}
