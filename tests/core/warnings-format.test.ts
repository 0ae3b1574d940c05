import type { WarningEvent } from '@/contract/warnings'
import { countdownText, percentOf, riskBadge, warningEventText } from '@/core/warnings-format'

const due = '2026-11-29T02:00:00Z'
const at = (iso: string) => new Date(iso)

describe('countdownText', () => {
  it('when under an hour is left, then it reads 剩余 mm:ss', () => {
    expect(countdownText(due, at('2026-11-29T01:51:28Z'))).toEqual({ text: '剩余 08:32', overdue: false })
  })

  it('when part of a second is left, then the second still counts as left', () => {
    expect(countdownText(due, at('2026-11-29T01:59:59.500Z'))).toEqual({ text: '剩余 00:01', overdue: false })
  })

  it('when hours are left, then it reads hours and minutes', () => {
    expect(countdownText(due, at('2026-11-28T23:55:00Z'))).toEqual({ text: '剩余 2 小时 05 分', overdue: false })
  })

  it('when the deadline has just passed, then 超时 is said in words', () => {
    expect(countdownText(due, at(due))).toEqual({ text: '已超时 不到 1 分钟', overdue: true })
  })

  it('when the deadline passed 12 minutes ago, then it reads 已超时 12 分钟', () => {
    expect(countdownText(due, at('2026-11-29T02:12:40Z'))).toEqual({ text: '已超时 12 分钟', overdue: true })
  })

  it('when the deadline passed hours or days ago, then the larger units are used', () => {
    expect(countdownText(due, at('2026-11-29T04:05:00Z')).text).toBe('已超时 2 小时 5 分钟')
    expect(countdownText(due, at('2026-11-30T05:00:00Z')).text).toBe('已超时 1 天 3 小时')
  })
})

describe('riskBadge', () => {
  it('when risks differ, then each has its own shape beside its word', () => {
    expect([riskBadge('high'), riskBadge('medium'), riskBadge('low')]).toEqual(['▲ 高风险', '◆ 中风险', '● 低风险'])
  })
})

describe('warningEventText', () => {
  const anEvent = (over: Partial<WarningEvent>): WarningEvent => ({
    kind: 'contact', fromState: 'pending', toState: 'contacted', actorName: '陈劝阻', note: '', lossAmount: null, at: due, ...over,
  })

  it('when a step has an actor and a note, then both are named', () => {
    expect(warningEventText(anEvent({ note: ' 已电话联系 ' }))).toBe('已联系（陈劝阻）：已电话联系')
  })

  it('when the resident was defrauded, then the loss is shown in yuan', () => {
    expect(warningEventText(anEvent({ kind: 'defrauded', lossAmount: 20000 }))).toBe('已受骗（陈劝阻） · 损失 20,000 元')
  })

  it('when the system escalated the warning, then no actor is named', () => {
    expect(warningEventText(anEvent({ kind: 'escalated', actorName: null }))).toBe('超时提醒')
  })
})

describe('percentOf', () => {
  it('when nothing was received, then the share is 0 rather than a division by zero', () => {
    expect(percentOf(0, 0)).toBe(0)
    expect(percentOf(2, 3)).toBe(67)
  })
})
