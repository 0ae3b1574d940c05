/**
 * At most `limit` requests per key in any `windowMs`, counted in this process. Enough for one server: the quiz is
 * cheap to call, and the limit only stops a script from hammering it, not a determined attacker with many accounts.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Counts the request and answers whether it may go ahead. */
  allow(key: string, now: Date): boolean {
    const since = now.getTime() - this.windowMs
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since)
    if (recent.length >= this.limit) {
      this.hits.set(key, recent)
      return false
    }
    recent.push(now.getTime())
    this.hits.set(key, recent)
    if (this.hits.size > 10_000) this.forgetIdle(since)
    return true
  }

  private forgetIdle(since: number) {
    for (const [key, times] of this.hits) if (times.every((t) => t <= since)) this.hits.delete(key)
  }
}
