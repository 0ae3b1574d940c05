import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { ERRORS } from '#core/errors'
import type { RateLimitPolicy } from '../config'
import type { AppContext } from '../context'
import { AppError } from '../errors'
import { postgresRateLimitStore } from './rate-limit-store'

/**
 * Which routes are limited, by which policies (limits in config.ts, RATE_LIMIT_* variables). Kept here rather
 * than on each route so that the list reads as one; a test fails when a route named here no longer exists.
 */
export const RATE_LIMITED_ROUTES: Record<string, readonly RateLimitPolicy[]> = {
  'POST /api/auth/wechat-login': ['signInPerAddress', 'signInPerCode'],
  'POST /api/auth/demo-login': ['demoLogin'],
  'POST /api/auth/demo-signup': ['demoLogin'],
  // Guessing an open invitation code is hopeless (31^8 codes, a few dozen open), and this keeps it so.
  'GET /api/invitations/:code': ['invitationCodes'],
  'POST /api/invitations/:code/accept': ['invitationCodes'],
  'GET /api/prize-claims/:code': ['prizeCodes'],
  'POST /api/prize-claims/:code/redeem': ['prizeCodes'],
  'POST /api/households/:id/phone': ['phoneReveals'],
  'POST /api/warnings/:id/reveal-phone': ['phoneReveals'],
  // A person answers a handful of times a day: this leaves room for retries and stops scripts.
  'POST /api/quiz/today': ['quizCalls'],
  // One per question (five a day), counted apart from the other calls so that answering does not use up their room.
  'POST /api/quiz/today/answer': ['quizSubmit'],
  'POST /api/quiz/today/submit': ['quizSubmit', 'quizCalls'],
  'GET /api/quiz/me': ['quizCalls'],
  'GET /api/quiz/leaderboard': ['quizCalls'],
}

/** Who a policy counts: an address, a WeChat login code, a signed-in user. null: the policy does not apply. */
const COUNTED: Record<RateLimitPolicy, (req: FastifyRequest) => string | null> = {
  signInPerAddress: (req) => req.ip,
  // A WeChat code names one account's login attempt: guessing or replaying codes is counted per code.
  signInPerCode: (req) => {
    const code = (req.body as { code?: unknown } | undefined)?.code
    return typeof code === 'string' ? code : null
  },
  demoLogin: (req) => req.ip,
  prizeCodes: callerOrAddress,
  invitationCodes: callerOrAddress,
  phoneReveals: callerOrAddress,
  quizSubmit: callerOrAddress,
  quizCalls: callerOrAddress,
}

function callerOrAddress(req: FastifyRequest): string {
  return req.user ? `user:${req.user.id}` : `ip:${req.ip}`
}

/**
 * Rate limits with @fastify/rate-limit, answering 429 `{ code: 'RATE_LIMITED', message }` in Chinese with
 * Retry-After. On PostgreSQL the counters live in the `rate_limits` table, so every instance on that database
 * shares them; on PGlite (one process by construction) they live in memory.
 */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext) {
  await app.register(rateLimit, {
    global: false,
    ...(ctx.database.kind === 'pg' && { store: postgresRateLimitStore(ctx.db) }),
  })
  const limiters = new Map(Object.entries(ctx.config.rateLimits).map(([policy, { max, windowSeconds }]) => [
    policy as RateLimitPolicy,
    app.createRateLimit({ max, timeWindow: windowSeconds * 1000, keyGenerator: (req) => `${policy}:${COUNTED[policy as RateLimitPolicy](req)}` }),
  ]))

  const limit = (policies: readonly RateLimitPolicy[]): preHandlerAsyncHookHandler => async (req, reply) => {
    for (const policy of policies) {
      if (COUNTED[policy](req) === null) continue
      const counted = await limiters.get(policy)!(req)
      if (!counted.isAllowed && counted.isExceeded) {
        reply.header('retry-after', String(counted.ttlInSeconds))
        throw new AppError('RATE_LIMITED', 429, `${ERRORS.RATE_LIMITED.replace(/，.*$/, '')}，请${waitText(counted.ttlInSeconds)}后再试`)
      }
    }
  }

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const policies = methods.flatMap((method) => RATE_LIMITED_ROUTES[`${method} ${route.url}`] ?? [])
    if (policies.length === 0) return
    // After the route's own preHandlers: the user is known by then, and a refused caller is not counted.
    const own = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : []
    route.preHandler = [...own, limit(policies)]
  })
}

function waitText(seconds: number): string {
  return seconds < 90 ? ` ${Math.max(1, seconds)} 秒` : ` ${Math.ceil(seconds / 60)} 分钟`
}
