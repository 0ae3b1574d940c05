import Taro, { useRouter } from '@tarojs/taro'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import type { MyData } from '@/contract/residence'
import LoginPage from '@/pages/login/index'
import MyDataPage from '@/packages/account/pages/my-data/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aLogin, aMe, aResidence, aRole } from '../../../../support/membership-factories'

const someData = (overrides: Partial<MyData> = {}): MyData => ({
  displayName: '李阿姨', createdAt: '2026-11-30T02:00:00Z', roles: [aRole()], residence: aResidence(),
  quizAttempts: 12, prizeClaims: 2, ...overrides,
})

describe('新用户注册体验 (H5 login)', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    jest.mocked(useRouter).mockReturnValue({ params: {} } as never)
  })

  it('when a name is typed and 注册并登录 tapped, then a new user with no role is signed in and taken to 我的', async () => {
    const api = new FakeApi()
    const names: string[] = []
    api.demoPersonas = () => Promise.resolve({ personas: [] })
    api.demoSignup = (displayName) => {
      names.push(displayName)
      return Promise.resolve(aLogin(aMe([], { displayName })))
    }
    const store = aRootStore(api)
    renderWithStores(<LoginPage />, store)

    expect(await screen.findByText('新用户注册体验')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText('您的称呼，如：李阿姨'), { target: { value: ' 李阿姨 ' } })
    fireEvent.click(screen.getByText('注册并登录'))

    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }))
    expect(names).toEqual(['李阿姨'])
    expect(store.session.me?.roles).toEqual([])
  })

  it('when the login page was opened to come back, then signing in returns to the page before', async () => {
    jest.mocked(useRouter).mockReturnValue({ params: { back: '1' } } as never)
    const api = new FakeApi()
    api.demoPersonas = () => Promise.resolve({ personas: [] })
    api.demoSignup = () => Promise.resolve(aLogin())
    renderWithStores(<LoginPage />, aRootStore(api))

    fireEvent.change(await screen.findByPlaceholderText('您的称呼，如：李阿姨'), { target: { value: '李阿姨' } })
    fireEvent.click(screen.getByText('注册并登录'))

    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
    expect(Taro.switchTab).not.toHaveBeenCalled()
  })
})

describe('我的数据 page', () => {
  beforeEach(() => jest.clearAllMocks())

  async function renderMyData(api: FakeApi) {
    api.demoSignup = () => Promise.resolve(aLogin(aMe([aRole()])))
    const store = aRootStore(api)
    await store.session.signUpDemo('李阿姨')
    await act(async () => {
      renderWithStores(<MyDataPage />, store)
    })
    return store
  }

  it('when opened, then everything stored is listed: name, roles, residence and counts', async () => {
    const api = new FakeApi()
    api.myData = () => Promise.resolve(someData())
    await renderMyData(api)

    expect(screen.getByText('李阿姨')).toBeTruthy()
    expect(screen.getByText('身份：居民 · 东胜村')).toBeTruthy()
    expect(screen.getByText('居住地：柏林镇 东胜村')).toBeTruthy()
    expect(screen.getByText('答题记录：12 次')).toBeTruthy()
    expect(screen.getByText('奖品领取：2 次')).toBeTruthy()
  })

  it('when 注销居民身份 is confirmed after the warning, then the residence is deleted and the resident role is gone', async () => {
    const api = new FakeApi()
    let stored = someData()
    api.myData = () => Promise.resolve(stored)
    api.leaveResidence = jest.fn(() => {
      stored = someData({ roles: [], residence: null, quizAttempts: 0, prizeClaims: 0 })
      return Promise.resolve()
    })
    const store = await renderMyData(api)

    fireEvent.click(screen.getByText('注销居民身份', { selector: 'button' }))
    expect(screen.getByRole('dialog').textContent).toContain('答题记录和奖品领取记录将被删除')
    await act(async () => {
      fireEvent.click(screen.getByText('确定注销'))
    })

    expect(api.leaveResidence).toHaveBeenCalled()
    expect(store.session.roles).toEqual([])
    expect(screen.getByText('居住地：未登记')).toBeTruthy()
  })

  it('when 注销居民身份 is cancelled, then nothing is deleted', async () => {
    const api = new FakeApi()
    api.myData = () => Promise.resolve(someData())
    api.leaveResidence = jest.fn(() => Promise.resolve())
    await renderMyData(api)

    fireEvent.click(screen.getByText('注销居民身份', { selector: 'button' }))
    fireEvent.click(screen.getByText('取消'))

    expect(api.leaveResidence).not.toHaveBeenCalled()
  })
})
