import Taro from '@tarojs/taro'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { LoginResult } from '@/contract/auth'
import type { MeRole } from '@/contract/common'
import type { Role } from '@/core/roles'
import MePage from '@/pages/me/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

const aRole = (role: Role, regionName = '东胜村'): MeRole => ({ role, regionId: `r-${role}`, regionName, regionPath: `/r-${role}/` })
const aLogin = (...roles: MeRole[]): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z', user: { id: 'u1', displayName: '王书记', roles },
})

async function signedInAs(...roles: MeRole[]) {
  const api = new FakeApi()
  api.demoLogin = () => Promise.resolve(aLogin(...roles))
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('any')
  renderWithStores(<MePage />, store)
  return store
}

describe('我的 page', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when nobody is signed in, then a 登录 button leads to the login page', () => {
    renderWithStores(<MePage />, aRootStore(new FakeApi()))

    fireEvent.click(screen.getByText('登录'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('when a grid worker is signed in, then 网格员工作台 is offered and 管理后台 is not', async () => {
    await signedInAs(aRole('grid_worker', '东胜村第1网格'))

    expect(screen.getByText('网格员/民警 · 东胜村第1网格')).toBeTruthy()
    fireEvent.click(screen.getByText('网格员工作台'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/home/index' })
    expect(screen.queryByText('管理后台')).toBeNull()
  })

  it('when a cadre is signed in, then 管理后台 is offered and 网格员工作台 is not', async () => {
    await signedInAs(aRole('cadre'))

    expect(screen.getByText('管理后台')).toBeTruthy()
    expect(screen.queryByText('网格员工作台')).toBeNull()
    expect(screen.queryByText('宣传活动')).toBeNull()
  })

  it('when a grid worker without the admin pages is signed in, then 宣传活动 and 扫码学习海报 are offered from 我的', async () => {
    await signedInAs(aRole('grid_worker', '东胜村第1网格'))

    fireEvent.click(screen.getByText('宣传活动'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/activities/index' })
    fireEvent.click(screen.getByText('扫码学习海报'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/learn-posters/index' })
  })

  it('when 关怀模式 is switched on, then the page gets the care-mode class and the choice is kept', async () => {
    const store = await signedInAs(aRole('resident'))
    const root = screen.getByText('我的').parentElement
    expect(root?.classList.contains('care-mode')).toBe(false)

    fireEvent.click(screen.getByRole('switch', { name: '关怀模式' }))

    expect(root?.classList.contains('care-mode')).toBe(true)
    expect(store.ui.careMode).toBe(true)
  })

  it('when the 关怀模式 row is tapped away from its knob, then it toggles, and it says its state to a screen reader', async () => {
    const store = await signedInAs(aRole('resident'))
    const row = screen.getByRole('switch', { name: '关怀模式' })
    expect(row.getAttribute('aria-checked')).toBe('false')
    expect(row.hasAttribute('aria-role')).toBe(false)

    fireEvent.click(screen.getByText('字更大，按钮更大，更好认'))

    expect([store.ui.careMode, row.getAttribute('aria-checked'), screen.getByText('已开启')]).toEqual([true, 'true', expect.anything()])
  })

  it('when 退出登录 is confirmed, then the user is signed out', async () => {
    const store = await signedInAs(aRole('resident'))

    fireEvent.click(screen.getByText('退出登录', { selector: 'button' }))
    fireEvent.click(screen.getByText('退出'))

    await waitFor(() => expect(screen.getByText('登录')).toBeTruthy())
    expect(store.session.isSignedIn).toBe(false)
  })

  it('when 退出登录 is cancelled, then the user stays signed in', async () => {
    const store = await signedInAs(aRole('resident'))

    fireEvent.click(screen.getByText('退出登录', { selector: 'button' }))
    fireEvent.click(screen.getByText('取消'))

    expect(store.session.isSignedIn).toBe(true)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('when a signed-in person has no role at all, then a big card asks where they live and leads to 我住在哪里', async () => {
    await signedInAs()

    fireEvent.click(screen.getByText('您住在哪个村（社区）？'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/residence/index' })
  })

  it('when a resident is signed in, then 居住地 shows their village with 更改, and no prompt', async () => {
    await signedInAs(aRole('resident', '东胜村'))

    expect(screen.queryByText('您住在哪个村（社区）？')).toBeNull()
    fireEvent.click(screen.getByText('居住地 · 东胜村'))
    expect(screen.getByText('更改')).toBeTruthy()
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/residence/index' })
  })

  it('when 输入邀请码 and 我的数据 are tapped, then the join page and my data page open', async () => {
    await signedInAs(aRole('resident'))

    fireEvent.click(screen.getByText('输入邀请码'))
    fireEvent.click(screen.getByText('我的数据'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/join/index' })
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/my-data/index' })
  })
})
