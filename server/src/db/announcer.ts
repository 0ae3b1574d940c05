import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './database'
import type { DB } from './schema'

/**
 * How long a change waits to hear its own announcement back. PostgreSQL signals every listener at the same commit,
 * so once this instance has heard it the others have been told too; a lost listener connection must not hold the
 * answer for long, hence the bound.
 */
const ECHO_WAIT_MS = 1_000

/**
 * Tells every server instance on one PostgreSQL that something they remember changed (a user's sessions, a prize):
 * `announce` inside the changing transaction sends `pg_notify`, which leaves exactly when it commits; every
 * instance, this one included, hears it and calls `onHeard`. `committed` then resolves once this instance has heard
 * its own announcement, so that whoever asked for the change can be answered knowing the others know. PGlite is a
 * single process: there `committed` only calls `onHeard` locally.
 */
export class Announcer {
  /** Set from the first `start` to `stop`: a second `start` reuses it instead of listening (and leaking) twice. */
  private listening: Promise<() => Promise<void>> | null = null
  /** Announcements this instance made and has not heard back yet, per payload. */
  private readonly awaitingEcho = new Map<string, Set<() => void>>()
  /** The echo each payload's latest announcement waits for, until `committed` takes it. */
  private readonly pending = new Map<string, Promise<void>>()

  constructor(private readonly database: Database, private readonly topic: string, private readonly onHeard: (payload: string) => void) {}

  async start(): Promise<void> {
    if (!this.database.listen) return
    this.listening ??= this.database.listen(this.topic, (payload) => {
      this.onHeard(payload)
      for (const heard of this.awaitingEcho.get(payload) ?? []) heard()
    }).catch((e: unknown) => {
      this.listening = null // the next start tries again
      throw e
    })
    await this.listening
  }

  async stop(): Promise<void> {
    const listening = this.listening
    this.listening = null
    if (listening) await (await listening)()
  }

  /** Inside the transaction that makes the change (or right after a single-statement change); then `committed`. */
  async announce(trx: Kysely<DB> | Transaction<DB>, payload: string): Promise<void> {
    if (!this.database.channelName) return
    if (this.listening) this.expectEcho(payload)
    await sql`SELECT pg_notify(${this.database.channelName(this.topic)}, ${payload})`.execute(trx)
  }

  /** Applies the change here at once, and resolves once the announcement has come back (or ECHO_WAIT_MS). */
  async committed(payload: string): Promise<void> {
    this.onHeard(payload)
    const echo = this.pending.get(payload)
    this.pending.delete(payload)
    await echo
  }

  /** Registered before the notification is sent: the echo may arrive before the commit's own answer. */
  private expectEcho(payload: string) {
    const echo = new Promise<void>((resolve) => {
      const waiters = this.awaitingEcho.get(payload) ?? new Set<() => void>()
      this.awaitingEcho.set(payload, waiters)
      const done = () => {
        clearTimeout(timer)
        waiters.delete(done)
        if (waiters.size === 0 && this.awaitingEcho.get(payload) === waiters) this.awaitingEcho.delete(payload)
        resolve()
      }
      // Also ends the wait of a transaction that rolled back, whose announcement never leaves.
      const timer = setTimeout(done, ECHO_WAIT_MS)
      timer.unref() // never what keeps a stopping process alive
      waiters.add(done)
    })
    this.pending.set(payload, echo)
    void echo.then(() => { if (this.pending.get(payload) === echo) this.pending.delete(payload) })
  }
}
