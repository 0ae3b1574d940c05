import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { PrivacyGate } from '@/components/privacy-gate'
import PrivacyPage from '@/pages/privacy/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

type Listener = Parameters<typeof Taro.onNeedPrivacyAuthorization>[0]

const onNeed = jest.fn()
;(Taro as unknown as { onNeedPrivacyAuthorization: jest.Mock }).onNeedPrivacyAuthorization = onNeed

/** WeChat keeps one listener per app run, registered by the first gate mounted in the mini-program. */
function wechatAsks(): jest.Mock {
  const resolve = jest.fn()
  const listener = onNeed.mock.calls[0][0] as Listener
  act(() => listener(resolve, { referrer: '' }))
  return resolve
}

describe('privacy agreement gate', () => {
  const env = process.env.TARO_ENV
  afterAll(() => {
    process.env.TARO_ENV = env
  })

  // First: once a weapp gate has registered, the registration lasts for the rest of the run.
  it('when running as H5, then nothing listens for WeChat and nothing is shown', () => {
    process.env.TARO_ENV = 'h5'
    render(<PrivacyGate />)

    expect(onNeed).not.toHaveBeenCalled()
    expect(screen.queryByText('隐私保护提示')).toBeNull()
  })

  it('when WeChat needs consent, then the agreement is shown with 同意 and a link to 隐私政策', () => {
    process.env.TARO_ENV = 'weapp'
    render(<PrivacyGate />)
    expect(screen.queryByText('隐私保护提示')).toBeNull()

    const resolve = wechatAsks()

    expect(screen.getByText('隐私保护提示')).toBeTruthy()
    expect(screen.getByText('同意')).toBeTruthy()
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    fireEvent.click(screen.getByText('查看《隐私政策》'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' })
  })

  it('when 不同意 is tapped, then WeChat is told so and the agreement closes', () => {
    process.env.TARO_ENV = 'weapp'
    render(<PrivacyGate />)
    const resolve = wechatAsks()

    fireEvent.click(screen.getByText('不同意'))

    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
    expect(screen.queryByText('隐私保护提示')).toBeNull()
    expect(onNeed).toHaveBeenCalledTimes(1)
  })

  it('when WeChat asks while no page shows a gate, then the 隐私政策 page, which has one, opens', () => {
    process.env.TARO_ENV = 'weapp'
    const { unmount } = render(<PrivacyGate />)
    unmount()
    jest.mocked(Taro.navigateTo).mockClear()

    wechatAsks()

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' })
  })
})

describe('隐私政策 page', () => {
  it('when opened, then it says what is collected, why and for how long, including quiz answers, claims and optional location', () => {
    renderWithStores(<PrivacyPage />, aRootStore(new FakeApi()))

    for (const title of ['微信身份（openid）', '称呼', '所在地区', '入户走访和承诺书记录（仅工作人员）', '答题记录', '领奖记录', '位置（可选）']) {
      expect(screen.getByText(title)).toBeTruthy()
    }
    expect(screen.getAllByText(/^为什么：/)).toHaveLength(7)
    expect(screen.getAllByText(/^保存多久：/)).toHaveLength(7)
  })
})
