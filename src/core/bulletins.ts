import type { ErrorCode } from './errors'
import { FRAUD_TYPE_KEYS, type FraudTypeKey } from './fraud-types'
import type { RegionLevel } from './regions'
import { parseTimestamp } from './timestamp'

/** Daily case bulletin rules shared by the authoring page and the server. */

export const MAX_CASES = 20
export const MAX_TITLE_LENGTH = 60
export const MAX_VICTIM_PROFILE_LENGTH = 60
export const MAX_METHOD_LENGTH = 800
export const MAX_WARNING_LENGTH = 300
export const MAX_ADVICE_LENGTH = 1000
export const MAX_RETRACT_REASON_LENGTH = 200
/** A loss beyond this is a typing slip (an extra digit or two), not a case. */
export const MAX_LOSS_YUAN = 100_000_000

/** A publish time set on a phone may lag a little; further in the past it is a mistake, not "now". */
export const PUBLISH_GRACE_MS = 5 * 60_000
/** Bulletins report yesterday's cases: scheduling further ahead than this is a wrong date. */
export const MAX_SCHEDULE_DAYS = 30

export const POLICE_HOTLINE = '110'

const CHINA_OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000
const CASE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

export const BULLETIN_STATUSES = ['draft', 'scheduled', 'published', 'retracted'] as const
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number]

/** One case of a bulletin as the rules check and store it. */
export interface BulletinCase {
  fraudType: FraudTypeKey
  /** Who was defrauded, never a name: "江津区某镇 62岁 女性 退休职工". */
  victimProfile: string
  /** Yuan, whole or with fen; 0 when the fraud was stopped. */
  lossYuan: number
  /** How it happened, in a few sentences. */
  method: string
  /** 警方提示 for this case. */
  warning: string
}

/** A bulletin's text as the rules check and store it. */
export interface BulletinInput {
  regionId: string
  bulletinDate: string
  title: string
  cases: BulletinCase[]
  advice: string
}

/** A bulletin as it arrives, before its fraud types are known to be fraud types. */
export type BulletinDraft = Omit<BulletinInput, 'cases'> & { cases: (Omit<BulletinCase, 'fraudType'> & { fraudType: string })[] }

export interface BulletinProblem {
  code: Extract<ErrorCode, 'BULLETIN_INVALID' | 'BULLETIN_NO_CASES' | 'BULLETIN_TEMPLATE_TEXT'>
  /** Where the problem is, as a path into BulletinInput: "cases.1.lossYuan". */
  field: string
  message: string
}

/** The calendar day in China (UTC+8 all year, no summer time) at this instant, as YYYY-MM-DD. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** A real calendar day written YYYY-MM-DD: "2026-02-30" is not one. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const parsed = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text
}

/** "2026-11-28" → "2026年11月28日". */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** "2026-11-28" → "11月28日 电信网络诈骗警情通报": the title every station writes. */
export function bulletinTitleFor(date: string): string {
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日 电信网络诈骗警情通报`
}

/** "第一起": how a bulletin numbers its cases. */
export function caseOrdinal(index: number): string {
  const n = index + 1
  if (n <= 10) return `第${CASE_ORDINALS[n - 1]}起`
  if (n < 20) return `第十${CASE_ORDINALS[n - 11]}起`
  return `第${n}起`
}

const lengthOf = (text: string) => [...text.trim()].length

function textProblem(field: string, label: string, value: string, max: number): BulletinProblem | null {
  const length = lengthOf(value)
  if (length === 0) return { code: 'BULLETIN_INVALID', field, message: `请填写${label}` }
  if (length > max) return { code: 'BULLETIN_INVALID', field, message: `${label}不能超过 ${max} 个字` }
  return null
}

/** Yuan with at most two decimals (fen), never negative. */
export function isValidLoss(yuan: number): boolean {
  if (!Number.isFinite(yuan) || yuan < 0 || yuan > MAX_LOSS_YUAN) return false
  const fen = yuan * 100
  return Math.abs(fen - Math.round(fen)) < 1e-6
}

function caseProblems(c: BulletinDraft['cases'][number], index: number): BulletinProblem[] {
  const at = `第 ${index + 1} 个案例`
  const field = (name: string) => `cases.${index}.${name}`
  const problems: (BulletinProblem | null)[] = [
    isFraudTypeKey(c.fraudType) ? null : { code: 'BULLETIN_INVALID', field: field('fraudType'), message: `${at}的诈骗类型未知` },
    textProblem(field('victimProfile'), `${at}的受害人情况`, c.victimProfile, MAX_VICTIM_PROFILE_LENGTH),
    isValidLoss(c.lossYuan) ? null : { code: 'BULLETIN_INVALID', field: field('lossYuan'), message: `${at}的损失金额应为不小于 0 的金额，最多两位小数` },
    textProblem(field('method'), `${at}的案情经过`, c.method, MAX_METHOD_LENGTH),
    textProblem(field('warning'), `${at}的警方提示`, c.warning, MAX_WARNING_LENGTH),
  ]
  return problems.filter((p): p is BulletinProblem => p !== null)
}

/**
 * Everything wrong with a bulletin beyond its shape, field by field; empty when it may be saved.
 * The day it reports must have begun in China: a bulletin never reports tomorrow's cases.
 */
export function checkBulletinInput(input: BulletinDraft, now: Date): BulletinProblem[] {
  const problems: BulletinProblem[] = []
  if (!isCalendarDate(input.bulletinDate)) {
    problems.push({ code: 'BULLETIN_INVALID', field: 'bulletinDate', message: '通报日期无效，应为 年-月-日' })
  } else if (input.bulletinDate > chinaDateOf(now)) {
    problems.push({ code: 'BULLETIN_INVALID', field: 'bulletinDate', message: '通报日期不能晚于今天' })
  }
  const title = textProblem('title', '标题', input.title, MAX_TITLE_LENGTH)
  if (title) problems.push(title)
  if (input.cases.length === 0) problems.push({ code: 'BULLETIN_NO_CASES', field: 'cases', message: '请至少填写一个案例' })
  if (input.cases.length > MAX_CASES) problems.push({ code: 'BULLETIN_INVALID', field: 'cases', message: `一份通报最多 ${MAX_CASES} 个案例` })
  input.cases.slice(0, MAX_CASES).forEach((c, i) => problems.push(...caseProblems(c, i)))
  const advice = textProblem('advice', '结尾的警方提示', input.advice, MAX_ADVICE_LENGTH)
  if (advice) problems.push(advice)
  return problems
}

export function isFraudTypeKey(key: string): key is FraudTypeKey {
  return (FRAUD_TYPE_KEYS as string[]).includes(key)
}

/** A draft that passed checkBulletinInput, as it is stored: surrounding blanks trimmed, unknown types gone. */
export function normaliseBulletinInput(input: BulletinDraft): BulletinInput {
  return {
    regionId: input.regionId,
    bulletinDate: input.bulletinDate,
    title: input.title.trim(),
    cases: input.cases.map((c) => ({
      fraudType: isFraudTypeKey(c.fraudType) ? c.fraudType : 'other',
      victimProfile: c.victimProfile.trim(),
      lossYuan: c.lossYuan,
      method: c.method.trim(),
      warning: c.warning.trim(),
    })),
    advice: input.advice.trim(),
  }
}

/** Summed in fen so that 0.1 + 0.2 comes out as 0.3. */
export function totalLossYuan(cases: readonly Pick<BulletinCase, 'lossYuan'>[]): number {
  return cases.reduce((fen, c) => fen + Math.round(c.lossYuan * 100), 0) / 100
}

/** 58000 → "58,000元", 1234.5 → "1,234.50元". */
export function formatYuan(yuan: number): string {
  const fen = Math.round(yuan * 100)
  const whole = Math.trunc(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const rest = fen % 100
  return rest === 0 ? `${whole}元` : `${whole}.${String(rest).padStart(2, '0')}元`
}

export interface PublicationTimes {
  publishedAt: Date | null
  retractedAt: Date | null
}

/** A draft has no publish time; a scheduled bulletin's time is still ahead; retracting ends either. */
export function bulletinStatus(b: PublicationTimes, now: Date): BulletinStatus {
  if (b.retractedAt) return 'retracted'
  if (!b.publishedAt) return 'draft'
  return b.publishedAt.getTime() <= now.getTime() ? 'published' : 'scheduled'
}

/**
 * What residents get for a bulletin: shown; gone (it was out and has been retracted); or nothing at all, for a
 * draft, a bulletin not yet due, or one retracted before its scheduled time came.
 */
export function publicVisibility(b: PublicationTimes, now: Date): 'visible' | 'retracted' | 'unpublished' {
  const { publishedAt, retractedAt } = b
  if (!publishedAt || publishedAt.getTime() > now.getTime()) return 'unpublished'
  if (!retractedAt) return 'visible'
  return publishedAt.getTime() <= retractedAt.getTime() ? 'retracted' : 'unpublished'
}

export type EditPlan =
  | { kind: 'rewrite'; version: number }
  | { kind: 'add'; version: number }
  | { kind: 'refused'; code: Extract<ErrorCode, 'BULLETIN_RETRACTED'> }

/**
 * Editing a draft rewrites its current version: nobody has seen it. Editing a published or scheduled bulletin
 * adds a version, so that what residents read (or were promised) stays on record. A retracted one stays as it was.
 */
export function planEdit(status: BulletinStatus, currentVersion: number): EditPlan {
  if (status === 'retracted') return { kind: 'refused', code: 'BULLETIN_RETRACTED' }
  if (status === 'draft') return { kind: 'rewrite', version: currentVersion }
  return { kind: 'add', version: currentVersion + 1 }
}

export type PublishPlan =
  | { ok: true; publishedAt: Date; scheduled: boolean }
  | { ok: false; code: Extract<ErrorCode, 'BULLETIN_ALREADY_PUBLISHED' | 'BULLETIN_RETRACTED' | 'BULLETIN_PUBLISH_TIME_INVALID'> }

/**
 * When a bulletin goes out: now when no time is given; at the time given when it is ahead (scheduled) or only
 * a few minutes behind (a slow phone clock). A scheduled bulletin may be published again to move its time.
 */
export function planPublish(status: BulletinStatus, at: string | null | undefined, now: Date): PublishPlan {
  if (status === 'published') return { ok: false, code: 'BULLETIN_ALREADY_PUBLISHED' }
  if (status === 'retracted') return { ok: false, code: 'BULLETIN_RETRACTED' }
  if (at === null || at === undefined) return { ok: true, publishedAt: now, scheduled: false }
  const when = parseTimestamp(at)
  const tooEarly = now.getTime() - PUBLISH_GRACE_MS
  const tooLate = now.getTime() + MAX_SCHEDULE_DAYS * DAY_MS
  if (when === null || when < tooEarly || when > tooLate) return { ok: false, code: 'BULLETIN_PUBLISH_TIME_INVALID' }
  return { ok: true, publishedAt: new Date(when), scheduled: when > now.getTime() }
}

export type RetractPlan =
  | { ok: true; reason: string }
  | { ok: false; code: Extract<ErrorCode, 'BULLETIN_NOT_PUBLISHED' | 'BULLETIN_RETRACTED' | 'BULLETIN_RETRACT_REASON_REQUIRED'> }

/** Published and scheduled bulletins may be retracted, always with a reason; a draft has nothing to retract. */
export function planRetract(status: BulletinStatus, reason: string): RetractPlan {
  if (status === 'draft') return { ok: false, code: 'BULLETIN_NOT_PUBLISHED' }
  if (status === 'retracted') return { ok: false, code: 'BULLETIN_RETRACTED' }
  const trimmed = reason.trim()
  if (!trimmed) return { ok: false, code: 'BULLETIN_RETRACT_REASON_REQUIRED' }
  return { ok: true, reason: trimmed }
}

/** Bulletins speak for a station (a town's) or the county bureau, never for a village or a grid. */
export function isBulletinRegionLevel(level: RegionLevel): boolean {
  return level === 'town' || level === 'county'
}

/** "柏林镇" → "柏林派出所", "几江街道" → "几江派出所", "江津区" → "江津区公安局". */
export function stationNameOf(region: { level: RegionLevel; name: string }): string {
  if (region.level === 'county') return `${region.name}公安局`
  return `${region.name.replace(/(街道办事处|街道|镇|乡)$/, '')}派出所`
}

/** The relative URL of a bulletin's poster image. */
export function posterPathOf(bulletinId: string): string {
  return `/api/public/bulletins/${bulletinId}/poster.png`
}

/** The resident detail page (also its H5 route), as the poster's QR code and shared cards open it. */
export function bulletinPagePathOf(bulletinId: string): string {
  return `/pages/bulletin/index?id=${encodeURIComponent(bulletinId)}`
}

/** The 警方提示 a case of each type usually carries; the author adjusts it to the case. */
export const STANDARD_WARNINGS: Record<FraudTypeKey, string> = {
  rebate_task: '刷单返利都是诈骗！凡是要求先垫付资金、做任务返佣金的“兼职”，一律不要相信。',
  fake_investment: '“内幕消息”“稳赚不赔”“导师带单”的投资理财都是骗局，请通过正规金融机构投资。',
  fake_loan: '正规贷款放款前不收取任何费用，凡是要求先交“保证金”“解冻费”的贷款都是诈骗。',
  fake_customer_service: '“客服”主动来电说要退款、理赔，并让您下载软件、共享屏幕的，一律是诈骗，请通过官方平台核实。',
  fake_police: '公检法机关不会通过电话、微信办案，更没有“安全账户”，凡是要求转账“验资”的都是诈骗。',
  romance: '网上结识的“恋人”以投资、博彩、急用钱等理由让您转账的，一定是诈骗。',
  fake_boss: '“领导”“熟人”通过微信、QQ 要求转账的，务必先打电话或当面核实。',
  fake_credit: '征信记录无法通过第三方“修复”或“注销”，个人征信可到人民银行官方渠道免费查询。',
  game_trade: '游戏装备、账号请在官方平台交易，私下交易、“解冻”“保证金”都是诈骗套路。',
  ai_face_voice: '视频里的“亲友”也可能是 AI 换脸拟声，涉及转账务必多渠道核实身份。',
  fake_military_purchase: '自称部队、警方采购并要求垫付货款、介绍供货商的，一律是诈骗。',
  elderly_care: '以“养老服务”“养老公寓”“以房养老”为名，承诺高额回报的，谨防落入养老诈骗陷阱。',
  other: '遇到陌生来电、要求转账的情况，先挂断，再拨打 96110 或 110 核实。',
}

export const STANDARD_ADVICE = [
  '警方提示：凡是刷单返利、网络投资、网络贷款、冒充客服退款、冒充公检法办案，要求转账汇款的都是诈骗。',
  '不听不信不转账，陌生来电多核实。请安装“国家反诈中心”APP，开启来电预警；接到 96110 来电请务必接听。',
  '如不慎被骗，请立即拨打 110 报警。',
].join('\n')

/** What the case fields ask for, shown as placeholders: hints, never text that could be published. */
export const CASE_HINTS = {
  victimProfile: '如：某村 62岁 女性 务农',
  method: '几句话说清怎么被骗的：从哪里认识对方、对方怎么说、怎么转的钱',
} as const

/** What earlier templates prefilled, so that a draft started from one is still caught before it goes out. */
const FORMER_TEMPLATE_TEXTS = [
  '某村 XX岁 女性 务农',
  '某社区 XX岁 男性 退休职工',
  '受害人通过（短视频平台/陌生来电）结识对方，被拉入刷单群，先小额返利取得信任，后以“做任务”为由诱导垫付资金……',
  '受害人接到自称“公安局”的来电，称其涉嫌洗钱，要求下载会议软件、共享屏幕，并将资金转入“安全账户”……',
]

/**
 * Marks of a template left unfilled: "XX岁" or "XX元", a choice left open as "（短视频平台/陌生来电）", a story trailing off
 * in "……" or "...", or a hint copied as it stands.
 */
const PLACEHOLDER_MARKS = [/[XxＸｘ×]{2,}\s*[岁元]/, /[（(][^（()）]*[/／][^（()）]*[）)]/, /(…|\.\.\.)\s*$/]

export function looksLikePlaceholder(text: string): boolean {
  const trimmed = text.trim()
  if (trimmed === '') return false
  if (FORMER_TEMPLATE_TEXTS.includes(trimmed) || Object.values(CASE_HINTS).includes(trimmed as never)) return true
  return PLACEHOLDER_MARKS.some((mark) => mark.test(trimmed))
}

/**
 * Template text still in a bulletin about to go out (published now, scheduled, or a new version of one out):
 * residents would read "某社区 XX岁 男性 …" as the police's words. Drafts may keep it while being written.
 */
export function templateTextProblems(input: Pick<BulletinInput, 'title' | 'advice' | 'cases'>): BulletinProblem[] {
  const problem = (field: string, label: string): BulletinProblem =>
    ({ code: 'BULLETIN_TEMPLATE_TEXT', field, message: `${label}还是模板提示，请按实际情况填写` })
  const problems: BulletinProblem[] = []
  if (looksLikePlaceholder(input.title)) problems.push(problem('title', '标题'))
  input.cases.forEach((c, i) => {
    const at = `第 ${i + 1} 个案例`
    if (looksLikePlaceholder(c.victimProfile)) problems.push(problem(`cases.${i}.victimProfile`, `${at}的受害人情况`))
    if (looksLikePlaceholder(c.method)) problems.push(problem(`cases.${i}.method`, `${at}的案情经过`))
    if (looksLikePlaceholder(c.warning)) problems.push(problem(`cases.${i}.warning`, `${at}的警方提示`))
  })
  if (looksLikePlaceholder(input.advice)) problems.push(problem('advice', '结尾的警方提示'))
  return problems
}

/** Another bulletin of the same station for the same day that residents see or will see: a likely double. */
export function sameDayBulletins<T extends { id: string; regionId: string; bulletinDate: string; status: BulletinStatus }>(
  items: readonly T[], bulletin: { id: string | null; regionId: string; bulletinDate: string },
): T[] {
  return items.filter((b) => b.id !== bulletin.id && b.regionId === bulletin.regionId && b.bulletinDate === bulletin.bulletinDate
    && (b.status === 'published' || b.status === 'scheduled'))
}

/**
 * What a new bulletin starts from: yesterday's date in China, the usual title, two cases of the commonest types
 * with their standard warnings and blank facts (CASE_HINTS show as placeholders), and the standard closing advice.
 */
export function defaultBulletinInput(regionId: string, now: Date): BulletinInput {
  const bulletinDate = chinaDateOf(new Date(now.getTime() - DAY_MS))
  const blankCase = (fraudType: FraudTypeKey): BulletinCase =>
    ({ fraudType, victimProfile: '', lossYuan: 0, method: '', warning: STANDARD_WARNINGS[fraudType] })
  return {
    regionId,
    bulletinDate,
    title: bulletinTitleFor(bulletinDate),
    cases: [blankCase('rebate_task'), blankCase('fake_police')],
    advice: STANDARD_ADVICE,
  }
}
