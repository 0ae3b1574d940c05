import type { Kysely } from 'kysely'
import type { Config } from './config'
import type { Database } from './db/database'
import type { AppMetrics } from './metrics/app-metrics'
import type { DB } from './db/schema'
import type { SessionCache } from './modules/auth/session-cache'
import type { SessionInvalidation } from './modules/auth/session-invalidation'
import type { WeChatApi } from './wechat/wechat-api'

/** What every module gets: configuration, the database and the WeChat adapter. Built once by buildApp. */
export interface AppContext {
  config: Config
  database: Database
  db: Kysely<DB>
  wechat: WeChatApi
  /** Sessions verified a moment ago; logout forgets its entry. */
  sessionCache: SessionCache
  /** Forgets a user's sessions on every server instance when their roles or status change. */
  sessionInvalidation: SessionInvalidation
  /** Request, batch and backlog numbers for Prometheus (served only when METRICS_TOKEN is set). */
  metrics: AppMetrics
  /** Injected so that tests can move time; every rule takes `now` from here. */
  now: () => Date
}
