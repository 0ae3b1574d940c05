import { isKnowledgeFraudType, type KnowledgeFraudType } from '@/core/knowledge'

/** Posters carry `<PUBLIC_BASE_URL>/k/<type>`; WeChat's 普通链接二维码 hands that whole URL over, encoded, as `q`. */
const POSTER_PATH = /\/k\/([a-z_]+)(?:[/?#]|$)/

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The fraud type the learn page should open on: `type` from the H5 redirect of a poster's address, or the type in
 * a scanned poster URL. Null for the library list, including for anything that is not a known type.
 */
export function learnTypeFromParams(params: Partial<Record<string, string>>): KnowledgeFraudType | null {
  const candidate = params.type ?? (params.q ? POSTER_PATH.exec(decoded(params.q))?.[1] : undefined)
  return candidate && isKnowledgeFraudType(candidate) ? candidate : null
}
