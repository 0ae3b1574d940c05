import { useEffect, useRef } from 'react'
import { GRID, normaliseStrokes, type Point, type Stroke } from '@/core/strokes'

/** The drawing calls both the browser's and WeChat's Canvas 2D contexts have. */
export type Pen = Pick<
  CanvasRenderingContext2D,
  'clearRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'lineWidth' | 'lineCap' | 'lineJoin' | 'strokeStyle'
>

/** A canvas ready to draw on, measured in CSS pixels. */
export interface Surface {
  pen: Pen | null
  width: number
  height: number
}

const INK = '#111111'
const INK_WIDTH = 4

function line(pen: Pen, points: readonly Point[], scale: number): void {
  if (points.length === 0) return
  pen.beginPath()
  pen.moveTo(points[0].x * scale, points[0].y * scale)
  // A single point still leaves a dot thanks to the round cap.
  for (const p of points.length === 1 ? points : points.slice(1)) pen.lineTo(p.x * scale, p.y * scale)
  pen.stroke()
}

function paint(surface: Surface, strokes: readonly Stroke[], current: readonly Point[] | null): void {
  const { pen, width, height } = surface
  if (!pen) return
  pen.clearRect(0, 0, width, height)
  pen.strokeStyle = INK
  pen.lineWidth = INK_WIDTH
  pen.lineCap = 'round'
  pen.lineJoin = 'round'
  const gridToPad = Math.max(width, height) / GRID
  strokes.forEach((s) => line(pen, s, gridToPad))
  if (current) line(pen, current, 1)
}

export interface StrokeCapture {
  attach(surface: Surface): void
  begin(p: Point): void
  move(p: Point): void
  end(): void
}

/**
 * Turns pointer positions into strokes: the stroke being drawn stays in CSS pixels on this pad; when the finger
 * lifts it is put on the core grid and handed to `onChange`, which keeps the signature independent of screen size.
 */
export function useStrokeCapture(strokes: Stroke[], onChange: (strokes: Stroke[]) => void): StrokeCapture {
  const latest = useRef({ strokes, onChange })
  latest.current = { strokes, onChange }
  const state = useRef<{ surface: Surface; current: Point[] | null }>({ surface: { pen: null, width: 0, height: 0 }, current: null })

  useEffect(() => {
    paint(state.current.surface, strokes, state.current.current)
  }, [strokes])

  const capture = useRef<StrokeCapture>({
    attach(surface) {
      state.current.surface = surface
      paint(surface, latest.current.strokes, state.current.current)
    },
    begin(p) {
      state.current.current = [p]
      paint(state.current.surface, latest.current.strokes, state.current.current)
    },
    move(p) {
      const current = state.current.current
      if (!current) return
      current.push(p)
      const { pen } = state.current.surface
      if (pen) line(pen, current.slice(-2), 1)
    },
    end() {
      const current = state.current.current
      if (!current) return
      state.current.current = null
      const [stroke] = normaliseStrokes([current], state.current.surface)
      if (stroke) latest.current.onChange([...latest.current.strokes, stroke])
    },
  })
  return capture.current
}
