import { ApiError } from '@/services/api-client'
import { SubscriptionStore } from '@/stores/subscription-store'
import { FakeApi } from '../support/fake-api'

describe('subscribe-message opt-in', () => {
  it('when the cadre allows the 转发提醒, then the answer is recorded and the remaining count shown', async () => {
    const api = new FakeApi()
    const answers: string[] = []
    api.subscribe = (input) => {
      answers.push(`${input.templateKey}:${input.result}`)
      return Promise.resolve({ remaining: 2 })
    }
    const store = new SubscriptionStore(api)

    await store.record('bulletin_reminder', 'accept')

    expect(answers).toEqual(['bulletin_reminder:accept'])
    expect(store.messages.bulletin_reminder).toBe('已开启，可再收到 2 次通报转发提醒')
  })

  it('when a dissuader refuses the 预警超时提醒, then the refusal is recorded and the page says how to turn it on later', async () => {
    const api = new FakeApi()
    const answers: string[] = []
    api.subscribe = (input) => {
      answers.push(`${input.templateKey}:${input.result}`)
      return Promise.resolve({ remaining: 0 })
    }
    const store = new SubscriptionStore(api)

    await store.record('warning_overdue', 'reject')

    expect(answers).toEqual(['warning_overdue:reject'])
    expect(store.messages.warning_overdue).toBe('未开启预警超时提醒，可随时再点按钮开启')
    expect(store.messages.bulletin_reminder).toBeUndefined()
  })

  it('when the server refuses, then its Chinese message is shown', async () => {
    const api = new FakeApi()
    api.subscribe = () => Promise.reject(new ApiError('SUBSCRIBE_TEMPLATE_UNKNOWN', '没有这个订阅消息', 400))
    const store = new SubscriptionStore(api)

    await store.record('warning_overdue', 'accept')

    expect(store.messages.warning_overdue).toBe('没有这个订阅消息')
  })
})
