import Taro, { useRouter } from '@tarojs/taro'
import { act, fireEvent, screen } from '@testing-library/react'
import type { RegionNode } from '@/contract/regions'
import type { UserQuery } from '@/contract/users'
import UserPage from '@/packages/admin/pages/user/index'
import UsersPage from '@/packages/admin/pages/users/index'
import AdminHome from '@/packages/admin/pages/home/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aLogin, aManagedUser, aMe, aRole, aUserDetail, townAdmin } from '../../../../support/membership-factories'

const aNode = (overrides: Partial<RegionNode>): RegionNode => ({
  id: 't-bl', parentId: null, level: 'town', name: '柏林镇', path: '/c1/t-bl/', householdCount: 10, ...overrides,
})
const townTree: RegionNode[] = [
  aNode({}),
  aNode({ id: 'v-ds', parentId: 't-bl', level: 'village', name: '东胜村', path: '/c1/t-bl/v-ds/' }),
  aNode({ id: 'g1', parentId: 'v-ds', level: 'grid', name: '第1网格', path: '/c1/t-bl/v-ds/g1/' }),
  aNode({ id: 'g2', parentId: 'v-ds', level: 'grid', name: '第2网格', path: '/c1/t-bl/v-ds/g2/' }),
]

function anAdminApi() {
  const api = new FakeApi()
  api.demoLogin = () => Promise.resolve(aLogin(aMe([townAdmin()], { id: 'u-admin', displayName: '王所长' })))
  api.regionTree = () => Promise.resolve({ nodes: townTree })
  api.users = () => Promise.resolve({ items: [], total: 0 })
  return api
}

async function renderAs(api: FakeApi, page: JSX.Element, params: Record<string, string> = {}) {
  jest.mocked(useRouter).mockReturnValue({ params } as never)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('admin')
  await act(async () => {
    renderWithStores(page, store)
  })
  return store
}

describe('人员管理', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when the list shows, then each person has their roles with regions and 已停用 in words', async () => {
    const api = anAdminApi()
    api.managedUsers = () => Promise.resolve({ items: [aManagedUser(), aManagedUser({ id: 'u-li', displayName: '李劝阻', active: false, roles: [] })], total: 2 })
    await renderAs(api, <UsersPage />)

    expect(screen.getByText('网格员/民警 · 东胜村第1网格')).toBeTruthy()
    expect(screen.getByText('李劝阻（已停用）')).toBeTruthy()
    fireEvent.click(screen.getByText('张网格'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/user/index?id=u-zhang' })
  })

  it('when a role filter is chosen, then the list is asked again from page 1 for that role', async () => {
    const api = anAdminApi()
    const queries: UserQuery[] = []
    api.managedUsers = (q) => {
      queries.push(q)
      return Promise.resolve({ items: [aManagedUser()], total: 1 })
    }
    await renderAs(api, <UsersPage />)

    await act(async () => {
      fireEvent.click(screen.getByText('劝阻员'))
    })

    expect(queries.at(-1)).toEqual({ role: 'dissuader', page: 1, pageSize: 20 })
    expect(screen.getByText('✓ 劝阻员')).toBeTruthy()
  })

  it('when 移除 is confirmed with 确定, then the API gets the role and region of that row', async () => {
    const api = anAdminApi()
    api.managedUser = () => Promise.resolve(aUserDetail())
    const removed: unknown[] = []
    api.removeUserRole = (id, role) => {
      removed.push([id, role])
      return Promise.resolve(aUserDetail({ roles: [] }))
    }
    await renderAs(api, <UserPage />, { id: 'u-zhang' })

    fireEvent.click(screen.getByText('移除'))
    expect(removed).toEqual([])
    expect(screen.getByRole('dialog').textContent).toContain('确定移除 张网格 的「网格员/民警 · 东胜村第1网格」吗？')
    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })

    expect(removed).toEqual([['u-zhang', { role: 'grid_worker', regionId: 'g1' }]])
    expect(screen.getByText('在您的辖区内没有角色')).toBeTruthy()
  })

  it('when 调整辖区 picks another grid and is confirmed, then the API gets the move from the old grid to the new', async () => {
    const api = anAdminApi()
    api.managedUser = () => Promise.resolve(aUserDetail())
    const moves: unknown[] = []
    api.moveUserRole = (id, move) => {
      moves.push([id, move])
      return Promise.resolve(aUserDetail())
    }
    await renderAs(api, <UserPage />, { id: 'u-zhang' })

    fireEvent.click(screen.getByText('调整辖区'))
    fireEvent.click(screen.getByText('东胜村'))
    fireEvent.click(screen.getByText('第2网格'))
    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })

    expect(moves).toEqual([['u-zhang', { role: 'grid_worker', fromRegionId: 'g1', toRegionId: 'g2' }]])
  })

  it('when 停用账号 is confirmed, then the account is deactivated and 恢复账号 is offered', async () => {
    const api = anAdminApi()
    api.managedUser = () => Promise.resolve(aUserDetail())
    api.deactivateUser = jest.fn(() => Promise.resolve(aUserDetail({ active: false })))
    await renderAs(api, <UserPage />, { id: 'u-zhang' })

    fireEvent.click(screen.getByText('停用账号'))
    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })

    expect(api.deactivateUser).toHaveBeenCalledWith('u-zhang')
    expect(screen.getByText('账号状态：已停用')).toBeTruthy()
    expect(screen.getByText('恢复账号')).toBeTruthy()
  })

  it('when a person also works outside the admin\'s town, then 停用账号 is not offered', async () => {
    const api = anAdminApi()
    const elsewhere = aRole({ role: 'cadre', regionId: 'v-x', regionName: '别镇某村', regionPath: '/c1/t-x/v-x/' })
    api.managedUser = () => Promise.resolve(aUserDetail({ roles: [...aUserDetail().roles, elsewhere] }))
    await renderAs(api, <UserPage />, { id: 'u-zhang' })

    expect(screen.queryByText('停用账号')).toBeNull()
    expect(screen.getByText('不在您的辖区内，不能修改')).toBeTruthy()
  })

  it('when an admin opens the admin home, then 人员管理 and 邀请加入 are offered', async () => {
    await renderAs(anAdminApi(), <AdminHome />)
    expect(screen.getByText('人员管理')).toBeTruthy()
    expect(screen.getByText('邀请加入')).toBeTruthy()
  })

  it('when a cadre opens the admin home, then 邀请加入 is offered and 人员管理 is not', async () => {
    const api = anAdminApi()
    api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole({ role: 'cadre' })])))
    await renderAs(api, <AdminHome />)

    expect(screen.getByText('邀请加入')).toBeTruthy()
    expect(screen.queryByText('人员管理')).toBeNull()
  })
})
