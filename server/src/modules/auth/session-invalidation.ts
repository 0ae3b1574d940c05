import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import type { SessionCache } from './session-cache'

const TOPIC = 'session_users'

/**
 * A user's roles changed or the user was switched off: every server instance must forget the sessions it
 * remembers for them, at once rather than after the cache's few seconds. On PostgreSQL the change announces the
 * user id with pg_notify inside its own transaction, so the announcement leaves exactly when the change commits;
 * every instance listens. PGlite is a single process, where forgetting locally is all there is.
 */
export class SessionInvalidation {
  private stopListening: (() => Promise<void>) | null = null

  constructor(private readonly database: Database, private readonly cache: SessionCache) {}

  async start(): Promise<void> {
    if (this.database.listen) this.stopListening = await this.database.listen(TOPIC, (userId) => this.cache.forgetUser(userId))
  }

  async stop(): Promise<void> {
    await this.stopListening?.()
    this.stopListening = null
  }

  /** Call inside the transaction that changes the user; then `forgetLocally` once it has committed. */
  async announce(trx: Kysely<DB> | Transaction<DB>, userId: string): Promise<void> {
    if (this.database.channelName) await sql`SELECT pg_notify(${this.database.channelName(TOPIC)}, ${userId})`.execute(trx)
  }

  forgetLocally(userId: string): void {
    this.cache.forgetUser(userId)
  }
}
