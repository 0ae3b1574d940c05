/** Retry schedule of the offline queue: exponential with full jitter, so that a village's phones coming back
 * online together do not all hit the server in the same second. */
export const FIRST_RETRY_DELAY_MS = 2_000
export const MAX_RETRY_DELAY_MS = 5 * 60_000

/**
 * Milliseconds to wait before retry number `attempt` (1 = the first retry). `random` is a number in [0, 1)
 * supplied by the caller (Math.random in the app, fixed values in tests): the delay is spread over the upper
 * half of the exponential step, so that it never collapses to zero and still keeps phones apart.
 */
export function nextRetryDelay(attempt: number, random: number): number {
  const step = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, Math.floor(attempt) - 1))
  const spread = Math.min(Math.max(random, 0), 1)
  return Math.round(step / 2 + (step / 2) * spread)
}

/** Rejected items will be rejected again: only network failures and 5xx answers are worth retrying. */
export function isRetryableStatus(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || status >= 500
}
