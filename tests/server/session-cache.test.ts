import { SessionCache, type CachedSession } from '../../server/src/modules/auth/session-cache'

const aSession = (userId = 'u1'): CachedSession => ({
  userId, displayName: '张网格', expiresAt: new Date('2026-12-01T00:00:00Z'), revokedAt: null, deactivatedAt: null, roles: [],
})

describe('SessionCache', () => {
  it('when a session was verified a moment ago, then it is served from memory', () => {
    let now = 0
    const cache = new SessionCache(5_000, 10, () => now)
    cache.set('h1', aSession())
    now = 4_999
    expect(cache.get('h1')?.userId).toBe('u1')
  })

  it('when the entry is older than its lifetime, then it is looked up again', () => {
    let now = 0
    const cache = new SessionCache(5_000, 10, () => now)
    cache.set('h1', aSession())
    now = 5_001
    expect(cache.get('h1')).toBeNull()
  })

  it('when a session is forgotten on logout, then the next request goes to the database', () => {
    const cache = new SessionCache(5_000, 10, () => 0)
    cache.set('h1', aSession())
    cache.forget('h1')
    expect(cache.get('h1')).toBeNull()
  })

  it('when the cache is full, then the oldest entry makes room', () => {
    const cache = new SessionCache(5_000, 2, () => 0)
    cache.set('h1', aSession('u1'))
    cache.set('h2', aSession('u2'))
    cache.set('h3', aSession('u3'))
    expect(cache.get('h1')).toBeNull()
    expect(cache.get('h3')?.userId).toBe('u3')
  })
})
