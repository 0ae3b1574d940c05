import { createHmac, randomBytes } from 'node:crypto'

/** 256 random bits, URL-safe: the bearer token handed to the client. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Only this HMAC is stored, so a copy of the sessions table cannot be replayed as tokens. */
export function hashSessionToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url')
}

export function looksLikeSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}
