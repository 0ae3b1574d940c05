import { ERRORS } from './errors'

/**
 * A signature kept as vectors, not as an image: points on an integer grid whose longer side is GRID units,
 * delta-encoded into a short text. A normal signature takes well under 2 KB, so hundreds of unsynced pledges
 * fit in the mini-program's 10 MB of storage, and the same text is hashed, stored and rendered.
 */

export const GRID = 1000

export interface Point {
  x: number
  y: number
}
export type Stroke = Point[]

/** Every coordinate of a valid encoding lies in 0‥GRID; the pad's shorter side uses only part of the range. */
export function normaliseStrokes(raw: readonly (readonly Point[])[], pad: { width: number; height: number }): Stroke[] {
  const longer = Math.max(pad.width, pad.height)
  if (!(longer > 0)) return []
  const scale = GRID / longer
  const onGrid = (v: number) => Math.min(GRID, Math.max(0, Math.round(v * scale)))
  return raw
    .map((stroke) => {
      const points: Stroke = []
      for (const p of stroke) {
        const q = { x: onGrid(p.x), y: onGrid(p.y) }
        const last = points[points.length - 1]
        // A finger resting still sends the same point many times: it adds bytes but no ink.
        if (!last || last.x !== q.x || last.y !== q.y) points.push(q)
      }
      return points
    })
    .filter((s) => s.length > 0)
}

/*
 * Format "1:" + strokes separated by ".". A stroke is its first point, then the difference to each next point;
 * each number is zig-zagged (sign in the lowest bit) and written five bits per character, lowest first:
 * every character but the last comes from CONTINUE, the last from FINAL. Small moves cost one character.
 */
const VERSION = '1:'
const FINAL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef'
const CONTINUE = 'ghijklmnopqrstuvwxyz0123456789-_'
const STROKE_SEPARATOR = '.'

function writeNumber(n: number): string {
  let v = n < 0 ? -2 * n - 1 : 2 * n
  let out = ''
  while (v >= 32) {
    out += CONTINUE[v & 31]
    v >>= 5
  }
  return out + FINAL[v]
}

export function encodeStrokes(strokes: readonly Stroke[]): string {
  return VERSION + strokes
    .map((stroke) => stroke.map((p, i) => (i === 0
      ? writeNumber(p.x) + writeNumber(p.y)
      : writeNumber(p.x - stroke[i - 1].x) + writeNumber(p.y - stroke[i - 1].y))).join(''))
    .join(STROKE_SEPARATOR)
}

function readNumbers(text: string): number[] | null {
  const numbers: number[] = []
  let value = 0
  let shift = 0
  for (const c of text) {
    const cont = CONTINUE.indexOf(c)
    if (cont >= 0) {
      if (shift > 20) return null // no coordinate of the grid needs more than four characters
      value += cont * 2 ** shift
      shift += 5
      continue
    }
    const fin = FINAL.indexOf(c)
    if (fin < 0) return null
    value += fin * 2 ** shift
    numbers.push(value % 2 === 0 ? value / 2 : -(value + 1) / 2)
    value = 0
    shift = 0
  }
  return shift === 0 ? numbers : null
}

/** The strokes of an encoding, or null when the text is not one (wrong version, stray characters, off the grid). */
export function decodeStrokes(text: string): Stroke[] | null {
  if (!text.startsWith(VERSION)) return null
  const body = text.slice(VERSION.length)
  if (body === '') return []
  const strokes: Stroke[] = []
  for (const part of body.split(STROKE_SEPARATOR)) {
    const numbers = readNumbers(part)
    if (!numbers || numbers.length === 0 || numbers.length % 2 !== 0) return null
    const stroke: Stroke = []
    for (let i = 0; i < numbers.length; i += 2) {
      const prev = stroke[stroke.length - 1]
      const p = prev ? { x: prev.x + numbers[i], y: prev.y + numbers[i + 1] } : { x: numbers[i], y: numbers[i + 1] }
      if (p.x < 0 || p.x > GRID || p.y < 0 || p.y > GRID) return null
      stroke.push(p)
    }
    strokes.push(stroke)
  }
  return strokes
}

/** Total length of the drawn lines, in grid units. */
export function inkLength(strokes: readonly Stroke[]): number {
  let length = 0
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) length += Math.hypot(stroke[i].x - stroke[i - 1].x, stroke[i].y - stroke[i - 1].y)
  }
  return length
}

export interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function strokeBounds(strokes: readonly Stroke[]): Bounds | null {
  const points = strokes.flat()
  if (points.length === 0) return null
  return {
    minX: Math.min(...points.map((p) => p.x)),
    minY: Math.min(...points.map((p) => p.y)),
    maxX: Math.max(...points.map((p) => p.x)),
    maxY: Math.max(...points.map((p) => p.y)),
  }
}

/** Ink that fits in a box this small (2% of the pad) is a tap, however many points it has. */
const DOT_SIZE = 20
/** Less ink than 30% of the pad's longer side is no name, even a two-stroke 王二 written small makes more. */
export const MIN_INK_LENGTH = 300

export type SignatureProblem = 'SIGNATURE_EMPTY' | 'SIGNATURE_DOT' | 'SIGNATURE_TOO_SHORT'
export type SignatureCheck = { ok: true } | { ok: false; code: SignatureProblem; reason: string }

const refuse = (code: SignatureProblem): SignatureCheck => ({ ok: false, code, reason: ERRORS[code] })

export function validateSignature(strokes: readonly Stroke[]): SignatureCheck {
  const bounds = strokeBounds(strokes)
  if (!bounds) return refuse('SIGNATURE_EMPTY')
  if (bounds.maxX - bounds.minX <= DOT_SIZE && bounds.maxY - bounds.minY <= DOT_SIZE) return refuse('SIGNATURE_DOT')
  if (inkLength(strokes) < MIN_INK_LENGTH) return refuse('SIGNATURE_TOO_SHORT')
  return { ok: true }
}

/**
 * SVG path data in grid units ("M x y L x y …"), to draw with stroke-linecap round. A one-point stroke becomes
 * a zero-length line so that it still shows as a dot.
 */
export function svgPathData(strokes: readonly Stroke[]): string {
  return strokes
    .filter((s) => s.length > 0)
    .map((s) => (s.length === 1
      ? `M${s[0].x} ${s[0].y}l0 0`
      : `M${s[0].x} ${s[0].y}L${s.slice(1).map((p) => `${p.x} ${p.y}`).join(' ')}`))
    .join('')
}
