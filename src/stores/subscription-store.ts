import { flow, makeAutoObservable } from 'mobx'
import type { SubscribeInput } from '@/contract/reminders'
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplateKey } from '@/core/outbox'
import type { Api } from '@/services/api-client'
import { errorMessage } from './load-state'
import type { StoreFactory } from './store-context'

/**
 * One-time subscribe messages (转发提醒, 预警超时提醒): what WeChat's dialog answered goes to the server, and every
 * 允许 is one message the server may send later. The last answer's wording is kept per template for the page.
 */
export class SubscriptionStore {
  messages: Partial<Record<SubscribeTemplateKey, string>> = {}

  constructor(private readonly api: Pick<Api, 'subscribe'>) {
    makeAutoObservable<SubscriptionStore, 'api'>(this, { api: false }, { autoBind: true })
  }

  reset(): void {
    this.messages = {}
  }

  record = flow(function* (this: SubscriptionStore, templateKey: SubscribeTemplateKey, result: SubscribeInput['result']) {
    const title = SUBSCRIBE_TEMPLATES[templateKey].title
    delete this.messages[templateKey]
    try {
      const { remaining }: { remaining: number } = yield this.api.subscribe({ templateKey, result })
      this.messages[templateKey] = result === 'accept' ? `已开启，可再收到 ${remaining} 次${title}` : `未开启${title}，可随时再点按钮开启`
    } catch (e) {
      this.messages[templateKey] = errorMessage(e)
    }
  })
}

export const subscriptionStore: StoreFactory<SubscriptionStore> = ({ api }) => new SubscriptionStore(api)
