import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'
import { AppError } from '../errors'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads its own bearer token (not a session): the auth plugin leaves the header alone. */
    ownBearer?: boolean
  }
}

/** What Prometheus scrapes; hidden from the API documentation. */
export const METRICS_PATH = '/metrics'

/**
 * Counts every answered request by route pattern, and, when METRICS_TOKEN is set, serves the instance's numbers
 * at /metrics to a scraper presenting `Authorization: Bearer <METRICS_TOKEN>`. With no token the path does not
 * exist (404 like any unknown path): the numbers name routes and volumes, which are nobody else's business.
 * Register before the modules, so that the hook sees every route.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext) {
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000)
  })
  const token = ctx.config.metricsToken
  if (!token) return
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing character.
  const expected = digest(token)
  app.get(METRICS_PATH, { schema: { hide: true }, config: { ownBearer: true } }, async (request, reply) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? ''
    if (!timingSafeEqual(digest(given), expected)) throw new AppError('METRICS_TOKEN_INVALID', 401)
    const text = await ctx.metrics.text()
    return reply.header('content-type', ctx.metrics.contentType).header('cache-control', 'no-store').send(text)
  })
}

const digest = (text: string) => createHash('sha256').update(text).digest()
