/**
 * Rules of the reminder outbox: which bulletins are due for a reminder, how a WeChat refusal is handled, when
 * the next attempt is made, and what a bulletin reminder says within WeChat's subscribe-message field limits.
 */

export type BulletinReminderKind = 'bulletin_published' | 'bulletin_not_reached'
export type ReminderKind = BulletinReminderKind | 'warning_overdue'

/** The subscribe-message templates a person can allow, each allowing one reminder per "允许". */
export const SUBSCRIBE_TEMPLATES = {
  bulletin_reminder: { title: '通报转发提醒', description: '新的警情通报发布、或您的群还未收到时提醒您转发' },
  warning_overdue: { title: '预警超时提醒', description: '您负责或辖区内的预警超过首次联系时限仍未处置时提醒您' },
} as const
export type SubscribeTemplateKey = keyof typeof SUBSCRIBE_TEMPLATES

/** What requestSubscribeMessage answers for one template. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number]

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/** The mini-program page a bulletin reminder opens; the bulletin id travels as `id`. */
export const BULLETIN_PAGE = 'pages/bulletin/index'

/** A send is tried at most this often; the row is then marked failed. */
export const OUTBOX_MAX_ATTEMPTS = 5
export const FIRST_RETRY_DELAY_MS = 60_000
export const MAX_RETRY_DELAY_MS = 6 * 3600_000

/**
 * A reminder about an old bulletin is noise: bulletins are only considered for this long after they become due
 * (published, or published REMINDER_AFTER_HOURS ago), which also keeps each tick's scan small.
 */
export const REMINDER_WINDOW_HOURS = 24

const HOUR_MS = 3600_000
/** WeChat's daily quotas reset at midnight Beijing time (UTC+8, no daylight saving). */
const BEIJING_OFFSET_MS = 8 * HOUR_MS
const DAY_MS = 24 * HOUR_MS

/** One message per kind, subject (bulletin or warning) and recipient. */
export function dedupeKey(kind: ReminderKind, subjectId: string, userId: string): string {
  return `${kind}:${subjectId}:${userId}`
}

export interface TimeWindow {
  /** Exclusive. */
  from: Date
  /** Inclusive. */
  to: Date
}

/** Publishing times of the bulletins due for each kind of reminder at `now`. */
export function reminderWindows(now: Date, afterHours: number): Record<BulletinReminderKind, TimeWindow> {
  const window = (to: number): TimeWindow => ({ from: new Date(to - REMINDER_WINDOW_HOURS * HOUR_MS), to: new Date(to) })
  return {
    bulletin_published: window(now.getTime()),
    bulletin_not_reached: window(now.getTime() - afterHours * HOUR_MS),
  }
}

/** Deterministic exponential backoff: 1 min, 4 min, 16 min, 64 min, … capped at 6 hours. */
export function retryDelayMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt))
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 4 ** (n - 1))
}

export type SendVerdict = 'retry' | 'refresh_token' | 'give_up'

/** Our own code for "WeChat did not answer" (timeout, connection refused), as WeChat uses -1 for "busy". */
export const ERRCODE_UNREACHABLE = -1
export const ERRCODE_DAILY_QUOTA = 45009

const RETRY = new Set([
  -1, // system error / busy, and no answer at all
  45009, // reach max api daily quota limit
  45011, // api minute-quota reach limit
])
const REFRESH_TOKEN = new Set([
  40001, // invalid credential, access_token is invalid or not latest
  40014, // invalid access_token
  41001, // access_token missing
  42001, // access_token expired
])

/**
 * What to do after WeChat refused a send. Only refusals known to pass are retried: any other errcode (43101 the
 * user's one-time consent is used up or refused, 40003 bad openid, 47003 bad data, 40037 bad template) would
 * fail again, so retrying would only spend quota.
 */
export function classifyWeChatErrcode(errcode: number): SendVerdict {
  if (REFRESH_TOKEN.has(errcode)) return 'refresh_token'
  if (RETRY.has(errcode)) return 'retry'
  return 'give_up'
}

/** The next midnight in Beijing after `now`, when WeChat's daily quota is renewed. */
export function nextQuotaReset(now: Date): Date {
  const beijingDay = Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS)
  return new Date((beijingDay + 1) * DAY_MS - BEIJING_OFFSET_MS)
}

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' }

/**
 * The row's fate after its `attempts`-th attempt failed with `errcode` (a token error that persisted after a
 * refresh is retried like a busy server). A quota refusal waits for the quota to be renewed.
 */
export function afterFailedAttempt(errcode: number, attempts: number, now: Date): AfterFailure {
  if (classifyWeChatErrcode(errcode) === 'give_up' || attempts >= OUTBOX_MAX_ATTEMPTS) return { status: 'failed' }
  const backoff = now.getTime() + retryDelayMs(attempts)
  const at = errcode === ERRCODE_DAILY_QUOTA ? Math.max(backoff, nextQuotaReset(now).getTime()) : backoff
  return { status: 'pending', nextAttemptAt: new Date(at) }
}

/** WeChat's `thing` field: at most 20 characters; longer text is refused with 47003, so it is clipped. */
export const THING_MAX = 20

export function clipThing(text: string, max = THING_MAX): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  if (chars.length === 0) return '无'
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** WeChat's `time` field in Beijing time, e.g. "2026年11月29日 08:05". */
export function formatWeChatTime(date: Date): string {
  const b = new Date(date.getTime() + BEIJING_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`
}

export interface SubscribePayload {
  page: string
  data: Record<string, { value: string }>
}

export interface BulletinReminderInput {
  kind: BulletinReminderKind
  bulletinId: string
  title: string
  publishedAt: Date
  /** bulletin_not_reached: how many of the recipient's groups have not opened it. */
  unreachedGroups?: number
}

/**
 * The 通报转发提醒 template: thing1 通报标题, time2 发布时间, thing3 温馨提示. Tapping it opens the bulletin,
 * from where the recipient forwards it.
 */
export function bulletinReminderPayload(input: BulletinReminderInput): SubscribePayload {
  const hint = input.kind === 'bulletin_published'
    ? '新警情通报已发布，请及时转发到群'
    : `您有${input.unreachedGroups ?? 0}个群还未收到，请转发`
  return {
    page: `${BULLETIN_PAGE}?id=${encodeURIComponent(input.bulletinId)}`,
    data: {
      thing1: { value: clipThing(input.title) },
      time2: { value: formatWeChatTime(input.publishedAt) },
      thing3: { value: clipThing(hint) },
    },
  }
}

/** The warning pages an overdue reminder opens: the dissuader's own, or the admin queue's detail. */
export const WARNING_PAGES = {
  assignee: 'packages/worker/pages/warning/index',
  admin: 'packages/admin/pages/warnings/index',
} as const

/** WeChat's `phrase` field: at most 5 characters. */
export const PHRASE_MAX = 5

export interface WarningOverdueInput {
  warningId: string
  /** Names as people read them (fraudTypeName, RISK_LEVEL_LABELS). */
  fraudTypeName: string
  riskLabel: string
  contactDueAt: Date
  recipient: keyof typeof WARNING_PAGES
}

/**
 * The 预警超时提醒 template: thing1 预警类型, phrase2 风险等级, time3 联系时限, thing4 温馨提示. Tapping it opens
 * the warning where the recipient can act on it.
 */
export function warningOverduePayload(input: WarningOverdueInput): SubscribePayload {
  const hint = input.recipient === 'assignee' ? '预警已超时未联系，请立即处置' : '辖区预警超时未联系，请督促处置'
  return {
    page: `${WARNING_PAGES[input.recipient]}?id=${encodeURIComponent(input.warningId)}`,
    data: {
      thing1: { value: clipThing(input.fraudTypeName) },
      phrase2: { value: clipThing(input.riskLabel, PHRASE_MAX) },
      time3: { value: formatWeChatTime(input.contactDueAt) },
      thing4: { value: clipThing(hint) },
    },
  }
}
