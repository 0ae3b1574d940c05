import { act, fireEvent, screen } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import type { WarningDetail } from '@/contract/warnings'
import { ApiError } from '@/services/api-client'
import WarningPage from '@/packages/worker/pages/warning/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aDissuaderLogin, aWarningDetail } from '../../../../support/warning-factories'

async function renderWarning(api: FakeApi) {
  jest.mocked(useRouter).mockReturnValue({ params: { id: 'w1' } } as unknown as ReturnType<typeof useRouter>)
  api.demoLogin = () => Promise.resolve(aDissuaderLogin())
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('dissuader')
  await act(async () => {
    renderWithStores(<WarningPage />, store)
  })
  return store
}

const showing = (detail: Partial<WarningDetail>) => {
  const api = new FakeApi()
  api.warning = () => Promise.resolve(aWarningDetail(detail))
  return api
}

describe('预警详情 page', () => {
  it('when opened by a link that names no warning, then it says so and leads to 预警处置 instead of loading forever', async () => {
    const api = new FakeApi()
    jest.mocked(useRouter).mockReturnValue({ params: {} } as unknown as ReturnType<typeof useRouter>)
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue(undefined as never)
    await act(async () => { renderWithStores(<WarningPage />, aRootStore(api)) })

    expect(screen.getByText('没有指定预警')).toBeTruthy()
    expect(screen.queryByText('正在加载预警…')).toBeNull()
    fireEvent.click(screen.getByText('去预警处置'))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/warnings/index' })
  })

  it('when the dissuader is the assignee, then 一键拨打 reveals the number and calls it', async () => {
    const api = showing({ canRevealPhone: true })
    api.revealWarningPhone = () => Promise.resolve({ phone: '13812341234' })
    await renderWarning(api)

    await act(async () => {
      fireEvent.click(screen.getByText('一键拨打'))
    })

    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13812341234' })
  })

  it('when the viewer is not the assignee, then there is no call button and only the masked number', async () => {
    await renderWarning(showing({ canRevealPhone: false }))

    expect(screen.queryByText('一键拨打')).toBeNull()
    expect(screen.getAllByText('刘某某 · 138****1234').length).toBeGreaterThan(0)
  })

  it('when 已受骗 is chosen, then the loss field appears, and it does not for 劝阻成功', async () => {
    await renderWarning(showing({ state: 'contacted', allowedSteps: ['dissuaded', 'defrauded'] }))

    fireEvent.click(screen.getByText('劝阻成功'))
    expect(screen.getByText('确认记录“劝阻成功”？')).toBeTruthy()
    expect(screen.queryByText('被骗金额（元）')).toBeNull()

    fireEvent.click(screen.getByText('取消'))
    fireEvent.click(screen.getByText('已受骗'))
    expect(screen.getByText('被骗金额（元）')).toBeTruthy()
  })

  it('when someone else handled it first, then the Chinese message shows, the new state loads and the note stays in the field', async () => {
    const api = new FakeApi()
    let loads = 0
    api.warning = () => {
      loads++
      return Promise.resolve(aWarningDetail(loads === 1
        ? { state: 'contacted', allowedSteps: ['dissuaded'] }
        : { state: 'dissuaded', allowedSteps: ['reopen', 'return_visit'], version: 2 }))
    }
    api.warningStep = () => Promise.reject(new ApiError('WARNING_STATE_CHANGED', '该预警刚被他人处置，请刷新后查看最新状态', 409))
    await renderWarning(api)

    fireEvent.change(screen.getByPlaceholderText('如：已电话劝阻，当事人停止转账'), { target: { value: '当事人已停止转账' } })
    fireEvent.click(screen.getByText('劝阻成功'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认'))
    })

    expect(screen.getByText('该预警刚被他人处置，请刷新后查看最新状态')).toBeTruthy()
    expect(screen.getByText('重新打开')).toBeTruthy()
    expect((screen.getByPlaceholderText('如：已电话劝阻，当事人停止转账') as HTMLInputElement).value).toBe('当事人已停止转账')
  })

  it('when the warning has a history, then each step is listed with who did it', async () => {
    await renderWarning(showing({
      events: [
        { kind: 'created', fromState: null, toState: 'pending', actorName: '李警官', note: '', lossAmount: null, at: '2026-11-29T01:00:00Z' },
        { kind: 'contact', fromState: 'pending', toState: 'contacted', actorName: '陈劝阻', note: '已电话联系', lossAmount: null, at: '2026-11-29T01:05:00Z' },
      ],
    }))

    expect(screen.getByText(/已联系（陈劝阻）：已电话联系/)).toBeTruthy()
  })
})
