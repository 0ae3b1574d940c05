import type { Me } from '@/contract/auth'
import { ApiError } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import { RootStore } from '@/stores/root-store'
import { FakeApi } from '../support/fake-api'
import { MemoryPreferences, MemoryTokens } from '../support/root'

class MemoryStorage implements OfflineStorage {
  values = new Map<string, unknown>()
  read(key: string) { return this.values.get(key) ?? null }
  write(key: string, value: unknown) { this.values.set(key, value) }
}

const aWorker = (id = 'worker-1'): Me => ({
  id, displayName: id === 'worker-1' ? '张网格' : '李网格',
  roles: [{ role: 'grid_worker', regionId: 'g1', regionName: '东胜村第1网格', regionPath: '/g1/' }],
})
const noNetwork = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))

/** One phone: storage and the token outlive the app, as WeChat storage and localStorage do. */
function aPhone() {
  const storage = new MemoryStorage()
  const tokens = new MemoryTokens()
  const start = (api: FakeApi) => new RootStore({
    createApi: () => api, tokenStorage: tokens, preferences: new MemoryPreferences(), wechatCode: () => Promise.resolve('code'),
    offlineStorage: storage, connectivity: { onReconnect: () => {}, onAppShow: () => {} }, timers: { setTimeout: () => 0, clearTimeout: () => {} },
  })
  const signIn = async (me: Me) => {
    const api = new FakeApi()
    api.demoLogin = () => Promise.resolve({ token: `token-${me.id}`, expiresAt: '2030-01-01T00:00:00Z', user: me })
    const store = start(api)
    await store.session.loginWithDemoPersona('grid_worker')
    return store
  }
  return { start, signIn }
}

describe('starting the app without network', () => {
  it('when a worker signed in here before, then the app opens as that worker, marked unconfirmed, and confirms once the network is back', async () => {
    const phone = aPhone()
    await phone.signIn(aWorker())
    const api = new FakeApi()
    api.me = noNetwork

    const store = phone.start(api)
    await store.session.loadMe()

    expect(store.session.me?.displayName).toBe('张网格')
    expect(store.session.isWorker).toBe(true)
    expect(store.session.unconfirmed).toBe(true)

    api.me = () => Promise.resolve(aWorker())
    await store.session.loadMe()
    expect(store.session.unconfirmed).toBe(false)
  })

  it('when the server says the session is dead, then the kept person is not used', async () => {
    const phone = aPhone()
    await phone.signIn(aWorker())
    const api = new FakeApi()
    api.me = () => Promise.reject(new ApiError('AUTH_EXPIRED', '登录已过期，请重新登录', 401))

    const store = phone.start(api)
    await store.session.loadMe()

    expect(store.session.me).toBeNull()
    expect(store.session.meState).toBe('error')
  })

  it('when the worker signed out before, then a start without network opens signed out', async () => {
    const phone = aPhone()
    const first = await phone.signIn(aWorker())
    await first.session.logout()
    const api = new FakeApi()
    api.me = noNetwork

    const store = phone.start(api)
    await store.session.loadMe()

    expect(store.session.me).toBeNull()
  })

  it('when another worker signed in last on the shared phone, then the offline start is theirs, not the first worker\'s', async () => {
    const phone = aPhone()
    await phone.signIn(aWorker('worker-1'))
    await phone.signIn(aWorker('worker-2'))
    const api = new FakeApi()
    api.me = noNetwork

    const store = phone.start(api)
    await store.session.loadMe()

    expect(store.session.me?.id).toBe('worker-2')
  })
})
