import { render, screen } from '@testing-library/react'
import { EmptyBlock, ErrorBlock } from '@/components/page-state'

const picturesIn = (container: HTMLElement) => Array.from(container.querySelectorAll('img'))

describe('page states', () => {
  it('when a list is empty, then the empty picture shows above the title, hidden from screen readers', () => {
    const { container } = render(<EmptyBlock title='还没有微信群' description='群里有人打开通报后会出现在这里' />)

    const [picture] = picturesIn(container)
    expect(picture.className).toContain('state-picture-empty')
    expect(picture.closest('[aria-hidden="true"]')).not.toBeNull()
    expect(screen.getByText('还没有微信群')).toBeTruthy()
  })

  it('when loading failed, then the error picture shows with 加载失败, the reason and 重试', () => {
    const { container } = render(<ErrorBlock message='网络不可用，请检查网络后重试' onRetry={() => undefined} />)

    const [picture] = picturesIn(container)
    expect(picture.className).toContain('state-picture-error')
    expect(picture.closest('[aria-hidden="true"]')).not.toBeNull()
    expect(screen.getByText('加载失败')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
