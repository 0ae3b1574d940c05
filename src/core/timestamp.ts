/**
 * The one rule for a point in time sent by a caller. JavaScript's Date.parse and PostgreSQL's timestamptz disagree
 * on many inputs (expanded years such as "+002026-…" pass one and fail the other, "… UTC+8" is read with opposite
 * signs), so only the form both read alike is accepted: ISO 8601 with a date, a time to the second and an explicit
 * offset, within years that make sense for this service.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-](\d{2}):(\d{2}))$/

export const TIMESTAMP_MIN_YEAR = 2000
export const TIMESTAMP_MAX_YEAR = 2100
export const TIMESTAMP_EXAMPLE = '2026-12-06T08:00:00+08:00'

/** Milliseconds since the epoch, or null when the text is not a strict ISO 8601 instant in range. */
export function parseTimestamp(text: string): number | null {
  const m = ISO_INSTANT.exec(text)
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number)
  if (year < TIMESTAMP_MIN_YEAR || year > TIMESTAMP_MAX_YEAR) return null
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  let offsetMinutes = 0
  if (m[8] !== 'Z') {
    const offsetHours = Number(m[9])
    const offsetMins = Number(m[10])
    if (offsetHours > 14 || offsetMins > 59) return null
    offsetMinutes = (m[8][0] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins)
  }
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000
}

/** The instant in the one form the server stores and answers: UTC with milliseconds. */
export function normaliseTimestamp(text: string): string | null {
  const at = parseTimestamp(text)
  return at === null ? null : new Date(at).toISOString()
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
