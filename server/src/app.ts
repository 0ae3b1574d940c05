import Fastify, { type FastifyServerOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import compress from '@fastify/compress'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config'
import { composeServer, type RouteDeps } from './composition'
import type { AppContext } from './context'
import type { Database } from './db/database'
import { AppMetrics } from './metrics/app-metrics'
import { SessionCache } from './modules/auth/session-cache'
import { SessionInvalidation } from './modules/auth/session-invalidation'
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler'
import authPlugin from './plugins/auth'
import { clientErrorHandler } from './plugins/client-errors'
import { refuseInfiniteQueryNumbers } from './plugins/finite-query-numbers'
import { refuseUnstorableStrings } from './plugins/edge-strings'
import { LOG_SERIALIZERS } from './plugins/log-redaction'
import { registerSecurityHeaders } from './plugins/security-headers'
import { registerH5Assets } from './plugins/h5-assets'
import { registerMetrics } from './plugins/metrics'
import { registerRateLimits } from './plugins/rate-limits'
import { useStrictTimestamps } from './plugins/strict-timestamps'
import type { WeChatApi } from './wechat/wechat-api'
import { HttpWeChatApi } from './wechat/http-wechat-api'
import healthRoutes from './modules/health/routes'
import authRoutes from './modules/auth/routes'
import regionRoutes from './modules/regions/routes'
import userRoutes from './modules/users/routes'
import residenceRoutes from './modules/residence/routes'
import invitationRoutes from './modules/invitations/routes'
import householdRoutes from './modules/households/routes'
import labelRoutes from './modules/labels/routes'
import doorRoutes from './modules/doors/routes'
import pledgeRoutes from './modules/pledges/routes'
import visitRoutes from './modules/visits/routes'
import patrolRoutes from './modules/patrol/routes'
import coverageRoutes from './modules/coverage/routes'
import bulletinRoutes from './modules/bulletins/routes'
import shareRoutes from './modules/shares/routes'
import groupRoutes from './modules/groups/routes'
import reachRoutes from './modules/reach/routes'
import reminderRoutes from './modules/reminders/routes'
import knowledgeRoutes from './modules/knowledge/routes'
import questionRoutes from './modules/questions/routes'
import quizRoutes from './modules/quiz/routes'
import prizeRoutes from './modules/prizes/routes'
import warningRoutes from './modules/warnings/routes'
import visitTaskRoutes from './modules/visit-tasks/routes'
import activityRoutes from './modules/activities/routes'
import reportRoutes from './modules/reports/routes'

export interface AppDeps {
  config: Config
  database: Database
  /** Defaults to the HTTP client against config.wechatApiBase. */
  wechat?: WeChatApi
  now?: () => Date
  logger?: FastifyServerOptions['logger']
}

/** Builds the whole server without listening: main.ts listens, tests call app.inject. */
export async function buildApp(deps: AppDeps) {
  const { config, database } = deps
  const sessionCache = new SessionCache()
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    wechat: deps.wechat ?? new HttpWeChatApi(config.wechatApiBase, config.wechatAppId, config.wechatSecret),
    sessionCache,
    sessionInvalidation: new SessionInvalidation(database, sessionCache),
    metrics: new AppMetrics(database),
    now: deps.now ?? (() => new Date()),
  }
  const app = Fastify({
    logger: withRedaction(deps.logger),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true, allErrors: false }, onCreate: useStrictTimestamps },
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerErrorHandler(app)
  registerMetrics(app, ctx)
  refuseInfiniteQueryNumbers(app)
  refuseUnstorableStrings(app)
  await registerSecurityHeaders(app, config.h5Dir)
  await registerRateLimits(app, ctx)
  // API answers (a village's household list is hundreds of KB of JSON) and index.html; files already compressed at
  // build time carry their Content-Encoding and pass through untouched.
  await app.register(compress, { encodings: ['br', 'gzip'] })
  await app.register(swagger, {
    openapi: {
      info: { title: '反诈宣防通 API', version: '0.1.0', description: '网格化反诈宣防：入户、通报、答题、预警与报表' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs' })
  await app.register(authPlugin, { ctx })
  const root = composeServer(ctx, app.log)
  app.addHook('onReady', () => root.start())
  app.addHook('onClose', () => root.stop())
  const routeDeps: RouteDeps = { ctx, services: root.services }

  await app.register(healthRoutes, routeDeps)
  await app.register(authRoutes, routeDeps)
  await app.register(regionRoutes, routeDeps)
  await app.register(userRoutes, routeDeps)
  await app.register(residenceRoutes, routeDeps)
  await app.register(invitationRoutes, routeDeps)
  await app.register(householdRoutes, routeDeps)
  await app.register(labelRoutes, routeDeps)
  await app.register(doorRoutes, routeDeps)
  await app.register(pledgeRoutes, routeDeps)
  await app.register(visitRoutes, routeDeps)
  await app.register(patrolRoutes, routeDeps)
  await app.register(coverageRoutes, routeDeps)
  await app.register(bulletinRoutes, routeDeps)
  await app.register(shareRoutes, routeDeps)
  await app.register(groupRoutes, routeDeps)
  await app.register(reachRoutes, routeDeps)
  await app.register(reminderRoutes, routeDeps)
  await app.register(knowledgeRoutes, routeDeps)
  await app.register(questionRoutes, routeDeps)
  await app.register(quizRoutes, routeDeps)
  await app.register(prizeRoutes, routeDeps)
  await app.register(warningRoutes, routeDeps)
  await app.register(visitTaskRoutes, routeDeps)
  await app.register(activityRoutes, routeDeps)
  await app.register(reportRoutes, routeDeps)

  await registerH5Assets(app, config.h5Dir)
  return app
}

/** Whatever logger options the caller gives, requests and errors are logged without secrets (log-redaction.ts). */
function withRedaction(logger: AppDeps['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false
  const options = logger === true ? {} : logger
  return { ...options, serializers: { ...LOG_SERIALIZERS, ...options.serializers } }
}

export type App = Awaited<ReturnType<typeof buildApp>>
