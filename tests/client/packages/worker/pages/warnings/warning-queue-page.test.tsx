import { act, fireEvent, screen } from '@testing-library/react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ApiError } from '@/services/api-client'
import WarningQueuePage from '@/packages/worker/pages/warnings/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aDissuaderLogin, aWarningItem } from '../../../../support/warning-factories'

async function renderQueue(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(aDissuaderLogin())
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('dissuader')
  await act(async () => {
    renderWithStores(<WarningQueuePage />, store)
  })
  return store
}

describe('预警处置 queue', () => {
  afterEach(() => jest.useRealTimers())

  it('when nothing is assigned, then it says 暂无待处置预警', async () => {
    const api = new FakeApi()
    api.myWarnings = () => Promise.resolve([])
    await renderQueue(api)

    expect(screen.getByText('暂无待处置预警')).toBeTruthy()
  })

  it('when the queue is open outside WeChat, then the 预警超时提醒 opt-in says it is turned on in the mini-program', async () => {
    const api = new FakeApi()
    api.myWarnings = () => Promise.resolve([])
    await renderQueue(api)

    expect(screen.getByText('预警超时提醒')).toBeTruthy()
    expect(screen.getByText('预警超时提醒是微信订阅消息，请在微信小程序中开启。')).toBeTruthy()
  })

  it('when a warning waits, then its card names the risk in words, the resident, the masked phone, the fraud type and the time left', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T01:01:28Z') })
    const api = new FakeApi()
    api.myWarnings = () => Promise.resolve([aWarningItem({ contactDueAt: '2026-11-29T01:10:00Z' })])
    await renderQueue(api)

    expect(screen.getByText('▲ 高风险')).toBeTruthy()
    expect(screen.getByText('刘某某 · 138****1234')).toBeTruthy()
    expect(screen.getByText(/冒充公检法/)).toBeTruthy()
    expect(screen.getByText('剩余 08:32')).toBeTruthy()

    act(() => {
      jest.advanceTimersByTime(1000)
    })
    expect(screen.getByText('剩余 08:31')).toBeTruthy()
  })

  it('when a warning is past its deadline, then 已超时 is written on it', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T01:22:00Z') })
    const api = new FakeApi()
    api.myWarnings = () => Promise.resolve([aWarningItem({ overdue: true })])
    await renderQueue(api)

    expect(screen.getByText('⚠ 已超时 12 分钟')).toBeTruthy()
    expect(screen.getByText('待处置 · 已超时')).toBeTruthy()
  })

  it('when the queue cannot load, then the reason shows with 重试', async () => {
    const api = new FakeApi()
    api.myWarnings = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    await renderQueue(api)

    expect(screen.getByText('网络不可用，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  it('when the list is pulled down, then the queue is asked for again and the spinner stops', async () => {
    const api = new FakeApi()
    let loads = 0
    api.myWarnings = () => {
      loads++
      return Promise.resolve(loads === 1 ? [] : [aWarningItem()])
    }
    await renderQueue(api)

    const onPull = jest.mocked(usePullDownRefresh).mock.calls.at(-1)?.[0] as () => void
    await act(async () => {
      onPull()
    })

    expect(loads).toBe(2)
    expect(screen.getByText('刘某某 · 138****1234')).toBeTruthy()
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled()
  })

  it('when 刷新 fails without signal, then the queue stays on screen with the reason above it', async () => {
    const api = new FakeApi()
    let loads = 0
    api.myWarnings = () => {
      loads++
      return loads === 1 ? Promise.resolve([aWarningItem()]) : Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    }
    await renderQueue(api)

    await act(async () => {
      fireEvent.click(screen.getByText('刷新'))
    })

    expect(screen.getByText('刷新失败：网络不可用，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('刘某某 · 138****1234')).toBeTruthy()
  })

  it('when a card is tapped, then that warning opens', async () => {
    const api = new FakeApi()
    api.myWarnings = () => Promise.resolve([aWarningItem({ id: 'w9' })])
    await renderQueue(api)

    fireEvent.click(screen.getByRole('button', { name: /刘某某/ }))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/warning/index?id=w9' })
  })
})
