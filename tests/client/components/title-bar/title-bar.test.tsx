import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { TitleBar } from '@/components/title-bar'

// The Taro mock has no page instance: give the page under test the config Taro gives it from index.config.ts.
const taro = Taro as unknown as { getCurrentInstance: jest.Mock; getCurrentPages: jest.Mock; navigateBack: jest.Mock }
function onPage(title: string, depth: number) {
  taro.getCurrentInstance = jest.fn(() => ({ page: { config: { navigationBarTitleText: title } } }))
  taro.getCurrentPages.mockReturnValue(Array.from({ length: depth }, () => ({})))
}

describe('H5 title bar', () => {
  afterEach(() => taro.getCurrentPages.mockReturnValue([{}, {}]))

  it('when a page was opened from another, then its title and a ‹ 返回 button show, and 返回 goes back', () => {
    onPage('标注微信群', 2)
    taro.navigateBack.mockClear()

    render(<TitleBar />)
    fireEvent.click(screen.getByRole('button', { name: /返回/ }))

    expect(screen.getByRole('heading').textContent).toBe('标注微信群')
    expect(taro.navigateBack).toHaveBeenCalledTimes(1)
  })

  it('when the page is the first one (a tab or a shared link), then only its title shows', () => {
    onPage('警情通报', 1)

    render(<TitleBar />)

    expect(screen.getByRole('heading').textContent).toBe('警情通报')
    expect(screen.queryByRole('button')).toBeNull()
  })
})
