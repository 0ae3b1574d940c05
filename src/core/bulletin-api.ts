import type { FraudTypeKey } from './fraud-types'

/**
 * API shapes of daily case bulletins and their fan-out (issue 5), shared by app and server. Server TypeBox
 * schemas mirror these. Times are ISO 8601 strings; dates are YYYY-MM-DD (Asia/Shanghai).
 *
 * Routes (all JSON unless said otherwise):
 *   Authoring, action bulletin.write, scoped to the bulletin's region:
 *     GET    /api/bulletins/manage?regionId&page&pageSize   → Page<BulletinAdminItem> (drafts included)
 *     POST   /api/bulletins                                 BulletinInput → BulletinDetail (a draft)
 *     GET    /api/bulletins/:id                             → BulletinDetail (any state)
 *     PUT    /api/bulletins/:id                             BulletinInput → BulletinDetail
 *     POST   /api/bulletins/:id/publish                     PublishInput → BulletinDetail
 *     POST   /api/bulletins/:id/retract                     { reason } → BulletinDetail
 *     GET    /api/bulletins/:id/versions                    → BulletinVersionItem[]
 *   Public, no sign-in needed (a bearer, when sent, names the reader):
 *     GET    /api/public/bulletins?page&pageSize            → Page<BulletinListItem> (published, newest first)
 *     GET    /api/public/bulletins/:id                      → BulletinDetail (404 unknown or unpublished, 410 retracted)
 *     GET    /api/public/bulletins/:id/poster.png           → image/png, about 1080 px wide, cached per version
 *     POST   /api/public/bulletins/:id/shares               ShareInput → ShareCreated
 *     POST   /api/public/opens                              OpenInput → OpenResult
 *   Groups, action group.label (cadres label the groups they own; admins see all in scope):
 *     GET    /api/groups?regionId&unlabelled                → WeChatGroup[]
 *     PUT    /api/groups/:id                                GroupLabelInput → WeChatGroup
 *   Reach, action bulletin.reach:
 *     GET    /api/bulletins/:id/reach?withinHours=N         → BulletinReach
 *     GET    /api/bulletins/:id/tree                        → ShareTreeNode[]
 *     GET    /api/reach/daily?regionId&from&to              → DailyReach[]
 *     GET    /api/reach/cadres?regionId&days=30             → CadreForwarding[]
 *   Reminders (signed in):
 *     POST   /api/subscriptions                             SubscribeInput → { remaining }
 *     GET    /api/outbox?regionId&status                    → OutboxItem[] (action bulletin.reach)
 */

export interface BulletinCase {
  fraudType: FraudTypeKey
  /** Who was defrauded, never a name: "江津区某镇 62岁 女性 退休职工". */
  victimProfile: string
  /** Yuan, whole or with fen; 0 when the fraud was stopped. */
  lossYuan: number
  /** How it happened, in a few sentences. */
  method: string
  /** 警方提示 for this case. */
  warning: string
}

export interface BulletinInput {
  regionId: string
  bulletinDate: string
  title: string
  cases: BulletinCase[]
  advice: string
}

export interface PublishInput {
  /** Omitted or null: publish now. In the future: scheduled. */
  at?: string | null
}

export type BulletinStatus = 'draft' | 'scheduled' | 'published' | 'retracted'

export interface BulletinListItem {
  id: string
  bulletinDate: string
  title: string
  caseCount: number
  totalLossYuan: number
  publishedAt: string
  version: number
}

export interface BulletinAdminItem extends Omit<BulletinListItem, 'publishedAt'> {
  status: BulletinStatus
  regionId: string
  regionName: string
  publishedAt: string | null
  updatedAt: string
}

export interface BulletinDetail extends BulletinInput {
  id: string
  status: BulletinStatus
  regionName: string
  /** The station shown on the poster, e.g. "柏林派出所". */
  stationName: string
  version: number
  publishedAt: string | null
  retractedAt: string | null
  totalLossYuan: number
  /** Relative URL of the poster PNG. */
  posterUrl: string
}

export interface BulletinVersionItem {
  version: number
  title: string
  editedBy: string
  editedAt: string
}

export interface ShareInput {
  /** The share the sharer opened it from (from the path), or null for the first share. */
  parentShareId?: string | null
  /** Anonymous readers identify by a device id kept on the phone. */
  readerKey?: string
}

export interface ShareCreated {
  id: string
  tier: number
  /** The page path to put in onShareAppMessage / the H5 link, carrying the share id. */
  path: string
}

/** What a card opened from a WeChat group gives: wx.getGroupEnterInfo's encrypted data. */
export interface EncryptedGroupInfo {
  encryptedData: string
  iv: string
}

export interface OpenInput {
  bulletinId: string
  shareId?: string | null
  /** Required when not signed in: 'd:<device uuid>'. Ignored when a bearer names the reader. */
  readerKey?: string
  scene?: number | null
  /** Only with a bearer from a WeChat login: the session key that decrypts it belongs to that session. */
  group?: EncryptedGroupInfo | null
}

export interface OpenResult {
  /** False when this reader had already opened it from this group (counted once). */
  counted: boolean
  group: { id: string; name: string | null; tier: 1 | 2 | null } | null
  /** Why a group or share sent along was not used, though the open was counted (e.g. GROUP_INFO_INVALID). */
  notices?: { code: string; message: string }[]
}

export interface WeChatGroup {
  id: string
  name: string | null
  tier: 1 | 2 | null
  regionId: string | null
  regionName: string | null
  ownerId: string | null
  ownerName: string | null
  firstSeenAt: string
  labelledAt: string | null
}

export interface GroupLabelInput {
  name: string
  tier: 1 | 2
  regionId: string
}

export interface TierReach {
  tier: 1 | 2
  groupsRegistered: number
  groupsReached: number
  /** Minutes from publishing to the first open in each reached group of this tier, median; null if none. */
  medianMinutesToReach: number | null
}

export interface UnreachedGroup {
  groupId: string
  name: string | null
  tier: 1 | 2 | null
  ownerId: string | null
  ownerName: string | null
}

export interface BulletinReach {
  bulletinId: string
  publishedAt: string | null
  tiers: TierReach[]
  opens: number
  uniqueReaders: number
  shares: number
  withinHours: number
  /** Registered groups with no open within `withinHours` of publishing, with their owners. */
  notReached: UnreachedGroup[]
}

export interface ShareTreeNode {
  id: string
  parentId: string | null
  tier: number
  sharerName: string | null
  groupName: string | null
  createdAt: string
  opens: number
}

export interface DailyReach {
  date: string
  bulletins: number
  groupsReached: { tier1: number; tier2: number }
  opens: number
  uniqueReaders: number
}

export interface CadreForwarding {
  userId: string
  name: string
  regionName: string
  groupsOwned: number
  bulletinsPublished: number
  /** Bulletins this cadre shared at least once in the period. */
  bulletinsForwarded: number
  groupsReached: number
  lastForwardedAt: string | null
}

export const SUBSCRIBE_TEMPLATES = {
  bulletin_reminder: { title: '通报转发提醒', description: '新的警情通报发布、或您的群还未收到时提醒您转发' },
  warning_overdue: { title: '预警超时提醒', description: '您负责或辖区内的预警超过首次联系时限仍未处置时提醒您' },
} as const
export type SubscribeTemplateKey = keyof typeof SUBSCRIBE_TEMPLATES

export interface SubscribeInput {
  templateKey: SubscribeTemplateKey
  /** What requestSubscribeMessage answered for this template. */
  result: 'accept' | 'reject' | 'ban' | 'filter'
}

export interface OutboxItem {
  id: string
  kind: string
  userName: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  lastErrcode: number | null
  lastError: string | null
  createdAt: string
  sentAt: string | null
}
