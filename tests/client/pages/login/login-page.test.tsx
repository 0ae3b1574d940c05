import Taro from '@tarojs/taro'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { DemoPersona, LoginResult } from '@/contract/auth'
import { ApiError } from '@/services/api-client'
import LoginPage from '@/pages/login/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

const aPersona = (overrides: Partial<DemoPersona> = {}): DemoPersona => ({
  id: 'grid_worker', label: '网格员', displayName: '张网格', description: '东胜村第1网格 · 扫码入户、签承诺书', ...overrides,
})
const aLogin = (role: 'grid_worker' | 'resident'): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '张网格', roles: [{ role, regionId: 'g1', regionName: '第1网格', regionPath: '/g1/' }] },
})

describe('login page (H5 demo)', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when personas load, then each shows its label, name and description', async () => {
    const api = new FakeApi()
    api.demoPersonas = () => Promise.resolve({ personas: [aPersona(), aPersona({ id: 'resident', label: '居民', displayName: '刘大爷', description: '东胜村居民' })] })
    renderWithStores(<LoginPage />, aRootStore(api))

    expect(await screen.findByText('网格员')).toBeTruthy()
    expect(screen.getByText('张网格')).toBeTruthy()
    expect(screen.getByText('刘大爷')).toBeTruthy()
    expect(screen.getByText('东胜村居民')).toBeTruthy()
  })

  it('when a grid worker card is tapped, then the user is signed in and taken to the workbench', async () => {
    const api = new FakeApi()
    api.demoPersonas = () => Promise.resolve({ personas: [aPersona()] })
    api.demoLogin = () => Promise.resolve(aLogin('grid_worker'))
    const store = aRootStore(api)
    renderWithStores(<LoginPage />, store)

    fireEvent.click(await screen.findByText('网格员'))

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/home/index' }))
    expect(store.session.isWorker).toBe(true)
  })

  it('when a resident card is tapped, then the user goes back to 我的', async () => {
    const api = new FakeApi()
    api.demoPersonas = () => Promise.resolve({ personas: [aPersona({ id: 'resident', label: '居民' })] })
    api.demoLogin = () => Promise.resolve(aLogin('resident'))
    renderWithStores(<LoginPage />, aRootStore(api))

    fireEvent.click(await screen.findByText('居民'))

    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }))
  })

  it('when the server is not in demo mode, then the page says to open the mini-program', async () => {
    const api = new FakeApi()
    api.demoPersonas = () => Promise.reject(new ApiError('NOT_FOUND', '请求的页面或接口不存在', 404))
    renderWithStores(<LoginPage />, aRootStore(api))

    expect(await screen.findByText('H5 页面仅供演示，请在微信中打开小程序登录')).toBeTruthy()
  })
})
