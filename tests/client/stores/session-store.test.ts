import type { LoginResult, Me } from '@/contract/auth'
import type { MeRole } from '@/contract/common'
import { ApiClient, type HttpRequest } from '@/services/api-client'
import { FakeApi } from '../support/fake-api'
import { aRootStore, MemoryTokens } from '../support/root'

const aRole = (overrides: Partial<MeRole> = {}): MeRole => ({
  role: 'resident', regionId: 'v1', regionName: '东胜村', regionPath: '/c/t/v1/', ...overrides,
})
const aMe = (roles: MeRole[]): Me => ({ id: 'u1', displayName: '张网格', roles })
const aLogin = (user: Me): LoginResult => ({ token: 'token-1', expiresAt: '2030-01-01T00:00:00Z', user })

describe('SessionStore', () => {
  it('when a persona signs in, then me, roles and the token are set', async () => {
    const api = new FakeApi()
    const user = aMe([aRole({ role: 'grid_worker', regionId: 'g1', regionName: '第1网格' })])
    api.demoLogin = (id) => (id === 'grid_worker' ? Promise.resolve(aLogin(user)) : Promise.reject(new Error('unknown')))
    const tokens = new MemoryTokens()
    const { session } = aRootStore(api, tokens)

    const ok = await session.loginWithDemoPersona('grid_worker')

    expect(ok).toBe(true)
    expect(session.me?.displayName).toBe('张网格')
    expect(session.workerGrids.map((g) => g.regionName)).toEqual(['第1网格'])
    expect(tokens.value).toBe('token-1')
  })

  it.each([
    ['grid_worker', true, false],
    ['admin', false, true],
    ['cadre', false, true],
    ['resident', false, false],
  ] as const)('when the user is a %s, then isWorker is %s and isAdminOrCadre is %s', async (role, worker, adminOrCadre) => {
    const api = new FakeApi()
    api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole({ role })])))
    const { session } = aRootStore(api)

    await session.loginWithDemoPersona('any')

    expect(session.isWorker).toBe(worker)
    expect(session.isAdminOrCadre).toBe(adminOrCadre)
  })

  it('when a cadre of one town is also the admin of another, then the home region for an action is the first that allows it', async () => {
    const api = new FakeApi()
    const cadre = aRole({ role: 'cadre', regionId: 't-bl', regionName: '柏林镇' })
    const admin = aRole({ role: 'admin', regionId: 't-yp', regionName: '云盘镇' })
    api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole({ role: 'resident' }), cadre, admin])))
    const { session } = aRootStore(api)

    await session.loginWithDemoPersona('any')

    expect(session.homeRegion()?.regionName).toBe('柏林镇')
    expect(session.homeRegion('prize.manage')?.regionName).toBe('云盘镇')
    expect(session.can('prize.manage')).toBe(true)
  })

  it('when a grid worker holds no admin role, then they have no home region and may not manage prizes', async () => {
    const api = new FakeApi()
    api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole({ role: 'grid_worker' })])))
    const { session } = aRootStore(api)

    await session.loginWithDemoPersona('any')

    expect(session.homeRegion()).toBeNull()
    expect(session.can('prize.manage')).toBe(false)
  })

  it('when a second persona is tapped while a sign-in is under way, then only the first one is asked for', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    let finish!: () => void
    api.demoLogin = (id) => {
      asked.push(id)
      return new Promise((resolve) => { finish = () => resolve(aLogin(aMe([aRole()]))) })
    }
    const { session } = aRootStore(api)

    const first = session.loginWithDemoPersona('resident')
    const second = await session.loginWithDemoPersona('grid_worker')
    expect(session.signingIn).toBe('resident')
    finish()

    expect(await first).toBe(true)
    expect(second).toBe(false)
    expect(asked).toEqual(['resident'])
    expect(session.signingIn).toBeNull()
  })

  it('when a role is named with its place, then it reads as the pages write it', async () => {
    const api = new FakeApi()
    api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole({ role: 'grid_worker', regionName: '东胜村第1网格' })])))
    const { session } = aRootStore(api)
    await session.loginWithDemoPersona('any')

    expect(session.roles.map((r) => session.roleAt(r))).toEqual(['网格员/民警 · 东胜村第1网格'])
    expect(session.placesFor('admin')).toBe('区县或镇街')
  })

  it('when the login fails, then the server message is kept and nobody is signed in', async () => {
    const api = new ApiClient(new MemoryTokens(), '', () =>
      Promise.resolve({ statusCode: 404, data: { code: 'DEMO_PERSONA_UNKNOWN', message: '没有这个演示账号' } }))
    const { session } = aRootStore(api)

    const ok = await session.loginWithDemoPersona('nobody')

    expect(ok).toBe(false)
    expect(session.loginError).toBe('没有这个演示账号')
    expect(session.isSignedIn).toBe(false)
  })

  it('when the server answers 401 AUTH_EXPIRED, then the session is cleared', async () => {
    const me = aMe([aRole({ role: 'grid_worker' })])
    let expired = false
    const http: HttpRequest = async ({ url }) => {
      if (url.endsWith('/api/auth/demo-login')) return { statusCode: 200, data: aLogin(me) }
      if (expired) return { statusCode: 401, data: { code: 'AUTH_EXPIRED', message: '登录已过期，请重新登录' } }
      return { statusCode: 200, data: me }
    }
    const tokens = new MemoryTokens()
    const root = aRootStore((token) => new ApiClient(token, '', http), tokens)
    await root.session.loginWithDemoPersona('grid_worker')
    expect(root.session.isSignedIn).toBe(true)

    expired = true
    await root.session.loadMe()

    expect(root.session.isSignedIn).toBe(false)
    expect(tokens.value).toBeNull()
  })

  it('when the user confirms logout, then the token is gone even if the server cannot be reached', async () => {
    const api = new FakeApi()
    api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole()])))
    api.logout = () => Promise.reject(new Error('offline'))
    const tokens = new MemoryTokens()
    const { session } = aRootStore(api, tokens)
    await session.loginWithDemoPersona('resident')

    await session.logout()

    expect(session.me).toBeNull()
    expect(tokens.value).toBeNull()
  })

  it('when the server is not in demo mode, then the personas are unavailable', async () => {
    const api = new ApiClient(new MemoryTokens(), '', () =>
      Promise.resolve({ statusCode: 404, data: { code: 'NOT_FOUND', message: '请求的页面或接口不存在' } }))
    const { session } = aRootStore(api)

    await session.loadPersonas()

    expect(session.personaState).toBe('unavailable')
  })
})
