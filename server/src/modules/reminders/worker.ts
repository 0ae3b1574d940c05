import type { FastifyBaseLogger } from 'fastify'
import { afterFailedAttempt, classifyWeChatErrcode, ERRCODE_UNREACHABLE, type SubscribeTemplateKey } from '#core/outbox'
import type { AppContext } from '../../context'
import { WeChatError, type SubscribeMessage } from '../../wechat/wechat-api'
import { enqueueDueReminders } from './enqueue'
import { ReminderRepo, type ClaimedMessage } from './repo'
import { escalateOverdueWarnings } from './warning-escalation'

export type OutboxWorkerDeps = Pick<AppContext, 'db' | 'config' | 'wechat' | 'now'> & { log?: Pick<FastifyBaseLogger, 'error'> }

export interface OutboxWorkerOptions {
  /** Pause between ticks. */
  intervalMs?: number
  /** Rows claimed at a time; a tick claims batches until nothing is due. */
  batchSize?: number
}

export interface SendSummary {
  sent: number
  retrying: number
  failed: number
}

/** Longer than any send takes (the WeChat client times out after 5 s): a row is never sent twice by two live workers. */
const LEASE_MS = 5 * 60_000

/** Every tick escalates overdue warnings, queues the reminders that became due and sends what is due, until close. */
export class OutboxWorker {
  private readonly repo: ReminderRepo
  private readonly intervalMs: number
  private readonly batchSize: number
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private stopped = true

  constructor(private readonly deps: OutboxWorkerDeps, opts: OutboxWorkerOptions = {}) {
    this.repo = new ReminderRepo(deps.db)
    this.intervalMs = opts.intervalMs ?? 30_000
    this.batchSize = opts.batchSize ?? 20
  }

  /** The first tick runs at once, so that a restarted server catches up without waiting an interval. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.schedule(0)
  }

  /** Resolves when no tick is running and none is scheduled. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  async tick(): Promise<SendSummary> {
    await escalateOverdueWarnings(this.deps, this.deps.now())
    await enqueueDueReminders(this.deps, this.deps.now())
    return this.sendDue()
  }

  async sendDue(): Promise<SendSummary> {
    const summary: SendSummary = { sent: 0, retrying: 0, failed: 0 }
    for (;;) {
      const now = this.deps.now()
      const batch = await this.repo.claimDue(now, new Date(now.getTime() + LEASE_MS), this.batchSize)
      if (batch.length === 0) return summary
      for (const message of batch) summary[await this.deliver(message)]++
    }
  }

  private schedule(delayMs: number) {
    this.timer = setTimeout(() => {
      this.timer = null
      this.running = this.tick()
        .then(() => undefined, (e: unknown) => this.deps.log?.error({ err: e }, 'outbox tick failed'))
        .finally(() => {
          this.running = null
          if (!this.stopped) this.schedule(this.intervalMs)
        })
    }, delayMs)
  }

  private async deliver(message: ClaimedMessage): Promise<keyof SendSummary> {
    if (message.bulletinRetracted) {
      await this.repo.markFailed(message.id, null, '通报已撤回，不再提醒')
      return 'failed'
    }
    if (!message.openid) {
      await this.repo.markFailed(message.id, null, '该用户未绑定微信，无法发送')
      return 'failed'
    }
    const wechatMessage = this.toWeChat(message, message.openid)
    let error = await this.trySend(wechatMessage)
    // The client has dropped the rejected token: one more try runs with a fresh one.
    if (error && classifyWeChatErrcode(error.errcode) === 'refresh_token') error = await this.trySend(wechatMessage)
    const now = this.deps.now()
    if (!error) {
      await this.repo.markSent(message.id, now)
      return 'sent'
    }
    const next = afterFailedAttempt(error.errcode, message.attempts, now)
    if (next.status === 'failed') {
      await this.repo.markFailed(message.id, error.errcode, error.errmsg)
      return 'failed'
    }
    await this.repo.markRetry(message.id, next.nextAttemptAt, error.errcode, error.errmsg)
    return 'retrying'
  }

  private async trySend(message: SubscribeMessage): Promise<WeChatError | null> {
    try {
      await this.deps.wechat.sendSubscribeMessage(message)
      return null
    } catch (e) {
      return e instanceof WeChatError ? e : new WeChatError(ERRCODE_UNREACHABLE, (e as Error).message)
    }
  }

  private toWeChat(message: ClaimedMessage, openid: string): SubscribeMessage {
    const templateIds: Record<SubscribeTemplateKey, string> = {
      bulletin_reminder: this.deps.config.bulletinReminderTemplateId,
      warning_overdue: this.deps.config.warningReminderTemplateId,
    }
    return {
      touser: openid,
      template_id: templateIds[message.templateKey as SubscribeTemplateKey],
      page: message.payload.page,
      data: message.payload.data,
      // Cards from the demo and from test builds must open the developer version, not a released one.
      miniprogram_state: this.deps.config.authMode === 'wechat' ? 'formal' : 'developer',
      lang: 'zh_CN',
    }
  }
}
