import type { ImportRowError } from '#core/import-rows'
import { REGION_LEVEL_LABELS, REGION_LEVELS, countyIdOf, regionPath, type RegionLevel } from '#core/regions'
import type { RoleAssignment } from '#core/roles'
import { canActOn } from '#core/scope'

/** One data row of the sheet as typed: every cell trimmed text, the row number as the spreadsheet shows it. */
export interface SheetRow {
  row: number
  code: string
  name: string
  level: string
  parentCode: string
}

export interface KnownRegion {
  id: string
  parentId: string | null
  level: RegionLevel
  name: string
  path: string
}

export interface PlannedRegion {
  id: string
  parentId: string | null
  level: RegionLevel
  name: string
  path: string
  countyId: string
  /** Already in the database: only its name may change. */
  exists: boolean
  renamed: boolean
}

export const IMPORT_HEADERS = ['编码', '名称', '级别', '上级编码'] as const
const CODE_PATTERN = /^[A-Za-z0-9-]{1,32}$/
const MAX_NAME_LENGTH = 64

const LEVEL_BY_LABEL = new Map(REGION_LEVELS.map((l) => [REGION_LEVEL_LABELS[l], l]))
const LEVEL_HINT = REGION_LEVELS.map((l) => REGION_LEVEL_LABELS[l]).join('、')

/**
 * Checks every row against the database, the earlier rows of the same file and the caller's scope, and plans
 * the writes. A parent must be in the database or earlier in the file, one level up; regions never move.
 */
export function planImport(rows: SheetRow[], known: ReadonlyMap<string, KnownRegion>, roles: readonly RoleAssignment[]) {
  const errors: ImportRowError[] = []
  const planned: PlannedRegion[] = []
  const earlier = new Map<string, { row: number; level: RegionLevel | null; path: string | null }>()

  for (const r of rows) {
    const reasons: string[] = []
    if (!r.code) reasons.push('缺少编码')
    else if (!CODE_PATTERN.test(r.code)) reasons.push('编码只能包含字母、数字和连字符，最多 32 位')
    if (!r.name) reasons.push('缺少名称')
    else if ([...r.name].length > MAX_NAME_LENGTH) reasons.push(`名称不能超过 ${MAX_NAME_LENGTH} 个字`)
    const level = LEVEL_BY_LABEL.get(r.level) ?? null
    if (!level) reasons.push(`级别无效（应为 ${LEVEL_HINT}）`)

    const duplicate = r.code ? earlier.get(r.code) : undefined
    if (duplicate) reasons.push(`文件内编码重复（与第 ${duplicate.row} 行相同）`)

    let path: string | null = null
    let parentId: string | null = null
    if (level && r.code && !duplicate) {
      if (level === 'county') {
        if (r.parentCode) reasons.push('级别与上级不匹配（区县不应填写上级编码）')
        else path = regionPath(null, r.code)
      } else if (!r.parentCode) {
        reasons.push('缺少上级编码')
      } else {
        const parent = earlier.get(r.parentCode) ?? known.get(r.parentCode)
        const expected = REGION_LEVELS[REGION_LEVELS.indexOf(level) - 1]
        if (!parent) reasons.push('上级编码不存在')
        else if (parent.level && parent.level !== expected) reasons.push(`级别与上级不匹配（${REGION_LEVEL_LABELS[level]}的上级应为${REGION_LEVEL_LABELS[expected]}）`)
        else if (parent.path) {
          path = regionPath(parent.path, r.code)
          parentId = r.parentCode
        }
      }
    }

    const existing = r.code ? known.get(r.code) : undefined
    if (path && existing && (existing.level !== level || existing.parentId !== parentId)) {
      reasons.push('与系统中已有区域的级别或上级不一致')
      path = null
    }
    if (path && !canActOn(roles, 'region.import', path)) {
      reasons.push('上级不在您的辖区内')
      path = null
    }

    if (r.code && !duplicate) earlier.set(r.code, { row: r.row, level, path })
    if (reasons.length > 0) {
      errors.push({ row: r.row, message: `第 ${r.row} 行：${reasons.join('；')}` })
    } else if (path && level) {
      planned.push({
        id: r.code, parentId, level, name: r.name, path, countyId: countyIdOf(path),
        exists: existing !== undefined, renamed: existing !== undefined && existing.name !== r.name,
      })
    }
  }
  return { planned, errors }
}
