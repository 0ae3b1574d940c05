import { checkVisit, MAX_VISIT_NOTE_LENGTH, VISIT_CLOCK_SKEW_MS } from '@/core/visits'

const now = new Date('2026-11-20T08:00:00Z')
const mine = { regionPath: '/1/11/111/111-01/' }
const inMyGrid = (path: string) => path.startsWith('/1/11/111/111-01/')
const at = (msFromNow: number) => new Date(now.getTime() + msFromNow).toISOString()
const DAY = 24 * 3600_000

describe('checkVisit', () => {
  it('when a visit of my grid is an hour old with a short note, then it is accepted', () => {
    expect(checkVisit({ visitedAt: at(-3600_000), note: '已宣讲' }, mine, inMyGrid, now)).toEqual({ ok: true })
  })

  it('when the household is unknown, then VISIT_HOUSEHOLD_UNKNOWN', () => {
    expect(checkVisit({ visitedAt: at(0), note: '' }, null, inMyGrid, now)).toEqual({ ok: false, code: 'VISIT_HOUSEHOLD_UNKNOWN' })
  })

  it('when the household lies in another grid, then VISIT_OUT_OF_SCOPE', () => {
    expect(checkVisit({ visitedAt: at(0), note: '' }, { regionPath: '/1/11/111/111-02/' }, inMyGrid, now))
      .toEqual({ ok: false, code: 'VISIT_OUT_OF_SCOPE' })
  })

  it('when the phone clock runs a little fast, then the visit is still accepted; far ahead, then VISIT_IN_FUTURE', () => {
    expect(checkVisit({ visitedAt: at(VISIT_CLOCK_SKEW_MS), note: '' }, mine, inMyGrid, now).ok).toBe(true)
    expect(checkVisit({ visitedAt: at(VISIT_CLOCK_SKEW_MS + 1000), note: '' }, mine, inMyGrid, now))
      .toEqual({ ok: false, code: 'VISIT_IN_FUTURE' })
  })

  it('when the visit is 29 days old, then accepted; 31 days old, then VISIT_TOO_OLD', () => {
    expect(checkVisit({ visitedAt: at(-29 * DAY), note: '' }, mine, inMyGrid, now).ok).toBe(true)
    expect(checkVisit({ visitedAt: at(-31 * DAY), note: '' }, mine, inMyGrid, now)).toEqual({ ok: false, code: 'VISIT_TOO_OLD' })
  })

  it('when the time is not a date, then VISIT_TIME_INVALID', () => {
    expect(checkVisit({ visitedAt: 'yesterday', note: '' }, mine, inMyGrid, now)).toEqual({ ok: false, code: 'VISIT_TIME_INVALID' })
  })

  it('when the note is one character too long, then VISIT_NOTE_TOO_LONG', () => {
    expect(checkVisit({ visitedAt: at(0), note: '字'.repeat(MAX_VISIT_NOTE_LENGTH) }, mine, inMyGrid, now).ok).toBe(true)
    expect(checkVisit({ visitedAt: at(0), note: '字'.repeat(MAX_VISIT_NOTE_LENGTH + 1) }, mine, inMyGrid, now))
      .toEqual({ ok: false, code: 'VISIT_NOTE_TOO_LONG' })
  })

  it('when the household lies outside my grid and the visit is stale, then scope is named first', () => {
    expect(checkVisit({ visitedAt: at(-40 * DAY), note: '' }, { regionPath: '/2/' }, inMyGrid, now)).toEqual({ ok: false, code: 'VISIT_OUT_OF_SCOPE' })
  })
})
