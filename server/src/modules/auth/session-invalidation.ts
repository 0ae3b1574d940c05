import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import type { SessionCache } from './session-cache'

const TOPIC = 'session_users'

/**
 * How long a change waits to hear its own announcement back. PostgreSQL signals every listener at the same commit,
 * so once this instance has heard it the others have been told too; a lost listener connection must not hold the
 * answer for long, hence the bound.
 */
const ECHO_WAIT_MS = 1_000

/**
 * A user's roles changed, the user was switched off or logged out: every server instance must forget the sessions
 * it remembers for them, at once rather than after the cache's few seconds. On PostgreSQL the change announces the
 * user id with pg_notify inside its own transaction, so the announcement leaves exactly when the change commits;
 * every instance listens, and the instance that made the change answers only after hearing the announcement
 * itself, so that the user's next request, on whichever instance, finds the change. PGlite is a single process,
 * where forgetting locally is all there is.
 */
export class SessionInvalidation {
  private stopListening: (() => Promise<void>) | null = null
  /** Announcements this instance made and has not heard back yet, per user. */
  private readonly awaitingEcho = new Map<string, Set<() => void>>()
  /** The echo each user's latest announcement waits for, until `committed` takes it. */
  private readonly pending = new Map<string, Promise<void>>()

  constructor(private readonly database: Database, private readonly cache: SessionCache) {}

  async start(): Promise<void> {
    if (!this.database.listen) return
    this.stopListening = await this.database.listen(TOPIC, (userId) => {
      this.cache.forgetUser(userId)
      for (const heard of this.awaitingEcho.get(userId) ?? []) heard()
    })
  }

  async stop(): Promise<void> {
    await this.stopListening?.()
    this.stopListening = null
  }

  /**
   * Call inside the transaction that changes the user (or right after a single-statement change); then
   * `committed` once it has committed.
   */
  async announce(trx: Kysely<DB> | Transaction<DB>, userId: string): Promise<void> {
    if (!this.database.channelName) return
    if (this.stopListening) this.expectEcho(userId)
    await sql`SELECT pg_notify(${this.database.channelName(TOPIC)}, ${userId})`.execute(trx)
  }

  /** Forgets the user's sessions here, and resolves once the announcement has come back (or ECHO_WAIT_MS). */
  async committed(userId: string): Promise<void> {
    this.cache.forgetUser(userId)
    const echo = this.pending.get(userId)
    this.pending.delete(userId)
    await echo
  }

  /** Registered before the notification is sent: the echo may arrive before the commit's own answer. */
  private expectEcho(userId: string) {
    const echo = new Promise<void>((resolve) => {
      const waiters = this.awaitingEcho.get(userId) ?? new Set<() => void>()
      this.awaitingEcho.set(userId, waiters)
      const done = () => {
        clearTimeout(timer)
        waiters.delete(done)
        if (waiters.size === 0 && this.awaitingEcho.get(userId) === waiters) this.awaitingEcho.delete(userId)
        resolve()
      }
      // Also ends the wait of a transaction that rolled back, whose announcement never leaves.
      const timer = setTimeout(done, ECHO_WAIT_MS)
      waiters.add(done)
    })
    this.pending.set(userId, echo)
    echo.then(() => { if (this.pending.get(userId) === echo) this.pending.delete(userId) }, () => {})
  }
}
