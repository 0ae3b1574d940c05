import type { UserQuery } from '@/contract/users'
import { userAdminStore } from '@/stores/user-admin-store'
import { FakeApi } from '../support/fake-api'
import { aRootStore } from '../support/root'
import { aLogin, aManagedUser, aMe, aUserDetail, townAdmin } from '../support/membership-factories'

async function signedInAdmin(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(aLogin(aMe([townAdmin()], { id: 'u-admin', displayName: '王所长' })))
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('admin')
  return store
}

function pagedUsers(api: FakeApi) {
  const queries: UserQuery[] = []
  api.managedUsers = (query) => {
    queries.push(query)
    return Promise.resolve({ items: [aManagedUser({ id: `u-${query.page}` })], total: 3 })
  }
  return queries
}

describe('UserAdminStore', () => {
  it('when a filter changes after more pages were loaded, then the list starts again from page 1 with the filter', async () => {
    const api = new FakeApi()
    const queries = pagedUsers(api)
    const userAdmin = (await signedInAdmin(api)).store(userAdminStore)
    await userAdmin.search()
    await userAdmin.loadMore()
    expect(userAdmin.list.page).toBe(2)

    await userAdmin.setFilter('role', 'grid_worker')

    expect(queries.at(-1)).toEqual({ role: 'grid_worker', page: 1, pageSize: 20 })
    expect(userAdmin.list.page).toBe(1)
    expect(userAdmin.list.items.map((u) => u.id)).toEqual(['u-1'])
  })

  it('when a name is searched with filters, then the query carries all of them and no empty ones', async () => {
    const api = new FakeApi()
    const queries = pagedUsers(api)
    const userAdmin = (await signedInAdmin(api)).store(userAdminStore)
    userAdmin.setQuery(' 张 ')
    await userAdmin.setFilter('status', 'inactive')
    await userAdmin.setFilter('regionId', 'v-ds')

    expect(queries.at(-1)).toEqual({ q: '张', status: 'inactive', regionId: 'v-ds', page: 1, pageSize: 20 })
  })

  it('when a role removal is confirmed, then the API gets the role and region and the row shows the answer', async () => {
    const api = new FakeApi()
    pagedUsers(api)
    api.managedUser = () => Promise.resolve(aUserDetail({ id: 'u-1' }))
    const calls: unknown[] = []
    api.removeUserRole = (id, role) => {
      calls.push([id, role])
      return Promise.resolve(aUserDetail({ id: 'u-1', roles: [] }))
    }
    const userAdmin = (await signedInAdmin(api)).store(userAdminStore)
    await userAdmin.search()
    await userAdmin.open('u-1')
    userAdmin.ask({ kind: 'remove', role: { role: 'grid_worker', regionId: 'g1' } })

    expect(await userAdmin.confirm()).toBe(true)

    expect(calls).toEqual([['u-1', { role: 'grid_worker', regionId: 'g1' }]])
    expect(userAdmin.user?.roles).toEqual([])
    expect(userAdmin.list.items[0].roles).toEqual([])
  })

  it('when an action is cancelled, then nothing is sent', async () => {
    const api = new FakeApi()
    api.managedUser = () => Promise.resolve(aUserDetail())
    api.deactivateUser = jest.fn(() => Promise.resolve(aUserDetail({ active: false })))
    const userAdmin = (await signedInAdmin(api)).store(userAdminStore)
    await userAdmin.open('u-zhang')
    userAdmin.ask({ kind: 'deactivate' })

    userAdmin.cancel()
    await userAdmin.confirm()

    expect(api.deactivateUser).not.toHaveBeenCalled()
  })

  it('when the user signs out, then the list and the person shown are forgotten', async () => {
    const api = new FakeApi()
    pagedUsers(api)
    api.managedUser = () => Promise.resolve(aUserDetail())
    const store = await signedInAdmin(api)
    await store.store(userAdminStore).setFilter('role', 'cadre')
    await store.store(userAdminStore).open('u-zhang')

    await store.session.logout()

    expect(store.store(userAdminStore).list.items).toEqual([])
    expect(store.store(userAdminStore).user).toBeNull()
    expect(store.store(userAdminStore).filters).toEqual({})
  })
})
