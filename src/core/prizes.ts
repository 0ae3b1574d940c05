import { isWithin } from './regions'
import { parseTimestamp } from './timestamp'

/**
 * Prizes: who may claim one now and why not, what an admin may set, and redemption codes. Stock and the per-user
 * limit are checked here for the offer list; the claim itself re-checks both atomically in the database.
 * Prizes never depend on sharing or inviting (运营规范 forbids share-gating): only learning counts.
 */

export interface PrizeTerms {
  regionPath: string
  stock: number
  granted: number
  perUserLimit: number
  minScore: number | null
  minStreak: number | null
  validFrom: Date
  validTo: Date
}

export interface ClaimantFacts {
  regionPaths: readonly string[]
  /** Best score of any scored quiz; null before the first one. */
  bestScore: number | null
  streak: number
  claimedByMe: number
}

export type UnmetCode = 'PRIZE_NOT_STARTED' | 'PRIZE_EXPIRED' | 'PRIZE_OUT_OF_REGION' | 'PRIZE_OUT_OF_STOCK' | 'PRIZE_LIMIT_REACHED' | 'PRIZE_NOT_ELIGIBLE'

export interface Unmet {
  code: UnmetCode
  message: string
}

const pad = (n: number) => String(n).padStart(2, '0')
/** 2026-01-05T01:00Z → "1月5日 09:00" in Beijing time. */
function chinaTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** Everything standing between the claimant and the prize now, most fundamental first; empty when they may claim. */
export function unmetConditions(prize: PrizeTerms, claimant: ClaimantFacts, now: Date): Unmet[] {
  const unmet: Unmet[] = []
  if (now < prize.validFrom) unmet.push({ code: 'PRIZE_NOT_STARTED', message: `该奖品 ${chinaTime(prize.validFrom)} 开始领取` })
  if (now >= prize.validTo) unmet.push({ code: 'PRIZE_EXPIRED', message: `该奖品已于 ${chinaTime(prize.validTo)} 截止领取` })
  if (!claimant.regionPaths.some((p) => isWithin(p, prize.regionPath))) unmet.push({ code: 'PRIZE_OUT_OF_REGION', message: '该奖品只限本辖区居民领取' })
  if (prize.granted >= prize.stock) unmet.push({ code: 'PRIZE_OUT_OF_STOCK', message: '奖品已领完' })
  if (claimant.claimedByMe >= prize.perUserLimit) unmet.push({ code: 'PRIZE_LIMIT_REACHED', message: `每人限领 ${prize.perUserLimit} 份，您已领取 ${claimant.claimedByMe} 份` })
  if (prize.minScore !== null && (claimant.bestScore ?? -1) < prize.minScore) {
    unmet.push({
      code: 'PRIZE_NOT_ELIGIBLE',
      message: claimant.bestScore === null
        ? `需每日答题得分达到 ${prize.minScore} 分（您还没有答过题）`
        : `需每日答题得分达到 ${prize.minScore} 分（您的最好成绩是 ${claimant.bestScore} 分）`,
    })
  }
  if (prize.minStreak !== null && claimant.streak < prize.minStreak) {
    unmet.push({ code: 'PRIZE_NOT_ELIGIBLE', message: `需连续 ${prize.minStreak} 天参加每日答题（您目前连续 ${claimant.streak} 天）` })
  }
  return unmet
}

export const MAX_PRIZE_NAME_LENGTH = 30
export const MAX_PRIZE_DESCRIPTION_LENGTH = 200
export const MAX_PICKUP_PLACE_LENGTH = 60

/** An admin's prize as written, what checkPrizeInput reads of it; lengths and ranges are the request schema's. */
export interface PrizeDraft {
  name: string
  pickupPlace: string
  validFrom: string
  validTo: string
  stock: number
}

/** What is wrong with an admin's prize, in Chinese; empty when it can be saved. `granted` is 0 for a new prize. */
export function checkPrizeInput(input: PrizeDraft, granted = 0): string[] {
  const problems: string[] = []
  const from = parseTimestamp(input.validFrom)
  const to = parseTimestamp(input.validTo)
  if (!input.name.trim()) problems.push('请填写奖品名称')
  if (!input.pickupPlace.trim()) problems.push('请填写领取地点')
  if (from === null || to === null) problems.push('领取时间格式不正确')
  else if (to <= from) problems.push('截止时间必须晚于开始时间')
  if (input.stock < granted) problems.push(`库存不能少于已领出的 ${granted} 份`)
  return problems
}

/** No 0/O or 1/I: codes are read aloud and typed by staff. 32 letters, so a random byte's low 5 bits pick one evenly. */
export const REDEMPTION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const REDEMPTION_CODE_LENGTH = 12

/** A code from random bytes (the server passes crypto-random ones): 12 × 5 bits = 60 bits, not guessable. */
export function redemptionCodeFrom(randomBytes: ArrayLike<number>): string {
  if (randomBytes.length < REDEMPTION_CODE_LENGTH) throw new Error(`need ${REDEMPTION_CODE_LENGTH} random bytes`)
  let code = ''
  for (let i = 0; i < REDEMPTION_CODE_LENGTH; i++) code += REDEMPTION_ALPHABET[randomBytes[i] & 31]
  return code
}

/** What staff type or scan, tidied: case, spaces and dashes do not matter; null when it cannot be a code. */
export function normalizeRedemptionCode(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s-]/g, '')
  return code.length === REDEMPTION_CODE_LENGTH && [...code].every((c) => REDEMPTION_ALPHABET.includes(c)) ? code : null
}

/**
 * The station sets a prize's validity by calendar day, as people in the county live it: from the start of the first
 * day to the end of the last, China time (UTC+8, no daylight saving), as the instants the server stores.
 */
export function prizeWindowOfDays(fromDay: string, toDay: string): { validFrom: string; validTo: string } {
  return { validFrom: `${fromDay}T00:00:00+08:00`, validTo: `${toDay}T23:59:59+08:00` }
}
