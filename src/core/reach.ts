import { isWithin, type RegionLevel } from './regions'

/**
 * Reach figures of bulletins (issue 5): which registered groups a bulletin reached and how fast, per day and
 * per cadre. Pure: the server hands in rows, these functions do the arithmetic.
 */

export const DEFAULT_WITHIN_HOURS = 6
/** A daily report is for a quarter at most; beyond that the caller narrows the range. */
export const MAX_DAILY_RANGE_DAYS = 92

export type GroupTier = 1 | 2

export interface TierReach {
  tier: GroupTier
  groupsRegistered: number
  groupsReached: number
  /** Minutes from publishing to the first open in each reached group of this tier, median; null if none. */
  medianMinutesToReach: number | null
}

export interface UnreachedGroup {
  groupId: string
  name: string | null
  tier: GroupTier | null
  ownerId: string | null
  ownerName: string | null
}

/** What bulletinReach works out, as the reach report shows it. */
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

/** A labelled group under the bulletin's region, with the first open of the bulletin in it (null: none yet). */
export interface RegisteredGroupReach {
  groupId: string
  name: string | null
  tier: 1 | 2
  ownerId: string | null
  ownerName: string | null
  firstOpenAt: Date | null
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000
/** One decimal: "4.5 分钟" reads well, more digits are noise. */
const oneDecimal = (x: number) => Math.round(x * 10) / 10

/** Both tiers, always, so that a tier with no group registered yet shows as 0 of 0 rather than vanishing. */
export function tierReach(groups: readonly RegisteredGroupReach[], publishedAt: Date | null): TierReach[] {
  return ([1, 2] as const).map((tier) => {
    const ofTier = groups.filter((g) => g.tier === tier)
    const reached = ofTier.filter((g) => g.firstOpenAt !== null)
    // Opens before publishing can only be a clock skew or a test preview: they count as reached at once.
    const minutes = publishedAt ? reached.map((g) => Math.max(0, minutesBetween(publishedAt, g.firstOpenAt!))) : []
    const mid = median(minutes)
    return { tier, groupsRegistered: ofTier.length, groupsReached: reached.length, medianMinutesToReach: mid === null ? null : oneDecimal(mid) }
  })
}

/** Registered groups with no open within `withinHours` of publishing: the ones whose owner must be reminded. */
export function notReached(groups: readonly RegisteredGroupReach[], publishedAt: Date | null, withinHours: number): UnreachedGroup[] {
  const deadline = publishedAt ? publishedAt.getTime() + withinHours * 3600_000 : null
  return groups
    .filter((g) => deadline === null || g.firstOpenAt === null || g.firstOpenAt.getTime() > deadline)
    .sort((a, b) => a.tier - b.tier || (a.name ?? '').localeCompare(b.name ?? '', 'zh-Hans-CN') || a.groupId.localeCompare(b.groupId))
    .map((g) => ({ groupId: g.groupId, name: g.name, tier: g.tier, ownerId: g.ownerId, ownerName: g.ownerName }))
}

export function bulletinReach(input: {
  bulletinId: string
  publishedAt: Date | null
  groups: readonly RegisteredGroupReach[]
  opens: number
  uniqueReaders: number
  shares: number
  withinHours: number
}): BulletinReach {
  return {
    bulletinId: input.bulletinId,
    publishedAt: input.publishedAt?.toISOString() ?? null,
    tiers: tierReach(input.groups, input.publishedAt),
    opens: input.opens,
    uniqueReaders: input.uniqueReaders,
    shares: input.shares,
    withinHours: input.withinHours,
    notReached: notReached(input.groups, input.publishedAt, input.withinHours),
  }
}

/** Every date from `from` to `to` (YYYY-MM-DD, both included), or null when the range is reversed or too long. */
export function dayRange(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`)
  const end = Date.parse(`${to}T00:00:00Z`)
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null
  const days = (end - start) / 86_400_000 + 1
  if (days > MAX_DAILY_RANGE_DAYS) return null
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10))
}

/** The days of the range in order, each with its row counted in SQL; a day without a row had nothing happen. */
export function dailyRollup(days: readonly string[], rows: readonly DailyReach[]): DailyReach[] {
  const byDate = new Map(rows.map((r) => [r.date, r]))
  return days.map((date) => byDate.get(date) ?? { date, bulletins: 0, groupsReached: { tier1: 0, tier2: 0 }, opens: 0, uniqueReaders: 0 })
}

export interface CadreFacts {
  userId: string
  name: string
  regionName: string
  /** The village (or community) the cadre serves. */
  regionPath: string
}

/**
 * Per cadre over a period: the bulletins that covered their village, how many of those they shared, and how
 * many of their own groups opened any of them. Cadres who forwarded least come first: they are the ones to call.
 */
export function cadreForwarding(input: {
  cadres: readonly CadreFacts[]
  /** Bulletins published in the period, with the path of the region each covers. */
  bulletins: readonly { id: string; regionPath: string }[]
  /** Shares made in the period by the cadres. */
  shares: readonly { sharerId: string; bulletinId: string; createdAt: Date }[]
  /** Groups owned by the cadres, and whether any bulletin of the period was opened in each. */
  groups: readonly { ownerId: string; reached: boolean }[]
}): CadreForwarding[] {
  const rows = input.cadres.map((c): CadreForwarding => {
    const covering = new Set(input.bulletins.filter((b) => isWithin(c.regionPath, b.regionPath)).map((b) => b.id))
    const own = input.shares.filter((s) => s.sharerId === c.userId && covering.has(s.bulletinId))
    const groups = input.groups.filter((g) => g.ownerId === c.userId)
    const last = own.reduce<Date | null>((max, s) => (max === null || s.createdAt > max ? s.createdAt : max), null)
    return {
      userId: c.userId,
      name: c.name,
      regionName: c.regionName,
      groupsOwned: groups.length,
      bulletinsPublished: covering.size,
      bulletinsForwarded: new Set(own.map((s) => s.bulletinId)).size,
      groupsReached: groups.filter((g) => g.reached).length,
      lastForwardedAt: last?.toISOString() ?? null,
    }
  })
  const missed = (r: CadreForwarding) => r.bulletinsPublished - r.bulletinsForwarded
  return rows.sort((a, b) => missed(b) - missed(a) || a.regionName.localeCompare(b.regionName, 'zh-Hans-CN') || a.name.localeCompare(b.name, 'zh-Hans-CN'))
}

/** A 平安群 serves a town or a village; a 村群 serves one village. */
export function groupRegionFits(tier: 1 | 2, regionLevel: RegionLevel): boolean {
  return tier === 1 ? regionLevel === 'town' || regionLevel === 'village' : regionLevel === 'village'
}
