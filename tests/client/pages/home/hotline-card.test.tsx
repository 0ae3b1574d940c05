import Taro from '@tarojs/taro'
import { fireEvent, screen } from '@testing-library/react'
import HomePage from '@/pages/home/index'
import ScammedPage from '@/pages/scammed/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

describe('calling for help from the home', () => {
  beforeEach(() => jest.clearAllMocks())

  it.each([false, true])('when 关怀模式 is %s and 拨打 96110 or 报警 110 is tapped, then the phone dials that number', (careMode) => {
    const store = aRootStore(new FakeApi())
    store.ui.setCareMode(careMode)
    renderWithStores(<HomePage />, store)

    fireEvent.click(screen.getByText('拨打 96110'))
    expect(Taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '96110' })
    fireEvent.click(screen.getByText('报警 110'))
    expect(Taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '110' })
  })
})

describe('我被骗了怎么办', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when a resident taps 我被骗了怎么办 on the home, then its page opens, and there 报警 110 dials at once', () => {
    const store = aRootStore(new FakeApi())
    const home = renderWithStores(<HomePage />, store)
    fireEvent.click(screen.getByText('我被骗了怎么办 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/scammed/index' })
    home.unmount()

    renderWithStores(<ScammedPage />, store)
    for (const step of ['马上报警', '保留证据', '尽快止付', '不再转账', '装上国家反诈中心 APP']) expect(screen.getByText(step, { exact: false })).toBeTruthy()
    expect(screen.queryByText('我被骗了怎么办 ›')).toBeNull()
    fireEvent.click(screen.getByText('报警 110'))
    expect(Taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '110' })
  })
})
