import Taro from '@tarojs/taro'
import { fireEvent, screen } from '@testing-library/react'
import HomePage from '@/pages/home/index'
import { FakeApi } from './support/fake-api'
import { aRootStore, renderWithStores } from './support/root'

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
