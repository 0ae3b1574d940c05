import type { HouseholdSummary } from '@/contract/households'
import { HouseholdStore, householdStore } from '@/stores/household-store'
import { FakeApi } from '../support/fake-api'
import { aRootStore } from '../support/root'

const aHousehold = (n: number): HouseholdSummary => ({
  id: `h${n}`, code: `DS-${n}`, regionId: 'g1', gridName: '第1网格', address: `东胜村${n}号`,
  headName: '张*华', phoneMasked: '138****1234', tags: [], memberCount: 3,
})
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => aHousehold(from + i))

describe('HouseholdStore', () => {
  it('when more households exist than a page holds, then load more appends the next page', async () => {
    const api = new FakeApi()
    api.householdPages = ({ page }) => ({ items: page === 1 ? range(1, 20) : range(21, 5), total: 25 })
    const store = new HouseholdStore(api)

    await store.selectGrid('g1')
    expect(store.hasMore).toBe(true)
    await store.loadMore()

    expect(store.items).toHaveLength(25)
    expect(store.hasMore).toBe(false)
    expect(api.householdQueries.map((q) => q.page)).toEqual([1, 2])
  })

  it('when searching, then the trimmed text is sent and paging restarts at page 1', async () => {
    const api = new FakeApi()
    api.householdPages = () => ({ items: range(1, 20), total: 40 })
    const store = new HouseholdStore(api)
    await store.selectGrid('g1')
    await store.loadMore()

    store.setQuery('  东胜村3号 ')
    await store.search()

    expect(api.householdQueries.at(-1)).toEqual({ regionId: 'g1', q: '东胜村3号', page: 1, pageSize: 20 })
    expect(store.page).toBe(1)
  })

  it('when a search finds nothing, then the store reports empty', async () => {
    const store = new HouseholdStore(new FakeApi())

    await store.selectGrid('g1')

    expect(store.isEmpty).toBe(true)
  })

  it('when the request fails, then the error message is shown and nothing is empty', async () => {
    const api = new FakeApi()
    api.householdPages = () => { throw new Error('boom') }
    const store = new HouseholdStore(api)

    await store.selectGrid('g1')

    expect(store.state).toBe('error')
    expect(store.isEmpty).toBe(false)
    expect(store.error).toBe('出错了，请稍后重试')
  })
})

describe('RootStore', () => {
  it('when the user signs out, then the households loaded for them are dropped', async () => {
    const api = new FakeApi()
    api.householdPages = () => ({ items: range(1, 3), total: 3 })
    api.demoLogin = () => Promise.resolve({
      token: 't', expiresAt: '2030-01-01T00:00:00Z',
      user: { id: 'u1', displayName: '张网格', roles: [{ role: 'grid_worker', regionId: 'g1', regionName: '第1网格', regionPath: '/g1/' }] },
    })
    const root = aRootStore(api)
    const { session } = root
    const households = root.store(householdStore)
    await session.loginWithDemoPersona('grid_worker')
    await households.selectGrid('g1')
    expect(households.items).toHaveLength(3)

    await session.logout()

    expect(households.items).toEqual([])
    expect(households.gridId).toBeNull()
  })
})
