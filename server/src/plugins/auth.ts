import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { hasAnyRole } from '#core/scope'
import type { Role } from '#core/roles'
import { AppError } from '../errors'
import type { CachedSession } from '../modules/auth/session-cache'
import { WriteCoalescer } from '../db/write-coalescer'
import { SessionRepo } from '../modules/auth/session-repo'
import type { SessionUser } from '../modules/auth/session-user'
import { hashSessionToken, looksLikeSessionToken } from '../modules/auth/tokens'
import type { AppContext } from '../context'

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, or null for anonymous requests. Set by the auth plugin before any handler runs. */
    user: SessionUser | null
  }
  interface FastifyInstance {
    requireUser: preHandlerAsyncHookHandler
    requireRole: (...roles: Role[]) => preHandlerAsyncHookHandler
  }
}

/** The caller of a route guarded by requireUser/requireRole. */
export function callerOf(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError('AUTH_REQUIRED', 401)
  return request.user
}

/**
 * Reads `Authorization: Bearer <token>`. A request without one is anonymous; a request with a bad, expired
 * or revoked token is refused outright rather than treated as anonymous, so the client knows to log in again.
 */
async function authPlugin(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts
  const sessions = new SessionRepo(ctx.db)
  // Many phones' first requests arrive together: their lookups share one query.
  const loader = new WriteCoalescer(
    async (hashes: string[]) => {
      const found = await sessions.findMany(hashes)
      return hashes.map((hash) => found.get(hash) ?? null)
    },
    { maxItems: 500, maxWaitMs: 1, maxConcurrent: ctx.database.kind === 'pg' ? 4 : 1, onFlush: ctx.metrics.batchObserver('session_lookups') },
  )
  app.decorateRequest('user', null)

  async function lookUp(tokenHash: string): Promise<CachedSession> {
    const [session] = await loader.submit([tokenHash])
    if (session?.deactivatedAt) throw new AppError('USER_DEACTIVATED', 401)
    if (!session || session.revokedAt) throw new AppError('AUTH_INVALID', 401)
    ctx.sessionCache.set(tokenHash, session)
    return session
  }

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization
    // No route (404): nothing to authorise, and the answer should not depend on the token.
    if (!header || !request.routeOptions.url || request.routeOptions.config.ownBearer) return
    const token = /^Bearer (.+)$/.exec(header)?.[1]?.trim()
    if (!token || !looksLikeSessionToken(token)) throw new AppError('AUTH_INVALID', 401)
    const tokenHash = hashSessionToken(ctx.config.sessionSecret, token)
    const session = ctx.sessionCache.get(tokenHash) ?? (await lookUp(tokenHash))
    if (session.expiresAt.getTime() <= ctx.now().getTime()) throw new AppError('AUTH_EXPIRED', 401)
    request.user = { id: session.userId, displayName: session.displayName, roles: session.roles, tokenHash }
  })

  app.decorate('requireUser', async (request: FastifyRequest) => {
    callerOf(request)
  })
  app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
    if (!hasAnyRole(callerOf(request).roles, roles)) throw new AppError('FORBIDDEN', 403)
  })
}

export default fp(authPlugin, { name: 'auth' })
