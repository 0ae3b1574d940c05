import type { ErrorCode } from './errors'
import { parseTimestamp } from './timestamp'

/** Rules of outreach activities (院坝会 / 赶大集 / 进校园 …) shared by the form and the server: month ranges, input checks, photo types. */

export const ACTIVITY_KINDS = [
  { key: 'courtyard_meeting', name: '院坝会' },
  { key: 'market_day', name: '赶大集' },
  { key: 'school', name: '进校园' },
  { key: 'enterprise', name: '进企业' },
  { key: 'community', name: '进社区' },
  { key: 'training', name: '培训' },
] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]['key']

export const TARGET_GROUPS = ['老年人', '学生', '宝妈', '新市民', '企业职工', '农民工', '个体商户', '其他'] as const
export type TargetGroup = (typeof TARGET_GROUPS)[number]

/** Per photo after compression on the phone; WeChat's own upload is fine with this. */
export const MAX_PHOTO_BYTES = 1024 * 1024
export const MAX_THUMBNAIL_BYTES = 64 * 1024
export const MAX_PHOTOS_PER_ACTIVITY = 9

export const MAX_ACTIVITY_TITLE_LENGTH = 60
export const MAX_ACTIVITY_PLACE_LENGTH = 100
export const MAX_ACTIVITY_ORGANISER_LENGTH = 60
export const MAX_ACTIVITY_SUMMARY_LENGTH = 1000
/** A county-wide 赶大集 can gather thousands; more than this is a typing slip. */
export const MAX_ATTENDANCE = 100_000
export const MAX_MATERIALS = 1_000_000

export const ACTIVITY_KIND_NAMES = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k.key, k.name])) as Record<ActivityKind, string>

const CHINA_OFFSET_MS = 8 * 3600_000
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** 'YYYY-MM' of the moment in Asia/Shanghai. */
export function chinaMonthOf(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7)
}

/** The instants [from, to) of a calendar month in Asia/Shanghai; null for anything but 'YYYY-MM'. */
export function monthRange(month: string): { from: Date; to: Date } | null {
  const m = MONTH.exec(month)
  if (!m) return null
  const year = Number(m[1])
  const index = Number(m[2]) - 1
  return { from: new Date(Date.UTC(year, index, 1) - CHINA_OFFSET_MS), to: new Date(Date.UTC(year, index + 1, 1) - CHINA_OFFSET_MS) }
}

/** The month `delta` months away, for the list's month switcher. */
export function shiftMonth(month: string, delta: number): string {
  const range = monthRange(month)
  if (!range) return month
  return chinaMonthOf(new Date(Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth() + 1 + delta, 1)))
}

/** '2026年11月' */
export function monthLabel(month: string): string {
  const m = MONTH.exec(month)
  return m ? `${m[1]}年${Number(m[2])}月` : month
}

/** A date and a time typed on the phone, read as Asia/Shanghai; null when either is not a real one. */
export function chinaDateTimeToIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim())
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim())
  if (!d || !t) return null
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number)
  if (hour > 23 || minute > 59) return null
  const utc = Date.UTC(year, month - 1, day, hour, minute)
  const back = new Date(utc)
  // 2026-02-30 would roll over into March: refuse it instead.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null
  return new Date(utc - CHINA_OFFSET_MS).toISOString()
}

/** The Asia/Shanghai date and time of an instant, as the form shows them. */
export function chinaDateTimeOf(iso: string): { date: string; time: string } {
  const local = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString()
  return { date: local.slice(0, 10), time: local.slice(11, 16) }
}

export interface ActivityProblem {
  code: Extract<ErrorCode, 'ACTIVITY_INVALID' | 'ACTIVITY_ATTENDANCE_INVALID'>
  message: string
}

const KIND_KEYS: readonly string[] = ACTIVITY_KINDS.map((k) => k.key)
const GROUPS: readonly string[] = TARGET_GROUPS

/** An activity that passed checkActivityInput: its kind and target groups are ones of the lists. */
export interface CheckedActivity {
  regionId: string
  kind: ActivityKind
  title: string
  place: string
  heldAt: string
  organiser: string
  attendance: number
  targetGroups: TargetGroup[]
  materials: number
  summary: string
}

/** An activity as it arrives, before its kind and target groups are known to be ones of the lists. */
export type ActivityDraft = Omit<CheckedActivity, 'kind' | 'targetGroups'> & { kind: string; targetGroups: string[] }

/** Everything wrong with an activity, in Chinese; a negative attendance keeps its own code so the form can point at it. */
export function checkActivityInput(input: ActivityDraft): ActivityProblem[] {
  const problems: ActivityProblem[] = []
  const invalid = (message: string) => problems.push({ code: 'ACTIVITY_INVALID', message })
  if (!KIND_KEYS.includes(input.kind)) invalid('请选择活动类型')
  if (!input.title.trim()) invalid('请填写活动名称')
  if (!input.place.trim()) invalid('请填写活动地点')
  if (!input.organiser.trim()) invalid('请填写组织单位或负责人')
  if (parseTimestamp(input.heldAt) === null) invalid('请填写正确的活动时间')
  if (Number.isInteger(input.attendance) && input.attendance < 0) problems.push({ code: 'ACTIVITY_ATTENDANCE_INVALID', message: '参加人数不能为负数' })
  else if (!Number.isInteger(input.attendance) || input.attendance > MAX_ATTENDANCE) invalid(`参加人数请填写 0–${MAX_ATTENDANCE} 的整数`)
  if (!Number.isInteger(input.materials) || input.materials < 0 || input.materials > MAX_MATERIALS) invalid('发放资料数量请填写不小于 0 的整数')
  if (input.targetGroups.some((g) => !GROUPS.includes(g))) invalid('宣传对象只能从列表中选择')
  return problems
}

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp'

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b)

/** The image type told by the file's first bytes, never by its name or the header the phone sent; null for anything else. */
export function sniffImageMime(bytes: Uint8Array): PhotoMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
  return null
}

/** The size a picture is drawn at so that its long side is at most `maxSide`; smaller pictures keep their size. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height, 1))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
