import { type BulletinCase, caseOrdinal, chineseDate, formatYuan, POLICE_HOTLINE } from '#core/bulletins'
import { ANTI_FRAUD_HOTLINE } from '#core/door-advice'
import { fraudTypeName } from '#core/fraud-types'

/** What the poster shows; every text in it comes from authors and is escaped here. */
export interface PosterContent {
  stationName: string
  title: string
  bulletinDate: string
  cases: BulletinCase[]
  advice: string
  totalLossYuan: number
  /** The QR code as the qrcode package writes it (an <svg> with a viewBox). */
  qrSvg: string
}

export const POSTER_WIDTH = 1080
export const POSTER_FONT_FAMILY = "'WenQuanYi Micro Hei','Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"

const MARGIN = 48
const CARD_PADDING = 36
const BODY_SIZE = 30
const LINE = Math.round(BODY_SIZE * 1.55)
const RED = '#c62828'
const DARK_RED = '#8e1b1b'
const INK = '#212121'
const MUTED = '#757575'
const HEADER_HEIGHT = 300
const FOOTER_HEIGHT = 360
const QR_SIZE = 240

/** Punctuation that must not begin a line: it hangs at the end of the line before instead. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’…,.;:?!)]}%'])

/** A CJK character is one em wide; ASCII about half of one. */
const emsOf = (c: string) => (c.charCodeAt(0) < 0x80 ? 0.5 : 1)

/** Breaks one paragraph into lines of at most `maxEms`, letting closing punctuation hang rather than start a line. */
export function wrapLine(text: string, maxEms: number): string[] {
  const lines: string[] = []
  let current = ''
  let ems = 0
  for (const c of text) {
    const w = emsOf(c)
    if (ems + w > maxEms && current && !NO_LINE_START.has(c)) {
      lines.push(current)
      current = ''
      ems = 0
    }
    current += c
    ems += w
  }
  return current ? [...lines, current] : lines
}

/** Paragraphs (split at newlines, blank ones dropped) broken into lines. */
export function wrapText(text: string, maxEms: number): string[] {
  return text.split('\n').map((p) => p.trim()).filter(Boolean).flatMap((p) => wrapLine(p, maxEms))
}

/** XML escapes, and the control characters XML cannot carry at all removed. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '') // eslint-disable-line no-control-regex
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

interface TextStyle {
  size: number
  fill: string
  weight?: 'bold'
  anchor?: 'middle'
}

function textEl(x: number, y: number, content: string, s: TextStyle): string {
  const attrs = [`x="${x}"`, `y="${y}"`, `font-size="${s.size}"`, `fill="${s.fill}"`]
  if (s.weight) attrs.push(`font-weight="${s.weight}"`)
  if (s.anchor) attrs.push(`text-anchor="${s.anchor}"`)
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`
}

/**
 * "受害人：…" wrapped as one text, its label set apart on the first line (a CJK font seldom has a real bold, so by
 * colour too). Returns the elements and the height used;
 * `top` is where the first line's box begins.
 */
function labelled(x: number, top: number, width: number, label: string, value: string, fill: string, labelFill: string): { svg: string[]; height: number } {
  const lines = wrapText(`${label}${value}`, width / BODY_SIZE)
  const svg = lines.map((line, i) => {
    const y = top + BODY_SIZE + i * LINE
    if (i > 0 || !line.startsWith(label)) return textEl(x, y, line, { size: BODY_SIZE, fill })
    return `<text x="${x}" y="${y}" font-size="${BODY_SIZE}" fill="${fill}"><tspan font-weight="bold" fill="${labelFill}">${escapeXml(label)}</tspan>${escapeXml(line.slice(label.length))}</text>`
  })
  return { svg, height: lines.length * LINE }
}

/** The QR code's own <svg>, placed and sized inside the poster. */
function placeSvg(svg: string, x: number, y: number, size: number): string {
  return svg.trim().replace(/^<svg\b/, `<svg x="${x}" y="${y}" width="${size}" height="${size}"`)
}

function header(c: PosterContent): string[] {
  return [
    `<rect width="${POSTER_WIDTH}" height="${HEADER_HEIGHT}" fill="${RED}"/>`,
    `<rect y="${HEADER_HEIGHT - 12}" width="${POSTER_WIDTH}" height="12" fill="${DARK_RED}"/>`,
    textEl(POSTER_WIDTH / 2, 92, c.stationName, { size: 44, fill: '#ffffff', weight: 'bold', anchor: 'middle' }),
    textEl(POSTER_WIDTH / 2, 184, '电信网络诈骗警情通报', { size: 72, fill: '#ffffff', weight: 'bold', anchor: 'middle' }),
    textEl(POSTER_WIDTH / 2, 252, chineseDate(c.bulletinDate), { size: 34, fill: '#ffe3e3', anchor: 'middle' }),
  ]
}

function caseCard(c: BulletinCase, index: number, top: number): { svg: string[]; height: number } {
  const x = MARGIN + CARD_PADDING
  const width = POSTER_WIDTH - 2 * x
  const parts: string[] = []
  let y = top + CARD_PADDING
  parts.push(textEl(x, y + 40, `${caseOrdinal(index)} · ${fraudTypeName(c.fraudType)}`, { size: 40, fill: RED, weight: 'bold' }))
  y += 72
  const loss = c.lossYuan > 0 ? formatYuan(c.lossYuan) : '未造成损失（成功劝阻）'
  for (const [label, value] of [['受害人：', c.victimProfile], ['损失金额：', loss], ['案情经过：', c.method]]) {
    const block = labelled(x, y, width, label, value, INK, MUTED)
    parts.push(...block.svg)
    y += block.height + 8
  }
  const tip = labelled(x + 24, y + 20, width - 48, '警方提示：', c.warning, DARK_RED, RED)
  parts.push(`<rect x="${x}" y="${y + 4}" width="${width}" height="${tip.height + 34}" rx="10" fill="#fdecea"/>`)
  parts.push(`<rect x="${x}" y="${y + 4}" width="8" height="${tip.height + 34}" fill="${RED}"/>`)
  parts.push(...tip.svg)
  y += tip.height + 38 + CARD_PADDING
  const height = y - top
  const card = `<rect x="${MARGIN}" y="${top}" width="${POSTER_WIDTH - 2 * MARGIN}" height="${height}" rx="18" fill="#ffffff" stroke="#eeeeee" stroke-width="2"/>`
  return { svg: [card, ...parts], height }
}

function closingAdvice(advice: string, top: number): { svg: string[]; height: number } {
  const x = MARGIN + CARD_PADDING
  const width = POSTER_WIDTH - 2 * x
  const lines = wrapText(advice, width / BODY_SIZE)
  const textTop = top + CARD_PADDING + 64
  const height = textTop - top + lines.length * LINE + CARD_PADDING
  return {
    svg: [
      `<rect x="${MARGIN}" y="${top}" width="${POSTER_WIDTH - 2 * MARGIN}" height="${height}" rx="18" fill="#fff8e1" stroke="#ffe082" stroke-width="2"/>`,
      textEl(x, top + CARD_PADDING + 38, '警方提醒', { size: 40, fill: RED, weight: 'bold' }),
      ...lines.map((line, i) => textEl(x, textTop + BODY_SIZE + i * LINE, line, { size: BODY_SIZE, fill: INK })),
    ],
    height,
  }
}

function footer(c: PosterContent, top: number): string[] {
  const qrX = POSTER_WIDTH - MARGIN - QR_SIZE
  const qrY = top + 32
  return [
    `<rect y="${top}" width="${POSTER_WIDTH}" height="${FOOTER_HEIGHT}" fill="${RED}"/>`,
    textEl(MARGIN, top + 110, `反诈专线 ${ANTI_FRAUD_HOTLINE}`, { size: 52, fill: '#ffffff', weight: 'bold' }),
    textEl(MARGIN, top + 188, `报警电话 ${POLICE_HOTLINE}`, { size: 52, fill: '#ffffff', weight: 'bold' }),
    textEl(MARGIN, top + 264, '接到 96110 来电请务必接听', { size: 30, fill: '#ffe3e3' }),
    textEl(MARGIN, top + 312, `${c.stationName} 提醒您：不听、不信、不转账`, { size: 30, fill: '#ffe3e3' }),
    `<rect x="${qrX - 12}" y="${qrY - 12}" width="${QR_SIZE + 24}" height="${QR_SIZE + 24}" rx="12" fill="#ffffff"/>`,
    placeSvg(c.qrSvg, qrX, qrY, QR_SIZE),
    textEl(qrX + QR_SIZE / 2, qrY + QR_SIZE + 50, '扫码查看通报详情', { size: 26, fill: '#ffffff', anchor: 'middle' }),
  ]
}

/** The whole poster: 1080 px wide, as tall as its cases need. */
export function renderPosterSvg(c: PosterContent): string {
  const parts = header(c)
  let y = HEADER_HEIGHT + 28
  const summary = `本期通报案件 ${c.cases.length} 起，群众损失合计 ${formatYuan(c.totalLossYuan)}`
  for (const line of wrapText(c.title, (POSTER_WIDTH - 2 * MARGIN) / 34)) {
    parts.push(textEl(POSTER_WIDTH / 2, y + 34, line, { size: 34, fill: INK, weight: 'bold', anchor: 'middle' }))
    y += 50
  }
  parts.push(textEl(POSTER_WIDTH / 2, y + 30, summary, { size: 28, fill: '#616161', anchor: 'middle' }))
  y += 64
  for (const [i, item] of c.cases.entries()) {
    const card = caseCard(item, i, y)
    parts.push(...card.svg)
    y += card.height + 28
  }
  const advice = closingAdvice(c.advice, y)
  parts.push(...advice.svg)
  y += advice.height + 40
  parts.push(...footer(c, y))
  const height = y + FOOTER_HEIGHT
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${POSTER_WIDTH}" height="${height}" viewBox="0 0 ${POSTER_WIDTH} ${height}" font-family="${POSTER_FONT_FAMILY}">`,
    `<rect width="${POSTER_WIDTH}" height="${height}" fill="#f5f5f5"/>`,
    ...parts,
    '</svg>',
  ].join('\n')
}
