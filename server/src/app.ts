import Fastify, { type FastifyServerOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import compress from '@fastify/compress'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config'
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
import { OutboxWorker } from './modules/reminders/worker'

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
  app.addHook('onReady', () => ctx.sessionInvalidation.start())
  app.addHook('onClose', () => ctx.sessionInvalidation.stop())

  await app.register(healthRoutes, { ctx })
  await app.register(authRoutes, { ctx })
  await app.register(regionRoutes, { ctx })
  await app.register(userRoutes, { ctx })
  await app.register(residenceRoutes, { ctx })
  await app.register(invitationRoutes, { ctx })
  await app.register(householdRoutes, { ctx })
  await app.register(labelRoutes, { ctx })
  await app.register(doorRoutes, { ctx })
  await app.register(pledgeRoutes, { ctx })
  await app.register(visitRoutes, { ctx })
  await app.register(patrolRoutes, { ctx })
  await app.register(coverageRoutes, { ctx })
  await app.register(bulletinRoutes, { ctx })
  await app.register(shareRoutes, { ctx })
  await app.register(groupRoutes, { ctx })
  await app.register(reachRoutes, { ctx })
  await app.register(reminderRoutes, { ctx })
  await app.register(knowledgeRoutes, { ctx })
  await app.register(questionRoutes, { ctx })
  await app.register(quizRoutes, { ctx })
  await app.register(prizeRoutes, { ctx })
  await app.register(warningRoutes, { ctx })
  await app.register(visitTaskRoutes, { ctx })
  await app.register(activityRoutes, { ctx })
  await app.register(reportRoutes, { ctx })
  if (config.outboxWorker) {
    const worker = new OutboxWorker({ ...ctx, log: app.log })
    app.addHook('onReady', async () => worker.start())
    app.addHook('onClose', () => worker.stop())
  }

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
