import { FIRST_RETRY_DELAY_MS, isRetryableStatus, MAX_RETRY_DELAY_MS, nextRetryDelay } from '@/core/sync-backoff'

describe('nextRetryDelay', () => {
  it('when retrying for the first time, then the delay lies between half and the whole first step', () => {
    expect(nextRetryDelay(1, 0)).toBe(FIRST_RETRY_DELAY_MS / 2)
    expect(nextRetryDelay(1, 0.999999)).toBeLessThanOrEqual(FIRST_RETRY_DELAY_MS)
  })

  it('when attempts go on, then the step doubles each time', () => {
    expect([1, 2, 3, 4].map((a) => nextRetryDelay(a, 1))).toEqual([2_000, 4_000, 8_000, 16_000])
  })

  it('when attempts are many, then the delay never exceeds the cap', () => {
    expect(nextRetryDelay(50, 1)).toBe(MAX_RETRY_DELAY_MS)
    expect(nextRetryDelay(1000, 0.5)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS)
  })

  it('when two phones draw different random numbers, then they wait different times', () => {
    expect(nextRetryDelay(3, 0.1)).not.toBe(nextRetryDelay(3, 0.9))
  })

  it('when random or attempt are out of range, then the delay stays within the first step', () => {
    expect(nextRetryDelay(0, -1)).toBe(FIRST_RETRY_DELAY_MS / 2)
    expect(nextRetryDelay(-3, 7)).toBe(FIRST_RETRY_DELAY_MS)
  })
})

describe('isRetryableStatus', () => {
  it('when there was no answer or a 5xx / 429, then retry; when a 4xx refusal, then do not', () => {
    expect([null, 408, 429, 500, 503].map(isRetryableStatus)).toEqual([true, true, true, true, true])
    expect([400, 401, 403, 404, 413].map(isRetryableStatus)).toEqual([false, false, false, false, false])
  })
})
