import { flow, makeAutoObservable } from 'mobx'
import type { SubscribeInput } from '@/contract/reminders'
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplateKey } from '@/core/outbox'
import type { Api } from '@/services/api-client'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/**
 * One-time subscribe messages (转发提醒, 预警超时提醒): what WeChat's dialog answered goes to the server, and every
 * 允许 is one message the server may send later. The last answer's wording is kept per template for the page.
 */
export class SubscriptionStore {
  messages: Partial<Record<SubscribeTemplateKey, string>> = {}
  private readonly answer = new Submission()

  constructor(private readonly api: Pick<Api, 'subscribe'>) {
    makeAutoObservable<SubscriptionStore, 'api' | 'answer'>(this, { api: false, answer: false }, { autoBind: true })
  }

  reset(): void {
    this.messages = {}
    this.answer.clear()
  }

  /** One answer at a time: a tap while the last one is still on its way records nothing. */
  record = flow(function* (this: SubscriptionStore, templateKey: SubscribeTemplateKey, result: SubscribeInput['result']) {
    if (this.answer.busy) return
    const title = SUBSCRIBE_TEMPLATES[templateKey].title
    delete this.messages[templateKey]
    const sent: Outcome<{ remaining: number }> = yield this.answer.run(() => this.api.subscribe({ templateKey, result }))
    if (sent.ok) {
      this.messages[templateKey] = result === 'accept' ? `已开启，可再收到 ${sent.value.remaining} 次${title}` : `未开启${title}，可随时再点按钮开启`
    } else if (this.answer.error) {
      this.messages[templateKey] = this.answer.error
    }
  })
}

export const subscriptionStore: StoreFactory<SubscriptionStore> = ({ api }) => new SubscriptionStore(api)
