/**
 * Rules of the share tree of a bulletin (issue 5): the station's own share is tier 0, every share one tier
 * below the share it was made from. Ids travel in page paths, so they are short, opaque and URL-safe.
 */

export const SHARE_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
export const SHARE_ID_LENGTH = 10
/** Far deeper than station → 平安群 → 村群 → neighbours ever goes; a longer chain can only be corrupt data. */
export const MAX_SHARE_DEPTH = 20

const SHARE_ID_PATTERN = new RegExp(`^[0-9A-Za-z]{${SHARE_ID_LENGTH}}$`)

export function isShareId(value: string): boolean {
  return SHARE_ID_PATTERN.test(value)
}

/**
 * Turns random bytes into a share id, dropping bytes ≥ 248 so that every character is equally likely
 * (248 = 4 × 62). Null when the bytes ran out first: the caller draws more.
 */
export function shareIdFromBytes(bytes: Uint8Array): string | null {
  let id = ''
  for (const b of bytes) {
    if (b >= 248) continue
    id += SHARE_ID_ALPHABET[b % 62]
    if (id.length === SHARE_ID_LENGTH) return id
  }
  return null
}

export function sharePath(bulletinId: string, shareId: string): string {
  return `/pages/bulletin/index?id=${bulletinId}&share=${shareId}`
}

export interface ShareLink {
  id: string
  parentId: string | null
  tier: number
}

export type ShareTierVerdict = { ok: true; tier: number } | { ok: false; code: 'SHARE_LOOP' }

/**
 * The tier of a new share made from `parent`, given the parent's chain up to its root (parent first).
 * A chain that revisits a share, runs deeper than MAX_SHARE_DEPTH or whose tiers do not step by one is
 * refused: rows inserted parent-first cannot loop, so such a chain means the data was tampered with.
 */
export function childTier(ancestry: readonly ShareLink[]): ShareTierVerdict {
  if (ancestry.length === 0) return { ok: true, tier: 1 }
  if (ancestry.length > MAX_SHARE_DEPTH) return { ok: false, code: 'SHARE_LOOP' }
  const seen = new Set<string>()
  for (const [i, link] of ancestry.entries()) {
    if (seen.has(link.id)) return { ok: false, code: 'SHARE_LOOP' }
    seen.add(link.id)
    const above = ancestry[i + 1]
    if (above ? link.parentId !== above.id || link.tier !== above.tier + 1 : link.parentId !== null) return { ok: false, code: 'SHARE_LOOP' }
  }
  const tier = ancestry[0].tier + 1
  return tier > MAX_SHARE_DEPTH ? { ok: false, code: 'SHARE_LOOP' } : { ok: true, tier }
}

/**
 * The tier of a share made without a known parent. The first such share by station staff (bulletin.write on
 * the bulletin's region) is the station's own, tier 0. Anyone else, or a parent id that does not belong to
 * this bulletin, hangs at tier 1 with no parent: it came from the station's publication, and crediting some
 * other sharer's subtree with it would falsify who forwarded what.
 */
export function rootTier(sharerIsStation: boolean, stationShareExists: boolean): 0 | 1 {
  return sharerIsStation && !stationShareExists ? 0 : 1
}

/** 'd:<uuid>', the device id an anonymous reader's phone keeps. */
export function isDeviceReaderKey(value: string): boolean {
  return /^d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}
