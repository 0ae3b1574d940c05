import { act, render, screen } from '@testing-library/react'
import { OfflineBanner } from '@/components/offline-banner'
import { keptAnswers } from '@/services/kept-answers'

const BULLETIN = 'http://127.0.0.1/api/public/bulletins/b1'
const LIST = 'http://127.0.0.1/api/public/bulletins?page=1&pageSize=20'
/** Minutes before now, so the banner reads 今天 whatever the hour the test runs (China midnight aside). */
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000)
const chinaClock = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)

describe('OfflineBanner on H5', () => {
  const taroEnv = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
    keptAnswers.setOffline(false)
  })
  afterEach(() => { process.env.TARO_ENV = taroEnv })

  it('when everything came from the network, then no banner shows', () => {
    const { container } = render(<OfflineBanner />)

    expect(container.textContent).toBe('')
  })

  it('when the phone is offline and the service worker served a kept bulletin, then it says 离线 and when the oldest kept answer was fetched', () => {
    const older = minutesAgo(5)
    render(<OfflineBanner />)

    act(() => {
      keptAnswers.setOffline(true)
      keptAnswers.hear({ type: 'xf-cache', url: BULLETIN, savedAt: older.toUTCString() }, new Date())
      keptAnswers.hear({ type: 'xf-cache', url: LIST, savedAt: minutesAgo(1).toUTCString() }, new Date())
    })

    expect(screen.getByText(new RegExp(`^离线 · 上次更新 (今天|昨天) ${chinaClock(older)}$`))).toBeTruthy()
  })

  it('when the phone is offline and nothing kept is on screen, then it says what can be read and what will happen', () => {
    render(<OfflineBanner />)

    act(() => keptAnswers.setOffline(true))

    expect(screen.getByText('离线 · 已保存的内容可以查看，联网后自动更新')).toBeTruthy()
  })

  it('when the network is back, then the banner goes', () => {
    const { container } = render(<OfflineBanner />)
    act(() => {
      keptAnswers.setOffline(true)
      keptAnswers.hear({ type: 'xf-cache', url: BULLETIN, savedAt: minutesAgo(5).toUTCString() }, new Date())
    })

    act(() => keptAnswers.setOffline(false))

    expect(container.textContent).toBe('')
  })

  it('when the network was merely slow and a fresh answer then replaces the kept one, then the 网络不畅 banner goes', () => {
    const { container } = render(<OfflineBanner />)
    act(() => keptAnswers.hear({ type: 'xf-cache', url: BULLETIN, savedAt: minutesAgo(5).toUTCString() }, new Date()))
    expect(screen.getByText(/^网络不畅 · 上次更新/)).toBeTruthy()

    act(() => keptAnswers.hear({ type: 'xf-fresh', url: BULLETIN }, new Date()))

    expect(container.textContent).toBe('')
  })

  it('when built for the mini-program, then it shows nothing even offline', () => {
    process.env.TARO_ENV = 'weapp'
    keptAnswers.setOffline(true)

    const { container } = render(<OfflineBanner />)

    expect(container.textContent).toBe('')
  })
})
