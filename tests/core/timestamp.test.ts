import { normaliseTimestamp, parseTimestamp } from '@/core/timestamp'

describe('strict timestamps', () => {
  it.each([
    ['2026-12-06T08:00:00Z', '2026-12-06T08:00:00.000Z'],
    ['2026-12-06T16:00:00+08:00', '2026-12-06T08:00:00.000Z'],
    ['2026-12-06T03:00:00.5-05:00', '2026-12-06T08:00:00.500Z'],
    ['2026-12-06T08:00:00.123456Z', '2026-12-06T08:00:00.123Z'],
  ])('when the text is %s, then it is the instant %s', (text, instant) => {
    expect(normaliseTimestamp(text)).toBe(instant)
  })

  it.each([
    ['+002026-12-06T08:00:00Z', 'an expanded year'],
    ['2026-12-06 08:00:00 UTC+8', 'a zone written as UTC+8'],
    ['2026-12-06T08:00:00', 'no offset'],
    ['2026-12-06', 'a date alone'],
    ['2026-12-06 08:00:00Z', 'a space for T'],
    ['2026-12-06t08:00:00z', 'lower-case letters'],
    ['2026-12-06T08:00:00+0800', 'an offset without colon'],
    ['2026-02-30T08:00:00Z', 'a day the month lacks'],
    ['2026-12-06T24:00:00Z', 'hour 24'],
    ['1999-12-31T23:59:59Z', 'a year before 2000'],
    ['2101-01-01T00:00:00Z', 'a year after 2100'],
    ['2026-12-06T08:00:00+15:00', 'an offset beyond ±14 hours'],
    ['２０２６-12-06T08:00:00Z', 'full-width digits'],
    ['', 'nothing'],
  ])('when the text is %s (%s), then it is refused', (text) => {
    expect(parseTimestamp(text)).toBeNull()
  })
})
