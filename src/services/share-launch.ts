import Taro from '@tarojs/taro'
import type { EncryptedGroupInfo } from '@/contract/shares'

/** How this bulletin page was reached: which share's link, from which WeChat scene, and from which group card. */
export interface ShareLaunch {
  shareId: string | null
  scene: number | null
  /** weapp only: present when the card was opened from a group chat. */
  shareTicket: string | null
}

interface EnterOptions {
  scene?: number
  shareTicket?: string
}

const SHARE_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The share id travels as `share` in the shared path; anything else in its place is ignored, not trusted. */
export function shareLaunchFrom(params: Partial<Record<string, string>>, enter: EnterOptions | null): ShareLaunch {
  const raw = params.share ?? params.shareId
  const shareId = raw && SHARE_ID.test(raw) ? raw : null
  return {
    shareId,
    scene: typeof enter?.scene === 'number' ? enter.scene : null,
    shareTicket: enter?.shareTicket || null,
  }
}

/** weapp: the options of this entry into the app (a group card brings its shareTicket); H5 has only the link. */
export function currentEnterOptions(): EnterOptions | null {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    return Taro.getEnterOptionsSync()
  } catch {
    return null
  }
}

/** weapp: the encrypted group id the server decrypts with the reader's session key. Null whenever WeChat gives nothing. */
export async function groupInfo(shareTicket: string | null): Promise<EncryptedGroupInfo | null> {
  if (process.env.TARO_ENV !== 'weapp' || !shareTicket) return null
  // Missing before base library 2.17.3 and in some WeChat clients (PC, WeCom): the open then counts without a group.
  if (typeof Taro.getGroupEnterInfo !== 'function') return null
  try {
    // Taro's typings omit shareTicket; WeChat uses it to name the group when the entry was not the card itself.
    const options: Taro.getGroupEnterInfo.Option & { shareTicket: string } = { shareTicket }
    const { encryptedData, iv } = (await Taro.getGroupEnterInfo(options)) as Taro.getGroupEnterInfo.SuccessCallbackResult
    return encryptedData && iv ? { encryptedData, iv } : null
  } catch {
    return null
  }
}

/** H5: the share path as a link that opens the same page, whichever router mode the build uses. */
export function shareLinkUrl(path: string, location: Pick<Location, 'origin' | 'pathname' | 'hash'>): string {
  const usesHash = location.hash.startsWith('#/')
  return usesHash ? `${location.origin}${location.pathname}#${path}` : `${location.origin}${path}`
}
