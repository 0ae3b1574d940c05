import {
  afterFailedAttempt,
  BULLETIN_PAGE,
  bulletinReminderPayload,
  classifyWeChatErrcode,
  clipThing,
  dedupeKey,
  FIRST_RETRY_DELAY_MS,
  formatWeChatTime,
  MAX_RETRY_DELAY_MS,
  nextQuotaReset,
  OUTBOX_MAX_ATTEMPTS,
  PHRASE_MAX,
  REMINDER_WINDOW_HOURS,
  reminderWindows,
  retryDelayMs,
  THING_MAX,
  WARNING_PAGES,
  warningOverduePayload,
} from '@/core/outbox'

const HOUR = 3600_000
const at = (iso: string) => new Date(iso)

describe('retryDelayMs', () => {
  it('when attempts go on, then each delay is four times the one before, starting at one minute', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 240_000, 960_000, 3_840_000])
  })

  it('when attempts are many, then the delay stops at the cap', () => {
    expect(retryDelayMs(40)).toBe(MAX_RETRY_DELAY_MS)
  })

  it('when the attempt number is zero or negative, then the first delay is used', () => {
    expect(retryDelayMs(0)).toBe(FIRST_RETRY_DELAY_MS)
    expect(retryDelayMs(-2)).toBe(FIRST_RETRY_DELAY_MS)
  })
})

describe('classifyWeChatErrcode', () => {
  it('when WeChat is busy or over quota, then the send is retried', () => {
    expect([-1, 45009, 45011].map(classifyWeChatErrcode)).toEqual(['retry', 'retry', 'retry'])
  })

  it('when the access token is invalid or expired, then the token is refreshed', () => {
    expect([40001, 40014, 41001, 42001].map(classifyWeChatErrcode)).toEqual(Array(4).fill('refresh_token'))
  })

  it('when the user refused, the openid or data are wrong or the errcode is unknown, then the send is given up', () => {
    expect([43101, 40003, 47003, 40037, 99999].map(classifyWeChatErrcode)).toEqual(Array(5).fill('give_up'))
  })
})

describe('nextQuotaReset', () => {
  it('when it is afternoon in Beijing, then the quota renews at the coming Beijing midnight', () => {
    expect(nextQuotaReset(at('2026-11-29T07:00:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z')
  })

  it('when it is just past midnight in Beijing, then the quota renews at the next one', () => {
    expect(nextQuotaReset(at('2026-11-29T16:00:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z')
  })
})

describe('afterFailedAttempt', () => {
  const now = at('2026-11-29T02:00:00Z')

  it('when WeChat was busy on the first attempt, then the next attempt is one minute later', () => {
    expect(afterFailedAttempt(-1, 1, now)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 60_000) })
  })

  it('when the user refused the message, then the row fails at once', () => {
    expect(afterFailedAttempt(43101, 1, now)).toEqual({ status: 'failed' })
  })

  it('when the daily quota is used up, then the next attempt waits for Beijing midnight', () => {
    expect(afterFailedAttempt(45009, 1, now)).toEqual({ status: 'pending', nextAttemptAt: at('2026-11-29T16:00:00Z') })
  })

  it('when a token error persists after a refresh, then it is retried with backoff', () => {
    expect(afterFailedAttempt(40001, 2, now)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 240_000) })
  })

  it('when the last allowed attempt fails with a retryable error, then the row fails', () => {
    expect(afterFailedAttempt(-1, OUTBOX_MAX_ATTEMPTS - 1, now).status).toBe('pending')
    expect(afterFailedAttempt(-1, OUTBOX_MAX_ATTEMPTS, now)).toEqual({ status: 'failed' })
  })
})

describe('reminderWindows', () => {
  it('when asked at a moment, then published reminders cover the last day and not-reached ones the day before N hours ago', () => {
    const now = at('2026-11-29T12:00:00Z')
    const w = reminderWindows(now, 6)
    expect(w.bulletin_published).toEqual({ from: new Date(now.getTime() - REMINDER_WINDOW_HOURS * HOUR), to: now })
    expect(w.bulletin_not_reached).toEqual({ from: at('2026-11-28T06:00:00Z'), to: at('2026-11-29T06:00:00Z') })
  })
})

describe('clipThing', () => {
  it('when the text fits in 20 characters, then it is kept with its whitespace collapsed', () => {
    expect(clipThing('  柏林镇\n警情通报 ')).toBe('柏林镇 警情通报')
  })

  it('when the text is longer than 20 characters, then it is cut to 19 and an ellipsis', () => {
    const clipped = clipThing('一二三四五六七八九十一二三四五六七八九十多')
    expect(Array.from(clipped)).toHaveLength(20)
    expect(clipped).toBe('一二三四五六七八九十一二三四五六七八九…')
  })

  it('when the text has characters outside the basic plane, then each counts as one', () => {
    expect(Array.from(clipThing('😀'.repeat(25)))).toHaveLength(20)
  })

  it('when the text is blank, then a placeholder is sent since WeChat refuses empty values', () => {
    expect(clipThing('   ')).toBe('无')
  })
})

describe('formatWeChatTime', () => {
  it('when the instant is late evening UTC, then it is shown as the next morning in Beijing', () => {
    expect(formatWeChatTime(at('2026-11-28T23:05:00Z'))).toBe('2026年11月29日 07:05')
  })
})

describe('bulletinReminderPayload', () => {
  const base = { bulletinId: 'b-1', title: '柏林镇2026年11月28日电信网络诈骗警情通报（第三期）', publishedAt: at('2026-11-29T00:30:00Z') }

  it('when a bulletin is published, then the card opens the bulletin and every field is within WeChat limits', () => {
    const payload = bulletinReminderPayload({ ...base, kind: 'bulletin_published' })
    expect(payload.page).toBe(`${BULLETIN_PAGE}?id=b-1`)
    expect(payload.data.time2.value).toBe('2026年11月29日 08:30')
    expect(Array.from(payload.data.thing1.value).length).toBeLessThanOrEqual(20)
    expect(payload.data.thing1.value.startsWith('柏林镇2026年11月28日')).toBe(true)
    expect(payload.data.thing3.value).toBe('新警情通报已发布，请及时转发到群')
  })

  it('when groups were not reached, then the hint tells how many', () => {
    const payload = bulletinReminderPayload({ ...base, kind: 'bulletin_not_reached', unreachedGroups: 3 })
    expect(payload.data.thing3.value).toBe('您有3个群还未收到，请转发')
  })
})

describe('dedupeKey', () => {
  it('when built, then it names the kind, the bulletin and the user', () => {
    expect(dedupeKey('bulletin_published', 'b', 'u')).toBe('bulletin_published:b:u')
  })
})

describe('warningOverduePayload', () => {
  const base = { warningId: 'w-1', fraudTypeName: '冒充公检法', riskLabel: '高风险', contactDueAt: at('2026-11-29T00:40:00Z') }

  it('when the assignee is reminded, then the card opens the dissuader\'s warning page with type, risk and deadline', () => {
    expect(warningOverduePayload({ ...base, recipient: 'assignee' })).toEqual({
      page: `${WARNING_PAGES.assignee}?id=w-1`,
      data: {
        thing1: { value: '冒充公检法' },
        phrase2: { value: '高风险' },
        time3: { value: '2026年11月29日 08:40' },
        thing4: { value: '预警已超时未联系，请立即处置' },
      },
    })
  })

  it('when an admin is reminded, then the card opens the admin warning page and asks to follow it up', () => {
    const payload = warningOverduePayload({ ...base, recipient: 'admin' })
    expect(payload.page).toBe(`${WARNING_PAGES.admin}?id=w-1`)
    expect(payload.data.thing4.value).toBe('辖区预警超时未联系，请督促处置')
  })

  it('when the fraud type name is long, then every field stays within WeChat limits', () => {
    const payload = warningOverduePayload({ ...base, fraudTypeName: '网络交友婚恋(杀猪盘)及其他各类新型电信网络诈骗', recipient: 'admin' })
    expect(Array.from(payload.data.thing1.value).length).toBeLessThanOrEqual(THING_MAX)
    expect(Array.from(payload.data.phrase2.value).length).toBeLessThanOrEqual(PHRASE_MAX)
  })
})
