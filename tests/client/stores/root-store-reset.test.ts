import type { LoginResult } from '@/contract/auth'
import { warningDetailStore } from '@/stores/warning-detail-store'
import { USER_INDEPENDENT_STORES } from '@/stores/root-store'
import { FakeApi } from '../support/fake-api'
import { aRootStore, MemoryTokens } from '../support/root'
import { aWarningDetail } from '../support/warning-factories'

const loginAs = (id: string, displayName: string): LoginResult => ({
  token: `token-${id}`, expiresAt: '2099-01-01T00:00:00Z', user: { id, displayName, roles: [] },
})

describe('RootStore on a shared phone', () => {
  it('when a store is added to RootStore, then it is either emptied on sign-out or declared to hold nothing of one person', () => {
    const root = aRootStore(new FakeApi())
    const scoped = new Set<unknown>(root.userScoped)
    const independent = new Set<string>(USER_INDEPENDENT_STORES)
    const forgotten = Object.entries(root).filter(([name, store]) => !independent.has(name) && !scoped.has(store)).map(([name]) => name)
    expect(forgotten).toEqual([])
    for (const store of root.userScoped) expect(typeof store.reset).toBe('function')
  })

  it('when two pages ask for the same page-level store, then they share one, and it is emptied on sign-out like the rest', () => {
    const root = aRootStore(new FakeApi())
    const first = root.store(warningDetailStore)
    expect(root.store(warningDetailStore)).toBe(first)
    expect(root.userScoped).toContain(first)
  })

  it('when the dissuader signs out and a resident signs in on the same phone, then the warning the dissuader opened is gone', async () => {
    const api = new FakeApi()
    api.demoLogin = (personaId) => Promise.resolve(personaId === 'dissuader' ? loginAs('u-dissuader', '陈劝阻') : loginAs('u-resident', '刘大爷'))
    api.warning = () => Promise.resolve(aWarningDetail({ id: 'w-1', residentName: '冉明兴', phoneMasked: '187****8540' }))
    const root = aRootStore(api, new MemoryTokens())
    await root.session.loginWithDemoPersona('dissuader')
    await root.store(warningDetailStore).open('w-1')
    expect(root.store(warningDetailStore).warning?.residentName).toBe('冉明兴')

    await root.session.logout()
    await root.session.loginWithDemoPersona('resident')

    expect(root.store(warningDetailStore).warning).toBeNull()
    expect(root.store(warningDetailStore).id).toBeNull()
    expect(JSON.stringify(root.store(warningDetailStore))).not.toContain('冉明兴')
  })
})
