import type { FastifyRequest } from 'fastify'
import { stdSerializers } from 'pino'

const REDACTED = '[redacted]'

/**
 * Path segments that are secrets: door-label tokens (/h/<token>, /api/doors/<token>), invitation codes
 * (/join/<code>, /api/invitations/<code>), prize redemption codes (/api/prize-claims/<code>). Whoever holds one
 * can open a door page, join as staff or take a prize, so they never reach the log.
 */
const SECRET_SEGMENTS = /^(\/(?:h|join|api\/doors|api\/invitations|api\/prize-claims)\/)[^/?#]+/i
/** Query parameters whose values are secrets or personal data. */
const SECRET_PARAMS = /([?&](?:token|code|invite|invitation|invitationCode|inviteCode|phone|mobile|access_token|key)=)[^&#]*/gi
/** Mainland mobile numbers, anywhere in a URL or a message. */
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g
/** Bearer tokens, should one be written into a message. */
const BEARER = /\b(Bearer\s+)[\w.~+/=-]+/gi

export function redactText(text: string): string {
  return text.replace(BEARER, `$1${REDACTED}`).replace(PHONE, REDACTED)
}

export function redactUrl(url: string): string {
  return redactText(url.replace(SECRET_SEGMENTS, `$1${REDACTED}`).replace(SECRET_PARAMS, `$1${REDACTED}`))
}

/**
 * Fastify's request and error serializers with the secrets taken out. Headers are not logged at all (so neither
 * is Authorization); URLs and error messages are redacted.
 */
export const LOG_SERIALIZERS = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket ? request.socket.remotePort : undefined,
    }
  },
  err(error: Error) {
    const serialized = stdSerializers.err(error)
    return { ...serialized, message: redactText(serialized.message ?? ''), stack: redactText(serialized.stack ?? '') }
  },
}
