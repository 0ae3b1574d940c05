import { act, fireEvent, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { LoginResult } from '@/core/api-types'
import type { WorkerProgress } from '@/contract/coverage'
import type { HouseholdSummary } from '@/contract/households'
import { ApiError } from '@/services/api-client'
import WorkerHome from '@/packages/worker/pages/home/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aHousehold = (overrides: Partial<HouseholdSummary> = {}): HouseholdSummary => ({
  id: 'h1', code: 'DS-001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组3号',
  headName: '张*华', phoneMasked: '138****1234', tags: ['独居老人'], memberCount: 1, ...overrides,
})
const workerLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '张网格', roles: [{ role: 'grid_worker', regionId: 'g1', regionName: '东胜村第1网格', regionPath: '/g1/' }] },
}

const aProgress = (): WorkerProgress => ({
  quarter: { from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' },
  grids: [{ gridId: 'g1', gridName: '东胜村第1网格', households: 40, visited: 12, pledged: 5, vulnerable: 8, vulnerableVisited: 2 }],
})

async function renderSignedIn(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(workerLogin)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('grid_worker')
  // The page starts loading households on mount; let that settle inside act.
  await act(async () => {
    renderWithStores(<WorkerHome />, store)
  })
  return store
}

describe('网格员工作台', () => {
  it('when the worker opens it, then their grid households are listed with masked contacts and tags', async () => {
    const api = new FakeApi()
    api.householdPages = () => ({ items: [aHousehold()], total: 1 })
    await renderSignedIn(api)

    expect(screen.getByText('您好，张网格')).toBeTruthy()
    expect(await screen.findByText('DS-001 · 东胜村1组3号')).toBeTruthy()
    expect(screen.getByText('户主 张*华 · 138****1234 · 1 人')).toBeTruthy()
    expect(screen.getByText('独居老人')).toBeTruthy()
    expect(api.householdQueries[0]).toEqual({ regionId: 'g1', q: '', page: 1, pageSize: 20 })
  })

  it('when a search finds nothing, then an empty state says so', async () => {
    const api = new FakeApi()
    api.householdPages = ({ q }) => (q ? { items: [], total: 0 } : { items: [aHousehold()], total: 1 })
    await renderSignedIn(api)
    await screen.findByText('DS-001 · 东胜村1组3号')

    fireEvent.change(screen.getByPlaceholderText('搜索门牌、地址或户主'), { target: { value: '不存在' } })
    fireEvent.click(screen.getByText('搜索'))

    expect(await screen.findByText('没有找到符合条件的住户')).toBeTruthy()
  })

  it('when the workbench opens, then 我的网格 shows this quarter\'s visited, signed and 一老一小 against the grid\'s households in words', async () => {
    const api = new FakeApi()
    api.householdPages = () => ({ items: [], total: 0 })
    api.myGridProgress = () => Promise.resolve(aProgress())
    await renderSignedIn(api)

    expect(await screen.findByText('2026年第4季度：')).toBeTruthy()
    expect([screen.getByText('10月1日'), screen.getByText('12月31日')].map((d) => d.className)).toEqual(['grid-progress__date', 'grid-progress__date'])
    expect(screen.getByText('共 40 户，其中一老一小 8 户')).toBeTruthy()
    expect(screen.getByRole('img', { name: '本季度已走访 12/40 户，30%' })).toBeTruthy()
    expect(screen.getByRole('img', { name: '本季度已签承诺书 5/40 户，12%' })).toBeTruthy()
    expect(screen.getByRole('img', { name: '一老一小已走访 2/8 户，25%' })).toBeTruthy()
  })

  it('when the progress cannot be loaded, then an error with 重试 says so and a retry shows the numbers', async () => {
    const api = new FakeApi()
    api.householdPages = () => ({ items: [], total: 0 })
    let fail = true
    api.myGridProgress = () => (fail ? Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)) : Promise.resolve(aProgress()))
    await renderSignedIn(api)
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy()

    fail = false
    await act(async () => { fireEvent.click(screen.getByText('重试')) })

    expect(await screen.findByRole('img', { name: '本季度已走访 12/40 户，30%' })).toBeTruthy()
  })

  it('when 签承诺书 is tapped on a household in the list, then the pledge form opens for it, not the visit form', async () => {
    const api = new FakeApi()
    api.householdPages = () => ({ items: [aHousehold({ id: 'h9', code: 'DS-009' })], total: 1 })
    await renderSignedIn(api)
    jest.mocked(Taro.navigateTo).mockClear()

    fireEvent.click(await screen.findByLabelText('为 DS-009 签承诺书'))

    expect(Taro.navigateTo).toHaveBeenCalledTimes(1)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/pledge/index?householdId=h9' })
  })

  it('when 签承诺书 is tapped on one of today\'s suggestions, then the pledge form opens for that household', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve({ items: [{ household: aHousehold({ id: 'h5', code: 'DS-005' }), lastVisitAt: null, reason: '从未走访' }], tasks: [] })
    await renderSignedIn(api)
    jest.mocked(Taro.navigateTo).mockClear()

    const suggestion = (await screen.findByText('建议理由：从未走访')).parentElement!
    fireEvent.click(within(suggestion).getByText('签承诺书'))

    expect(Taro.navigateTo).toHaveBeenCalledTimes(1)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/pledge/index?householdId=h5' })
  })
})
