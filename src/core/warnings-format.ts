import { RISK_LEVEL_LABELS, type RiskLevel, type WarningEventKind, type WarningStep } from './warnings'

/** What a dissuader reads on a warning's deadline: the time left, or how long it is overdue, in words. */
export interface Countdown {
  text: string
  overdue: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * "剩余 08:32" under an hour, "剩余 2 小时 05 分" beyond; "已超时 12 分钟" once the deadline has passed, so that
 * 超时 is said in words and never by colour alone.
 */
export function countdownText(dueAt: string, now: Date): Countdown {
  const ms = new Date(dueAt).getTime() - now.getTime()
  if (ms > 0) {
    const seconds = Math.ceil(ms / 1000)
    const hours = Math.floor(seconds / 3600)
    const minutes = Math.floor((seconds % 3600) / 60)
    const text = hours > 0 ? `剩余 ${hours} 小时 ${pad(minutes)} 分` : `剩余 ${pad(minutes)}:${pad(seconds % 60)}`
    return { text, overdue: false }
  }
  const minutes = Math.floor(-ms / 60_000)
  if (minutes < 1) return { text: '已超时 不到 1 分钟', overdue: true }
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  if (days > 0) return { text: `已超时 ${days} 天 ${hours} 小时`, overdue: true }
  if (hours > 0) return { text: `已超时 ${hours} 小时 ${minutes % 60} 分钟`, overdue: true }
  return { text: `已超时 ${minutes} 分钟`, overdue: true }
}

/** Risk as a shape and a word: a triangle, a diamond or a circle tells the level apart in grey print too. */
const RISK_SHAPES: Record<RiskLevel, string> = { high: '▲', medium: '◆', low: '●' }

export function riskBadge(risk: RiskLevel): string {
  return `${RISK_SHAPES[risk]} ${RISK_LEVEL_LABELS[risk]}`
}

/** The words on the quick outcome buttons, which are also the step names in the timeline. */
export const WARNING_STEP_LABELS: Record<WarningStep, string> = {
  contact: '已联系',
  dissuaded: '劝阻成功',
  defrauded: '已受骗',
  unreachable: '无法联系',
  false_alarm: '误报',
  reopen: '重新打开',
  return_visit: '回访',
}

const EVENT_KIND_LABELS: Record<WarningEventKind, string> = {
  ...WARNING_STEP_LABELS,
  created: '收到预警',
  assigned: '分派',
  escalated: '超时提醒',
}

/** One line of the timeline: what happened and who did it; the time is shown beside it. */
export function warningEventText(event: { kind: WarningEventKind; actorName: string | null; note: string; lossAmount: number | null }): string {
  const who = event.actorName ? `（${event.actorName}）` : ''
  const loss = event.lossAmount !== null ? ` · 损失 ${formatYuan(event.lossAmount)}` : ''
  const note = event.note.trim() ? `：${event.note.trim()}` : ''
  return `${EVENT_KIND_LABELS[event.kind]}${who}${loss}${note}`
}

export function formatYuan(amount: number): string {
  return `${amount.toLocaleString('zh-CN')} 元`
}

/** Share of a whole in whole percent; nothing received is 0%, not a division by zero. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0
}

/** What the station reads once a warning is saved: who now has it, or that nobody could be given it yet. */
export function dispatchConfirmation(w: { assignee: { name: string } | null; residentName: string }): string {
  return w.assignee ? `已派发给 ${w.assignee.name}` : `已保存 ${w.residentName} 的预警，该区域暂无劝阻员，请改派`
}
