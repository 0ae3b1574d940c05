import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import { decodeStrokes, encodeStrokes, GRID, type Stroke } from '@/core/strokes'
import { SignaturePad } from '@/components/signature-pad'

let latest: Stroke[] = []

function Harness() {
  const [strokes, setStrokes] = useState<Stroke[]>([])
  latest = strokes
  return <SignaturePad strokes={strokes} onChange={setStrokes} />
}

function draw(canvas: HTMLElement, points: [number, number][]) {
  const [first, ...rest] = points
  fireEvent.mouseDown(canvas, { clientX: first[0], clientY: first[1] })
  rest.forEach(([x, y]) => fireEvent.mouseMove(canvas, { clientX: x, clientY: y }))
  fireEvent.mouseUp(canvas)
}

beforeEach(() => {
  latest = []
  // jsdom lays nothing out and has no 2D context: give the pad a 300 × 150 box at (10, 20).
  jest.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockReturnValue({
    left: 10, top: 20, width: 300, height: 150, right: 310, bottom: 170, x: 10, y: 20, toJSON: () => ({}),
  })
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
})

afterEach(() => jest.restoreAllMocks())

describe('SignaturePad', () => {
  it('when a line is drawn with the mouse, then it becomes one stroke on the core grid', () => {
    render(<Harness />)

    draw(screen.getByLabelText('签名板'), [[10, 20], [160, 95], [310, 170]])

    const full = GRID
    expect(latest).toEqual([[{ x: 0, y: 0 }, { x: full / 2, y: full / 4 }, { x: full, y: full / 2 }]])
    expect(screen.getByText('已签 1 笔')).toBeTruthy()
  })

  it('when two lines are drawn, then the strokes survive the core encoding unchanged', () => {
    render(<Harness />)
    const pad = screen.getByLabelText('签名板')

    draw(pad, [[20, 30], [120, 60]])
    draw(pad, [[200, 40], [250, 140], [300, 100]])

    expect(latest).toHaveLength(2)
    expect(decodeStrokes(encodeStrokes(latest))).toEqual(latest)
  })

  it('when the mouse moves without a button pressed, then nothing is drawn', () => {
    render(<Harness />)

    fireEvent.mouseMove(screen.getByLabelText('签名板'), { clientX: 50, clientY: 50 })
    fireEvent.mouseUp(screen.getByLabelText('签名板'))

    expect(latest).toEqual([])
  })

  it('when 撤销 is tapped, then only the last stroke is removed', () => {
    render(<Harness />)
    const pad = screen.getByLabelText('签名板')
    draw(pad, [[20, 30], [120, 60]])
    const first = latest[0]
    draw(pad, [[200, 40], [250, 140]])

    fireEvent.click(screen.getByText('撤销'))

    expect(latest).toEqual([first])
  })

  it('when 清除 is tapped, then the pad is empty and the buttons are disabled', () => {
    render(<Harness />)
    const pad = screen.getByLabelText('签名板')
    draw(pad, [[20, 30], [120, 60]])
    draw(pad, [[200, 40], [250, 140]])

    fireEvent.click(screen.getByText('清除'))

    expect(latest).toEqual([])
    expect(screen.getByText('请在上方框内签名')).toBeTruthy()
    expect((screen.getByText('撤销') as HTMLButtonElement).disabled).toBe(true)
  })
})
