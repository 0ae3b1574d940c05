import {
  GRID, MIN_INK_LENGTH, decodeStrokes, encodeStrokes, inkLength, normaliseStrokes, svgPathData, validateSignature, type Stroke,
} from '@/core/strokes'
import { sha256Hex, utf8Bytes } from '@/core/sha256'
import { createHash } from 'node:crypto'

/** A wavy line across the pad, like one written character after another: `points` samples, `width` wide. */
function aScrawl(points = 120, width = 800): Stroke[] {
  const left: Stroke = []
  const right: Stroke = []
  for (let i = 0; i < points / 2; i++) {
    left.push({ x: 50 + Math.round((i * width) / points), y: 300 + Math.round(80 * Math.sin(i / 3)) })
    right.push({ x: 60 + Math.round((i * width) / points), y: 500 + Math.round(60 * Math.cos(i / 4)) })
  }
  return [left, right]
}

describe('signature strokes', () => {
  it('when strokes are encoded, then decoding gives the same points back', () => {
    const strokes: Stroke[] = [...aScrawl(), [{ x: 0, y: 0 }], [{ x: GRID, y: GRID }, { x: 0, y: GRID }, { x: 999, y: 1 }]]
    expect(decodeStrokes(encodeStrokes(strokes))).toEqual(strokes)
  })

  it('when no strokes are encoded, then decoding gives no strokes', () => {
    expect(decodeStrokes(encodeStrokes([]))).toEqual([])
  })

  it('when a signature of 600 points is encoded, then it takes under 2 KB', () => {
    const encoded = encodeStrokes(aScrawl(600, 900))
    expect(encoded.length).toBeLessThan(2048)
  })

  it('when the text is not an encoding, then decoding gives null', () => {
    expect(decodeStrokes('')).toBeNull()
    expect(decodeStrokes('2:AB')).toBeNull()
    expect(decodeStrokes('1:A')).toBeNull() // half a point
    expect(decodeStrokes('1:A<')).toBeNull()
    expect(decodeStrokes('1:AA..AA')).toBeNull() // empty stroke
    expect(decodeStrokes('1:gBAA')).toBeNull() // three numbers: x = 16, y = 0, then a lone x
    expect(decodeStrokes('1:AB')).toBeNull() // y = -1, off the grid
    expect(decodeStrokes('1:AAg')).toBeNull() // ends inside a number
  })

  it('when a coordinate lies beyond the grid, then decoding gives null', () => {
    expect(decodeStrokes(encodeStrokes([[{ x: GRID + 1, y: 0 }]]))).toBeNull()
  })

  it('when pad points are normalised, then the longer side spans 0 to GRID and repeated points are dropped', () => {
    const strokes = normaliseStrokes([[{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 300, y: 150 }], []], { width: 300, height: 150 })
    expect(strokes).toEqual([[{ x: 0, y: 0 }, { x: GRID, y: 500 }]])
  })

  it('when pad points fall outside the pad, then they are kept on the grid', () => {
    expect(normaliseStrokes([[{ x: -5, y: 400 }]], { width: 200, height: 200 })).toEqual([[{ x: 0, y: GRID }]])
  })

  it('when strokes are turned into path data, then each stroke is one move and its lines, a lone point a dot', () => {
    expect(svgPathData([[{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }], [{ x: 7, y: 8 }]])).toBe('M1 2L3 4 5 6M7 8l0 0')
  })

  it('when ink is measured, then it is the length of the drawn lines', () => {
    expect(inkLength([[{ x: 0, y: 0 }, { x: 3, y: 4 }], [{ x: 10, y: 10 }, { x: 10, y: 20 }]])).toBe(15)
  })
})

describe('signature validation', () => {
  it('when there are no strokes, then it is refused as empty', () => {
    expect(validateSignature([])).toEqual({ ok: false, code: 'SIGNATURE_EMPTY', reason: '请先在签名板上签名' })
  })

  it('when the signature is a single dot, then it is refused as a dot', () => {
    expect(validateSignature([[{ x: 500, y: 500 }]])).toMatchObject({ ok: false, code: 'SIGNATURE_DOT' })
  })

  it('when a few points wobble inside a tiny box, then it is still a dot', () => {
    expect(validateSignature([[{ x: 500, y: 500 }, { x: 510, y: 505 }, { x: 500, y: 510 }, { x: 512, y: 500 }]]))
      .toMatchObject({ ok: false, code: 'SIGNATURE_DOT' })
  })

  it('when the ink is a short tick, then it is refused as too short', () => {
    const tick = [[{ x: 100, y: 100 }, { x: 100 + MIN_INK_LENGTH - 1, y: 100 }]]
    expect(validateSignature(tick)).toMatchObject({ ok: false, code: 'SIGNATURE_TOO_SHORT', reason: '签名太短，请完整签写姓名' })
  })

  it('when the ink reaches the threshold, then the signature is accepted', () => {
    expect(validateSignature([[{ x: 100, y: 100 }, { x: 100 + MIN_INK_LENGTH, y: 100 }]])).toEqual({ ok: true })
    expect(validateSignature(aScrawl())).toEqual({ ok: true })
  })
})

describe('sha256 without TextEncoder', () => {
  const samples = ['', 'abc', '反诈承诺书', '签名 ✍️ 𠮷', 'line\nbreak', '\ud800 lone surrogate']

  it('when text is encoded, then the bytes equal Node\'s UTF-8', () => {
    for (const s of samples) expect(Buffer.from(utf8Bytes(s))).toEqual(Buffer.from(s, 'utf8'))
  })

  it('when text is hashed, then the digest equals Node\'s sha256 of its UTF-8 bytes', () => {
    for (const s of samples) expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'))
  })
})
