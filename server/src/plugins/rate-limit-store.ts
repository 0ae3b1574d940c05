import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'

type Counted = { current: number; ttl: number }
type Callback = (error: Error | null, result?: Counted) => void

/** Rows of ended windows are deleted at most this often, by whichever instance counts a hit first. */
const SWEEP_EVERY_MS = 60_000

/**
 * A store for @fastify/rate-limit on the `rate_limits` table, so that every server instance on one PostgreSQL
 * counts the same hits: one upsert per hit, which starts a new window when the last one has ended. The clock is
 * the database's, so instances with drifting clocks still agree.
 */
export function postgresRateLimitStore(db: Kysely<DB>) {
  let lastSweep = 0
  class PostgresRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number) {
      this.count(key, timeWindow).then((counted) => callback(null, counted), (error: Error) => callback(error))
    }

    child() {
      return new PostgresRateLimitStore()
    }

    private async count(key: string, timeWindowMs: number): Promise<Counted> {
      const window = `${Math.max(1, Math.round(timeWindowMs))} milliseconds`
      const { rows } = await sql<{ hits: number; ttl: number }>`
        INSERT INTO rate_limits AS r (key, hits, window_ends_at) VALUES (${key}, 1, now() + ${window}::interval)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
          window_ends_at = CASE WHEN r.window_ends_at <= now() THEN now() + ${window}::interval ELSE r.window_ends_at END
        RETURNING hits, GREATEST(0, ceil(extract(epoch FROM window_ends_at - now()) * 1000))::int AS ttl`.execute(db)
      if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = Date.now()
        void sql`DELETE FROM rate_limits WHERE window_ends_at < now()`.execute(db).catch(() => { lastSweep = 0 })
      }
      return { current: rows[0].hits, ttl: rows[0].ttl }
    }
  }
  return PostgresRateLimitStore
}
