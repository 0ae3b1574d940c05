import type { StoredSession } from './session-repo'
import type { RoleAssignment } from '../../../../src/core/roles'

export interface CachedSession extends StoredSession {
  roles: RoleAssignment[]
}

/**
 * Sessions verified in the last few seconds, so that a burst of requests from one phone (a queue of visits going
 * up) costs one lookup rather than two queries each. Expiry is still checked on every request; logout on this
 * server forgets the entry at once, and another server instance sees a revocation or a role change within the TTL.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: CachedSession; cachedAt: number }>()

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get(tokenHash: string): CachedSession | null {
    const entry = this.entries.get(tokenHash)
    if (!entry) return null
    if (this.clock() - entry.cachedAt > this.ttlMs) {
      this.entries.delete(tokenHash)
      return null
    }
    return entry.session
  }

  set(tokenHash: string, session: CachedSession): void {
    // Maps iterate in insertion order: the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(tokenHash, { session, cachedAt: this.clock() })
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash)
  }
}
