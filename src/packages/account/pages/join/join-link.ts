import { normalizeInvitationCode } from '@/core/membership'

export const JOIN_PAGE = '/pages/join/index'

/** Invitation QR codes carry `<PUBLIC_BASE_URL>/join/<code>`. */
const JOIN_PATH = /\/join\/([A-Za-z0-9-]{4,32})(?:[/?#]|$)/

/**
 * The invitation code in the join page's params: `code` from the H5 redirect of /join/<code> and our own links,
 * `q` (the URL-encoded link) from WeChat's 普通链接二维码. Null when neither holds one.
 */
export function invitationCodeFromParams(params: Partial<Record<string, string>>): string | null {
  const direct = params.code ? normalizeInvitationCode(safeDecode(params.code)) : ''
  if (direct) return direct
  if (!params.q) return null
  const link = JOIN_PATH.exec(safeDecode(params.q.trim()))
  return link ? normalizeInvitationCode(link[1]) : null
}

export function joinPageUrl(code: string): string {
  return `${JOIN_PAGE}?code=${encodeURIComponent(code)}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
