import { render, screen } from '@testing-library/react'
import { CoverageBar } from '@/components/coverage-bar'

describe('CoverageBar', () => {
  it('when rendered, then the count and percentage are written out', () => {
    render(<CoverageBar label='已走访' part={1} whole={3} percent={33} />)

    expect(screen.getByText('已走访')).toBeTruthy()
    expect(screen.getByText('1/3 · 33%')).toBeTruthy()
  })

  it('when rendered, then a screen reader hears the measure, the count and the percentage', () => {
    render(<CoverageBar label='来电预警已开启' part={45} whole={60} percent={75} />)

    expect(screen.getByRole('img', { name: '来电预警已开启 45/60 户，75%' })).toBeTruthy()
  })

  it('when the percentage is given, then the bar is filled that far', () => {
    const { container } = render(<CoverageBar label='已签承诺书' part={2} whole={5} percent={40} />)

    expect(container.querySelector<HTMLElement>('.coverage-bar__fill')?.style.width).toBe('40%')
  })
})
