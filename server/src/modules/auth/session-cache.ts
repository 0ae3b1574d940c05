import { TtlCache } from '../../lib/ttl-cache'
import type { StoredSession } from './session-repo'
import type { RoleAssignment } from '#core/roles'

export interface CachedSession extends StoredSession {
  roles: RoleAssignment[]
}

/**
 * Sessions verified in the last few seconds, so that a burst of requests from one phone (a queue of visits going
 * up) costs one lookup rather than two queries each. Expiry is still checked on every request; logout forgets the
 * entry at once, and a role change or deactivation forgets every session of that user on every instance
 * (see session-invalidation.ts).
 */
export class SessionCache {
  private readonly entries: TtlCache<string, CachedSession>

  constructor(ttlMs = 5_000, maxEntries = 10_000, clock: () => number = () => performance.now()) {
    this.entries = new TtlCache(ttlMs, maxEntries, clock)
  }

  get(tokenHash: string): CachedSession | null {
    return this.entries.get(tokenHash) ?? null
  }

  set(tokenHash: string, session: CachedSession): void {
    this.entries.set(tokenHash, session)
  }

  forget(tokenHash: string): void {
    this.entries.forget(tokenHash)
  }

  forgetUser(userId: string): void {
    this.entries.forgetWhere((session) => session.userId === userId)
  }
}
