import type { Kysely, Transaction } from 'kysely'
import { Announcer } from '../../db/announcer'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import type { SessionCache } from './session-cache'

/**
 * A user's roles changed, the user was switched off or logged out: every server instance must forget the sessions
 * it remembers for them, at once rather than after the cache's few seconds. The change announces the user id
 * (db/announcer.ts) and answers only once this instance has heard it back, so the user's next request, on
 * whichever instance, finds the change.
 */
export class SessionInvalidation {
  private readonly announcer: Announcer

  constructor(database: Database, cache: SessionCache) {
    this.announcer = new Announcer(database, 'session_users', (userId) => cache.forgetUser(userId))
  }

  start(): Promise<void> {
    return this.announcer.start()
  }

  stop(): Promise<void> {
    return this.announcer.stop()
  }

  /** Call inside the transaction that changes the user; then `committed` once it has committed. */
  announce(trx: Kysely<DB> | Transaction<DB>, userId: string): Promise<void> {
    return this.announcer.announce(trx, userId)
  }

  /** Forgets the user's sessions here, and resolves once every instance has been told. */
  committed(userId: string): Promise<void> {
    return this.announcer.committed(userId)
  }
}
