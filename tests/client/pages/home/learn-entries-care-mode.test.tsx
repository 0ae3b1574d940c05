import Taro from '@tarojs/taro'
import { fireEvent, screen } from '@testing-library/react'
import HomePage from '@/pages/home/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

describe('home entries to 学防骗 and the rest, and 关怀模式', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when 关怀模式 is on, then the home shows just 看通报, 学防骗 and 每日答题', () => {
    const store = aRootStore(new FakeApi())
    store.ui.setCareMode(true)
    renderWithStores(<HomePage />, store)

    for (const label of ['看通报', '学防骗', '每日答题']) expect(screen.getByText(label)).toBeTruthy()
    expect(screen.queryByText('领奖品')).toBeNull()
    expect(screen.getByText('反诈宣防通').parentElement?.classList.contains('care-mode')).toBe(true)
  })

  it('when 关怀模式 is off, then the home also offers 领奖品, which opens the prizes page', () => {
    renderWithStores(<HomePage />, aRootStore(new FakeApi()))

    fireEvent.click(screen.getByText('领奖品'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/prizes/index' })
  })
})
