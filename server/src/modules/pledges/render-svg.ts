import { strokeBounds, svgPathData, type Stroke } from '#core/strokes'

/** What the printed pledge shows. Names arrive already masked: the rendering may be sent to the household. */
export interface PledgeSheet {
  title: string
  body: string
  templateVersion: number
  signerMasked: string
  signerRelation: string
  workerName: string
  villageName: string
  householdCode: string
  signedAt: Date
  seq: number
  recordHash: string
  strokes: Stroke[]
}

const WIDTH = 595 // A4 at 72 dpi, so that printing at 100% fills the page
const HEIGHT = 842
const MARGIN = 56
const BODY_SIZE = 16
const LINE_HEIGHT = 26
/** Line width in ems: a CJK glyph is about one em wide, a Latin letter or digit a little over half. */
const EMS_PER_LINE = (WIDTH - 2 * MARGIN) / BODY_SIZE
const emsOf = (c: string) => (c.charCodeAt(0) < 0x80 ? 0.6 : 1)
const SIGNATURE_BOX = { width: 300, height: 130 }

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)

function wrap(line: string): string[] {
  const lines: string[] = []
  let current = ''
  let ems = 0
  for (const c of line) {
    if (ems + emsOf(c) > EMS_PER_LINE) {
      lines.push(current)
      current = ''
      ems = 0
    }
    current += c
    ems += emsOf(c)
  }
  return [...lines, current]
}

/** 签署日期 as the household reads it: the calendar day in China. */
function chinaDate(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** The drawn signature scaled into its box, keeping its proportions. */
function signaturePath(strokes: Stroke[], x: number, y: number): string {
  const bounds = strokeBounds(strokes)
  if (!bounds) return ''
  const w = Math.max(bounds.maxX - bounds.minX, 1)
  const h = Math.max(bounds.maxY - bounds.minY, 1)
  const scale = Math.min((SIGNATURE_BOX.width - 20) / w, (SIGNATURE_BOX.height - 20) / h)
  const tx = x + (SIGNATURE_BOX.width - w * scale) / 2 - bounds.minX * scale
  const ty = y + (SIGNATURE_BOX.height - h * scale) / 2 - bounds.minY * scale
  return `<path class="signature" d="${svgPathData(strokes)}" transform="translate(${tx.toFixed(2)} ${ty.toFixed(2)}) scale(${scale.toFixed(4)})" fill="none" stroke="#111" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" vector-effect="non-scaling-stroke"/>`
}

export function renderPledgeSvg(s: PledgeSheet): string {
  const bodyLines = s.body.split('\n').flatMap(wrap)
  const text = (x: number, y: number, content: string, attrs = '') =>
    `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`
  const parts: string[] = [text(WIDTH / 2, 96, s.title, 'font-size="28" font-weight="bold" text-anchor="middle"')]
  let y = 140
  for (const line of bodyLines) {
    parts.push(text(MARGIN, y, line, `font-size="${BODY_SIZE}"`))
    y += LINE_HEIGHT
  }
  y += 16
  const box = { x: WIDTH - MARGIN - SIGNATURE_BOX.width, y }
  parts.push(text(MARGIN, y + 24, '签署人签名：', `font-size="${BODY_SIZE}"`))
  parts.push(`<rect x="${box.x}" y="${box.y}" width="${SIGNATURE_BOX.width}" height="${SIGNATURE_BOX.height}" fill="none" stroke="#999" stroke-dasharray="4 4"/>`)
  parts.push(signaturePath(s.strokes, box.x, box.y))
  y += SIGNATURE_BOX.height + 36
  const facts = [
    `签署人：${s.signerMasked}（${s.signerRelation}）`,
    `宣讲人：${s.workerName}`,
    `签署日期：${chinaDate(s.signedAt)}`,
    `村（社区）：${s.villageName}\u3000户码：${s.householdCode}`,
  ]
  for (const fact of facts) {
    parts.push(text(MARGIN, y, fact, `font-size="${BODY_SIZE}"`))
    y += LINE_HEIGHT
  }
  parts.push(text(MARGIN, HEIGHT - 56, `承诺书第 ${s.templateVersion} 版 · 本村第 ${s.seq} 份 · 记录哈希 ${s.recordHash.slice(0, 16)}`, 'font-size="11" fill="#555"'))
  parts.push(text(MARGIN, HEIGHT - 36, '遇到可疑电话，先挂断，拨打 96110 核实。', 'font-size="11" fill="#555"'))
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    ...parts,
    '</svg>',
  ].join('\n')
}
