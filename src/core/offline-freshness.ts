/**
 * What a phone may show from what it kept while the network is gone, and how the screen says how old it is.
 * Times are China time (UTC+8 all year), the clock the reader lives by.
 */

const CHINA_OFFSET_MS = 8 * 3600_000
const pad = (n: number) => String(n).padStart(2, '0')
const chinaClock = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS)
const chinaDay = (at: Date) => chinaClock(at).toISOString().slice(0, 10)

/** "今天 08:30", "昨天 18:05" or "12月4日 07:10": short enough for a banner, exact enough to judge the news. */
export function whenSaved(savedAt: Date, now: Date): string {
  const clock = chinaClock(savedAt)
  const time = `${pad(clock.getUTCHours())}:${pad(clock.getUTCMinutes())}`
  if (chinaDay(savedAt) === chinaDay(now)) return `今天 ${time}`
  if (chinaDay(savedAt) === chinaDay(new Date(now.getTime() - 24 * 3600_000))) return `昨天 ${time}`
  return `${clock.getUTCMonth() + 1}月${clock.getUTCDate()}日 ${time}`
}

export interface Freshness {
  /** The phone reports no network at all (not merely a slow one). */
  offline: boolean
  /** When the oldest answer on screen was fetched, if any came from what the phone kept; null when all is fresh. */
  savedAt: Date | null
}

/**
 * The banner over a page, or null when there is nothing to say. Offline with nothing kept still says what will
 * happen, so that a tap that cannot work offline is never silent.
 */
export function freshnessBanner({ offline, savedAt }: Freshness, now: Date): string | null {
  if (savedAt) return `${offline ? '离线' : '网络不畅'} · 上次更新 ${whenSaved(savedAt, now)}`
  if (offline) return '离线 · 已保存的内容可以查看，联网后自动更新'
  return null
}

/** A patrol plan kept on the phone, with whose it is and when the server made it. */
export interface SavedPlan<T> {
  userId: string
  gridId: string
  savedAt: string
  plan: T
}

/**
 * Today's suggestions are today's: a plan kept yesterday would send the worker to doors already visited. Only the
 * same worker's plan for the same grid counts, so a shared phone never shows one worker's doors to another.
 */
export function usableSavedPlan<T>(saved: SavedPlan<T> | null, userId: string | null, gridId: string, now: Date): SavedPlan<T> | null {
  if (!saved || !userId || saved.userId !== userId || saved.gridId !== gridId) return null
  const savedAt = new Date(saved.savedAt)
  if (Number.isNaN(savedAt.getTime()) || savedAt > now) return null
  return chinaDay(savedAt) === chinaDay(now) ? saved : null
}
