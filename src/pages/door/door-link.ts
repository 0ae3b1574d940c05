import { ROUTES } from '@/navigation/routes'

/** Door labels carry `<PUBLIC_BASE_URL>/h/<token>`; the token is base64url, 22 characters today. */
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/
const LABEL_PATH = /\/h\/([A-Za-z0-9_-]{8,64})(?:[/?#]|$)/

/**
 * The label token in what a scan or a link gave us: a label URL, a URL-encoded one (the `q` parameter of a
 * 普通链接二维码), or a bare token. Null for anything else, e.g. a payment code scanned by mistake.
 */
export function doorTokenFrom(scanned: string | undefined | null): string | null {
  if (!scanned) return null
  const text = safeDecode(scanned.trim())
  if (TOKEN.test(text)) return text
  return LABEL_PATH.exec(text)?.[1] ?? null
}

/** The door page's params: `token` from our own links and the H5 redirect, `q` from WeChat's link QR codes. */
export function doorTokenFromParams(params: Partial<Record<string, string>>): string | null {
  return doorTokenFrom(params.token) ?? doorTokenFrom(params.q)
}

export function doorPageUrl(token: string): string {
  return `${ROUTES.door}?token=${encodeURIComponent(token)}`
}

export function visitFormUrl(householdId: string): string {
  return `${ROUTES.visit}?householdId=${encodeURIComponent(householdId)}`
}

export function pledgeFormUrl(householdId: string): string {
  return `${ROUTES.pledge}?householdId=${encodeURIComponent(householdId)}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export function pledgeViewUrl(householdId: string): string {
  return `${ROUTES.pledgeView}?householdId=${encodeURIComponent(householdId)}`
}
