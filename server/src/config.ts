/**
 * Configuration comes from the environment and is checked once at start. A bad value stops start-up with a
 * message naming the variable; the local demo runs with no variables at all.
 */
export const AUTH_MODES = ['demo', 'wechat'] as const
export type AuthMode = (typeof AUTH_MODES)[number]

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  port: number
  host: string
  databaseUrl: string | null
  dataDir: string
  publicBaseUrl: string
  sessionSecret: string
  qrSecret: string
  wechatAppId: string
  wechatSecret: string
  wechatApiBase: string
  authMode: AuthMode
  sessionTtlHours: number
  h5Dir: string
  seedDemo: boolean
  logLevel: LogLevel
  /** The 通报转发提醒 subscribe-message template chosen in the mini-program console. */
  bulletinReminderTemplateId: string
  /** Owners of groups a bulletin has not reached are reminded this many hours after publishing. */
  reminderAfterHours: number
  /** Whether this process runs the worker that enqueues and sends reminders. */
  outboxWorker: boolean
  /** The 预警超时提醒 subscribe-message template. */
  warningReminderTemplateId: string
  /** Minutes allowed before first contact, per risk level. */
  warningTimeLimits: { high: number; medium: number; low: number }
  /** Spreadsheet imports: what an .xlsx may inflate to, and how many imports this process reads at once. */
  imports: { maxUnzippedBytes: number; maxZipEntries: number; concurrency: number }
  /**
   * Which peers' X-Forwarded-For is believed (Fastify's trustProxy): true, false, or addresses/CIDRs/keywords.
   * The default believes proxies on this host or a private network only, so that a client on the internet cannot
   * pick its own address and escape the per-address rate limits.
   */
  trustProxy: boolean | string
  /** Requests allowed per window, per policy (see server/src/plugins/rate-limits.ts for the routes of each). */
  rateLimits: Record<RateLimitPolicy, RateLimit>
  /** Serves Prometheus metrics at /metrics to this bearer token; null (the default) leaves the path out. */
  metricsToken: string | null
  /** Server processes on one port (Node's cluster); more than one needs PostgreSQL. */
  workers: number
  /** PostgreSQL connections per process: WORKERS × this is what the database must allow. */
  poolMax: number
}

export interface RateLimit {
  max: number
  windowSeconds: number
}

/** The rate-limit policies, each with its environment variable and default as "requests/seconds". */
export const RATE_LIMIT_POLICIES = {
  signInPerAddress: { variable: 'RATE_LIMIT_SIGNIN_PER_ADDRESS', fallback: '30/60' },
  signInPerCode: { variable: 'RATE_LIMIT_SIGNIN_PER_CODE', fallback: '3/300' },
  demoLogin: { variable: 'RATE_LIMIT_DEMO_LOGIN', fallback: '60/60' },
  prizeCodes: { variable: 'RATE_LIMIT_PRIZE_CODES', fallback: '60/60' },
  invitationCodes: { variable: 'RATE_LIMIT_INVITATION_CODES', fallback: '20/60' },
  phoneReveals: { variable: 'RATE_LIMIT_PHONE_REVEALS', fallback: '30/3600' },
  quizSubmit: { variable: 'RATE_LIMIT_QUIZ_SUBMIT', fallback: '10/60' },
  quizCalls: { variable: 'RATE_LIMIT_QUIZ', fallback: '10/60' },
} as const
export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES

const DEMO_SECRET = 'demo-only-secret-change-me-0123456789abcdef'

export class ConfigError extends Error {
  constructor(public readonly variable: string, reason: string) {
    super(`配置错误 ${variable}: ${reason}`)
  }
}

type Env = Record<string, string | undefined>

function text(env: Env, name: string, fallback?: string): string {
  const v = env[name]?.trim()
  if (v) return v
  if (fallback !== undefined) return fallback
  throw new ConfigError(name, '必须设置 (required)')
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name, fallback)
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `应为 ${allowed.join('、')} 之一，实际为 "${raw}"`)
  return raw as T
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `应为 ${min}–${max} 之间的整数，实际为 "${raw}"`)
  return n
}

function rateLimit(env: Env, name: string, fallback: string): RateLimit {
  const raw = text(env, name, fallback)
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(raw)
  const [max, windowSeconds] = m ? [Number(m[1]), Number(m[2])] : [0, 0]
  if (max < 1 || windowSeconds < 1) throw new ConfigError(name, `应为“次数/秒数”，如 ${fallback}，实际为 "${raw}"`)
  return { max, windowSeconds }
}

function trustProxy(raw: string): boolean | string {
  if (raw === 'true' || raw === 'false') return raw === 'true'
  return raw.split(',').map((part) => part.trim()).filter(Boolean).join(',')
}

function url(env: Env, name: string, fallback: string | null, protocols: string[]): string | null {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, `不是有效的 URL: "${raw}"`)
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `协议应为 ${protocols.join(' 或 ')}`)
  return raw.replace(/\/+$/, '')
}

function secret(env: Env, name: string, authMode: AuthMode): string {
  const raw = env[name]?.trim()
  if (!raw) {
    if (authMode === 'demo') return `${DEMO_SECRET}-${name}`
    throw new ConfigError(name, '生产模式 (AUTH_MODE=wechat) 必须设置，至少 32 个字符')
  }
  if (raw.length < 32) throw new ConfigError(name, '至少 32 个字符')
  return raw
}

function optionalSecret(env: Env, name: string): string | null {
  const raw = env[name]?.trim()
  if (!raw) return null
  if (raw.length < 32) throw new ConfigError(name, '至少 32 个字符')
  return raw
}

/** PGlite is one process by construction: two processes on one data folder would corrupt it. */
function workers(env: Env, databaseUrl: string | null): number {
  const n = integer(env, 'WORKERS', 1, 1, 64)
  if (n > 1 && !databaseUrl) throw new ConfigError('WORKERS', `嵌入式数据库 PGlite 只能由一个进程使用；多个工作进程（WORKERS=${n}）需要设置 DATABASE_URL 使用 PostgreSQL`)
  return n
}

export function loadConfig(env: Env = process.env): Config {
  const authMode = oneOf(env, 'AUTH_MODE', AUTH_MODES, 'demo')
  const port = integer(env, 'PORT', 3000, 0, 65535)
  const wechatRequired = authMode === 'wechat'
  const databaseUrl = url(env, 'DATABASE_URL', null, ['postgres:', 'postgresql:'])
  return {
    port,
    host: text(env, 'HOST', '0.0.0.0'),
    databaseUrl,
    dataDir: text(env, 'DATA_DIR', './data'),
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`, ['http:', 'https:'])!,
    sessionSecret: secret(env, 'SESSION_SECRET', authMode),
    qrSecret: secret(env, 'QR_SECRET', authMode),
    wechatAppId: wechatRequired ? text(env, 'WECHAT_APPID') : text(env, 'WECHAT_APPID', 'wx0000000000demo00'),
    wechatSecret: wechatRequired ? text(env, 'WECHAT_SECRET') : text(env, 'WECHAT_SECRET', 'demo-wechat-secret'),
    wechatApiBase: url(env, 'WECHAT_API_BASE', 'https://api.weixin.qq.com', ['http:', 'https:'])!,
    authMode,
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 72, 1, 24 * 90),
    h5Dir: text(env, 'H5_DIR', 'dist/h5'),
    seedDemo: oneOf(env, 'SEED_DEMO', ['true', 'false'], authMode === 'demo' ? 'true' : 'false') === 'true',
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    bulletinReminderTemplateId: text(env, 'BULLETIN_REMINDER_TEMPLATE_ID', 'demo-bulletin-reminder-template'),
    reminderAfterHours: integer(env, 'REMINDER_AFTER_HOURS', 6, 1, 72),
    outboxWorker: oneOf(env, 'OUTBOX_WORKER', ['on', 'off'], 'on') === 'on',
    warningReminderTemplateId: text(env, 'WARNING_REMINDER_TEMPLATE_ID', 'demo-warning-overdue-template'),
    warningTimeLimits: {
      high: integer(env, 'WARNING_LIMIT_HIGH_MINUTES', 10, 1, 7 * 24 * 60),
      medium: integer(env, 'WARNING_LIMIT_MEDIUM_MINUTES', 30, 1, 7 * 24 * 60),
      low: integer(env, 'WARNING_LIMIT_LOW_MINUTES', 24 * 60, 1, 7 * 24 * 60),
    },
    imports: {
      maxUnzippedBytes: integer(env, 'IMPORT_MAX_UNZIPPED_MB', 30, 1, 500) * 1024 * 1024,
      maxZipEntries: integer(env, 'IMPORT_MAX_ZIP_ENTRIES', 200, 10, 10_000),
      concurrency: integer(env, 'IMPORT_CONCURRENCY', 2, 1, 16),
    },
    trustProxy: trustProxy(text(env, 'TRUST_PROXY', 'loopback,linklocal,uniquelocal')),
    rateLimits: Object.fromEntries(Object.entries(RATE_LIMIT_POLICIES).map(([policy, { variable, fallback }]) =>
      [policy, rateLimit(env, variable, fallback)])) as Record<RateLimitPolicy, RateLimit>,
    metricsToken: optionalSecret(env, 'METRICS_TOKEN'),
    workers: workers(env, databaseUrl),
    poolMax: integer(env, 'PG_POOL_MAX', 10, 1, 500),
  }
}

/** Used by tests to build a config without touching process.env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), port: 0, host: '127.0.0.1', seedDemo: false, outboxWorker: false, ...overrides }
}

