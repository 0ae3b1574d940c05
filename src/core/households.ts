import type { ImportRowError } from './import-rows'
import { maskName, maskPhone } from './masking'
import type { RoleAssignment } from './roles'
import { canActOn } from './scope'

/** Household rules shared by the add/edit form, the import and the server. */

export const HOUSEHOLD_TAGS = ['一老一小', '独居老人', '新市民', '留守儿童', '残疾人家庭'] as const
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number]
/** Tags that make a household a priority for patrols and a separate line in coverage. */
export const VULNERABLE_TAGS: readonly HouseholdTag[] = ['一老一小', '独居老人']

export interface LatLng {
  lat: number
  lng: number
}

export const MAX_ADDRESS_LENGTH = 100
export const MAX_HEAD_NAME_LENGTH = 30
export const MIN_MEMBER_COUNT = 1
export const MAX_MEMBER_COUNT = 30

/** The import sheet's columns, in the template's order; a sheet may order them differently. */
export const HOUSEHOLD_IMPORT_COLUMNS = ['网格编码', '地址', '户主姓名', '联系电话', '标签', '人数'] as const
export type HouseholdImportColumn = (typeof HOUSEHOLD_IMPORT_COLUMNS)[number]

/** How many checked rows a dry run shows back. */
export const IMPORT_PREVIEW_ROWS = 20

/** An add or edit as it arrives (the contract's HouseholdInput), before its tags are known to be tags. */
export interface HouseholdDraft {
  regionId: string
  address: string
  headName: string
  /** Write-only: omitted leaves the stored phone as it is, null or blank clears it. */
  phone?: string | null
  tags: readonly string[]
  memberCount: number
  geo?: LatLng | null
}

export interface HouseholdProblem {
  field: keyof HouseholdDraft
  message: string
}

const MOBILE = /^1[3-9]\d{9}$/
// 18 digits (the last may be X) or the old 15-digit form, not inside a longer run of digits.
const ID_CARD = /(^|\D)(\d{17}[\dXx]|\d{15})(?!\d)/
const TAG_SEPARATORS = /[、,，;；\s]+/

/** "+86 138-1234-5678" → "13812345678"; whatever is not a Chinese mobile number then fails isChineseMobile. */
export function normalisePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')
}

export function isChineseMobile(phone: string): boolean {
  return MOBILE.test(phone)
}

/** ID-card numbers must never be stored, not even typed by mistake into an address or a name. */
export function looksLikeIdCardNumber(text: string): boolean {
  return ID_CARD.test(text)
}

export function isHouseholdTag(value: string): value is HouseholdTag {
  return (HOUSEHOLD_TAGS as readonly string[]).includes(value)
}

/** "一老一小、独居老人" → known tags, and the words that are not tags. Separators: 、 , ， ; and blanks. */
export function parseTags(cell: string): { tags: HouseholdTag[]; unknown: string[] } {
  const words = [...new Set(cell.split(TAG_SEPARATORS).map((w) => w.trim()).filter(Boolean))]
  return { tags: words.filter(isHouseholdTag), unknown: words.filter((w) => !isHouseholdTag(w)) }
}

function textProblem(field: 'address' | 'headName', label: string, value: string, max: number): string | null {
  const text = value.trim()
  if (!text) return `缺少${label}`
  if ([...text].length > max) return `${label}不能超过 ${max} 个字`
  if (looksLikeIdCardNumber(text)) return `${label}中不能含有身份证号码`
  return field === 'headName' && /\d/.test(text) ? `${label}不能含有数字` : null
}

function geoProblem(geo: LatLng): string | null {
  const ok = Number.isFinite(geo.lat) && Number.isFinite(geo.lng) && Math.abs(geo.lat) <= 90 && Math.abs(geo.lng) <= 180
  return ok ? null : '位置坐标无效'
}

/** Everything wrong with an add or edit, field by field; empty when it may be saved. The grid is checked by the server. */
export function checkHouseholdInput(input: HouseholdDraft): HouseholdProblem[] {
  const problems: HouseholdProblem[] = []
  const address = textProblem('address', '地址', input.address, MAX_ADDRESS_LENGTH)
  if (address) problems.push({ field: 'address', message: address })
  const headName = textProblem('headName', '户主姓名', input.headName, MAX_HEAD_NAME_LENGTH)
  if (headName) problems.push({ field: 'headName', message: headName })
  if (input.phone && !isChineseMobile(normalisePhone(input.phone))) {
    problems.push({ field: 'phone', message: '联系电话应为 11 位手机号码' })
  }
  const unknown = input.tags.filter((t) => !isHouseholdTag(t))
  if (unknown.length > 0) problems.push({ field: 'tags', message: `未知标签：${unknown.join('、')}（可选 ${HOUSEHOLD_TAGS.join('、')}）` })
  if (!Number.isInteger(input.memberCount) || input.memberCount < MIN_MEMBER_COUNT || input.memberCount > MAX_MEMBER_COUNT) {
    problems.push({ field: 'memberCount', message: `人数应为 ${MIN_MEMBER_COUNT}–${MAX_MEMBER_COUNT} 的整数` })
  }
  const geo = input.geo ? geoProblem(input.geo) : null
  if (geo) problems.push({ field: 'geo', message: geo })
  return problems
}

/** One data row of an import file: every cell as trimmed text, the row number as the spreadsheet shows it. */
export interface HouseholdSheetRow {
  row: number
  cells: Record<HouseholdImportColumn, string>
}

/** What the server knows about a grid code named in the file. */
export interface ImportRegion {
  level: string
  path: string
}

export interface CheckedHouseholdRow {
  row: number
  regionId: string
  regionPath: string
  address: string
  headName: string
  /** Normalised 11-digit mobile, or null. */
  phone: string | null
  tags: HouseholdTag[]
  memberCount: number
}

/** A dry run's view of a good row: what would be stored, with name and phone masked as everywhere else. */
export interface HouseholdImportPreviewRow {
  row: number
  regionId: string
  address: string
  headName: string
  phoneMasked: string | null
  tags: HouseholdTag[]
  memberCount: number
}

/** The header columns the import needs and the file lacks; empty when the header is complete. */
export function missingImportColumns(header: readonly string[]): HouseholdImportColumn[] {
  const present = new Set(header.map((h) => h.trim()))
  return HOUSEHOLD_IMPORT_COLUMNS.filter((c) => !present.has(c))
}

export function importHeaderMessage(missing: readonly HouseholdImportColumn[]): string {
  return `表头缺少：${missing.join('、')}（应为 ${HOUSEHOLD_IMPORT_COLUMNS.join(' | ')}）`
}

function memberCountOf(cell: string): number | null {
  if (!cell) return MIN_MEMBER_COUNT
  const n = Number(cell)
  return Number.isInteger(n) && n >= MIN_MEMBER_COUNT && n <= MAX_MEMBER_COUNT ? n : null
}

/**
 * Checks every row of an import against the grids it names, the caller's scope, the addresses already in those
 * grids and the earlier rows of the same file. Each bad row gets one Chinese message naming its row and reasons.
 * `existingAddresses` holds regionId + address pairs as made by householdAddressKey.
 */
export function checkImportRows(
  rows: readonly HouseholdSheetRow[],
  regions: ReadonlyMap<string, ImportRegion>,
  existingAddresses: ReadonlySet<string>,
  roles: readonly RoleAssignment[],
): { accepted: CheckedHouseholdRow[]; errors: ImportRowError[] } {
  const accepted: CheckedHouseholdRow[] = []
  const errors: ImportRowError[] = []
  const earlier = new Map<string, number>()

  for (const { row, cells } of rows) {
    const reasons: string[] = []
    const regionId = cells['网格编码']
    const region = regionId ? regions.get(regionId) : undefined
    if (!regionId) reasons.push('缺少网格编码')
    else if (!region) reasons.push(`网格编码 ${regionId} 不存在`)
    else if (region.level !== 'grid') reasons.push(`${regionId} 不是网格编码`)
    else if (!canActOn(roles, 'household.write', region.path)) reasons.push(`网格 ${regionId} 不在您的辖区内`)

    const address = cells['地址'].trim()
    const headName = cells['户主姓名'].trim()
    const addressProblem = textProblem('address', '地址', address, MAX_ADDRESS_LENGTH)
    if (addressProblem) reasons.push(addressProblem)
    const nameProblem = textProblem('headName', '户主姓名', headName, MAX_HEAD_NAME_LENGTH)
    if (nameProblem) reasons.push(nameProblem)

    const phone = cells['联系电话'] ? normalisePhone(cells['联系电话']) : null
    if (phone !== null && !isChineseMobile(phone)) reasons.push(`联系电话 ${cells['联系电话']} 不是 11 位手机号码`)
    const { tags, unknown } = parseTags(cells['标签'])
    if (unknown.length > 0) reasons.push(`未知标签：${unknown.join('、')}（可选 ${HOUSEHOLD_TAGS.join('、')}）`)
    const memberCount = memberCountOf(cells['人数'])
    if (memberCount === null) reasons.push(`人数应为 ${MIN_MEMBER_COUNT}–${MAX_MEMBER_COUNT} 的整数`)

    if (regionId && !addressProblem) {
      const key = householdAddressKey(regionId, address)
      const first = earlier.get(key)
      if (first !== undefined) reasons.push(`同一网格内地址重复（与第 ${first} 行相同）`)
      else if (existingAddresses.has(key)) reasons.push('该网格已有此地址的住户')
      else earlier.set(key, row)
    }

    if (reasons.length > 0) errors.push({ row, message: `第 ${row} 行：${reasons.join('；')}` })
    else accepted.push({ row, regionId, regionPath: region!.path, address, headName, phone, tags, memberCount: memberCount! })
  }
  return { accepted, errors }
}

/** Addresses compare without blanks, so "幸福路 1 号" and "幸福路1号" are the same door. */
export function householdAddressKey(regionId: string, address: string): string {
  return `${regionId}\u0000${address.replace(/\s+/g, '')}`
}

export function previewOf(rows: readonly CheckedHouseholdRow[]): HouseholdImportPreviewRow[] {
  return rows.slice(0, IMPORT_PREVIEW_ROWS).map((r) => ({
    row: r.row, regionId: r.regionId, address: r.address, headName: maskName(r.headName),
    phoneMasked: r.phone ? maskPhone(r.phone) : null, tags: r.tags, memberCount: r.memberCount,
  }))
}
