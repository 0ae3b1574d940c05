import Taro from '@tarojs/taro'
import { goBackOr } from '@/navigation/go-back'
import { ROUTES } from '@/navigation/routes'

describe('goBackOr', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when a page was opened from another, then it goes back there', () => {
    goBackOr(ROUTES.me)
    expect(Taro.navigateBack).toHaveBeenCalled()
    expect(Taro.switchTab).not.toHaveBeenCalled()
  })

  it('when a page was opened on its own (a reload or a shared link), then it goes to the tab instead of staying put', () => {
    jest.mocked(Taro.getCurrentPages).mockReturnValueOnce([{}] as never)
    goBackOr(ROUTES.me)
    expect(Taro.navigateBack).not.toHaveBeenCalled()
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.me })
  })
})
