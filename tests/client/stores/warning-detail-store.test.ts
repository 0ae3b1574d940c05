import type { WarningStepInput } from '@/contract/warnings'
import { ApiError } from '@/services/api-client'
import { WarningDetailStore } from '@/stores/warning-detail-store'
import { FakeApi } from '../support/fake-api'
import { aWarningDetail } from '../support/warning-factories'

function setUp() {
  const api = new FakeApi()
  const steps: WarningStepInput[] = []
  const dialled: string[] = []
  const store = new WarningDetailStore({ api, dial: (phone) => Promise.resolve(dialled.push(phone)) })
  return { api, steps, dialled, store }
}

describe('WarningDetailStore', () => {
  it('when 已联系 is tapped, then it goes up at once with the version seen and the note, and the note is cleared', async () => {
    const { api, steps, store } = setUp()
    api.warning = () => Promise.resolve(aWarningDetail({ version: 3 }))
    api.warningStep = (_id, input) => {
      steps.push(input)
      return Promise.resolve(aWarningDetail({ state: 'contacted', version: 4 }))
    }
    await store.open('w1')

    store.setNote(' 已电话联系 ')
    await store.choose('contact')

    expect(steps).toEqual([{ step: 'contact', version: 3, note: '已电话联系', lossAmount: null }])
    expect(store.warning?.state).toBe('contacted')
    expect(store.note).toBe('')
  })

  it('when an outcome is chosen, then nothing goes up before 确认', async () => {
    const { api, steps, store } = setUp()
    api.warning = () => Promise.resolve(aWarningDetail({ state: 'contacted', allowedSteps: ['dissuaded', 'defrauded'] }))
    api.warningStep = (_id, input) => {
      steps.push(input)
      return Promise.resolve(aWarningDetail({ state: 'dissuaded' }))
    }
    await store.open('w1')

    await store.choose('dissuaded')
    expect(steps).toEqual([])
    expect(store.confirming).toBe('dissuaded')

    await store.confirm()
    expect(steps.map((s) => s.step)).toEqual(['dissuaded'])
  })

  it('when 已受骗 is confirmed with a loss, then the loss goes up as a number', async () => {
    const { api, steps, store } = setUp()
    api.warning = () => Promise.resolve(aWarningDetail({ state: 'contacted', allowedSteps: ['defrauded'] }))
    api.warningStep = (_id, input) => {
      steps.push(input)
      return Promise.resolve(aWarningDetail({ state: 'defrauded' }))
    }
    await store.open('w1')

    await store.choose('defrauded')
    expect(store.needsLoss).toBe(true)
    store.setLossAmount('20000')
    await store.confirm()

    expect(steps[0]).toMatchObject({ step: 'defrauded', lossAmount: 20000 })
  })

  it('when someone else handled the warning meanwhile, then the message shows, the warning reloads and the note is kept', async () => {
    const { api, store } = setUp()
    let loads = 0
    api.warning = () => {
      loads++
      return Promise.resolve(aWarningDetail(loads === 1
        ? { state: 'contacted', allowedSteps: ['dissuaded'], version: 2 }
        : { state: 'dissuaded', allowedSteps: ['reopen'], version: 3 }))
    }
    api.warningStep = () => Promise.reject(new ApiError('WARNING_STATE_CHANGED', '该预警刚被他人处置，请刷新后查看最新状态', 409))
    await store.open('w1')

    store.setNote('当事人已停止转账')
    await store.choose('dissuaded')
    await store.confirm()

    expect(store.stepError).toBe('该预警刚被他人处置，请刷新后查看最新状态')
    expect(loads).toBe(2)
    expect(store.warning?.state).toBe('dissuaded')
    expect(store.note).toBe('当事人已停止转账')
    expect(store.confirming).toBeNull()
  })

  it('when the server refuses the loss, then its reason shows and the confirmation and the note stay as typed', async () => {
    const { api, store } = setUp()
    api.warning = () => Promise.resolve(aWarningDetail({ state: 'contacted', allowedSteps: ['defrauded'] }))
    api.warningStep = () => Promise.reject(new ApiError('WARNING_LOSS_REQUIRED', '记录“已受骗”时请填写被骗金额', 400))
    await store.open('w1')

    store.setNote('已转账')
    await store.choose('defrauded')
    await store.confirm()

    expect(store.stepError).toBe('记录“已受骗”时请填写被骗金额')
    expect(store.confirming).toBe('defrauded')
    expect(store.note).toBe('已转账')
  })

  it('when the assignee calls, then the number is revealed and handed to the dialer', async () => {
    const { api, dialled, store } = setUp()
    const reveals: string[] = []
    api.warning = () => Promise.resolve(aWarningDetail({ canRevealPhone: true }))
    api.revealWarningPhone = (id) => {
      reveals.push(id)
      return Promise.resolve({ phone: '13812341234' })
    }
    await store.open('w1')

    await store.call()

    expect(reveals).toEqual(['w1'])
    expect(dialled).toEqual(['13812341234'])
  })

  it('when the caller is not the assignee, then no number is asked for', async () => {
    const { api, dialled, store } = setUp()
    const reveals: string[] = []
    api.warning = () => Promise.resolve(aWarningDetail({ canRevealPhone: false }))
    api.revealWarningPhone = (id) => {
      reveals.push(id)
      return Promise.resolve({ phone: '13812341234' })
    }
    await store.open('w1')

    await store.call()

    expect(reveals).toEqual([])
    expect(dialled).toEqual([])
  })

  it('when another warning is opened, then the note typed for the previous one is gone', async () => {
    const { api, store } = setUp()
    api.warning = (id) => Promise.resolve(aWarningDetail({ id }))
    await store.open('w1')
    store.setNote('给 w1 的备注')

    await store.open('w2')

    expect(store.note).toBe('')
    expect(store.warning?.id).toBe('w2')
  })
})
