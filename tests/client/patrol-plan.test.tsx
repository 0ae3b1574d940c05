import Taro from '@tarojs/taro'
import { act, fireEvent, screen } from '@testing-library/react'
import type { HouseholdSummary, LoginResult } from '@/core/api-types'
import type { PatrolSuggestion } from '@/core/door-to-door-api'
import WorkerHome from '@/packages/worker/pages/home/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from './support/fake-api'
import { aRootStore, renderWithStores } from './support/root'

const aHousehold = (overrides: Partial<HouseholdSummary> = {}): HouseholdSummary => ({
  id: 'h1', code: 'DS-001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组3号',
  headName: '张*华', phoneMasked: null, tags: [], memberCount: 1, ...overrides,
})
const aSuggestion = (overrides: Partial<PatrolSuggestion> = {}): PatrolSuggestion => ({
  household: aHousehold({ id: 'h7', code: 'DS-007', address: '东胜村2组7号' }), lastVisitAt: null, reason: '从未走访', ...overrides,
})
const workerLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '张网格', roles: [{ role: 'grid_worker', regionId: 'g1', regionName: '东胜村第1网格', regionPath: '/g1/' }] },
}

async function renderWorkerHome(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(workerLogin)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('grid_worker')
  await act(async () => {
    renderWithStores(<WorkerHome />, store)
  })
  return store
}

describe('今日巡访建议 on the worker home', () => {
  it('when the grid has suggestions, then each shows its code, address and reason, for the selected grid', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.patrolToday = (gridId) => {
      asked.push(gridId)
      return Promise.resolve({ items: [aSuggestion(), aSuggestion({ household: aHousehold({ id: 'h8', code: 'DS-008' }), reason: '独居老人' })] })
    }

    await renderWorkerHome(api)

    expect(await screen.findByText('1. DS-007 · 东胜村2组7号')).toBeTruthy()
    expect(screen.getByText('建议理由：从未走访')).toBeTruthy()
    expect(screen.getByText('建议理由：独居老人')).toBeTruthy()
    expect(asked).toEqual(['g1'])
  })

  it('when a suggestion is tapped, then the visit form opens for that household', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve({ items: [aSuggestion()] })
    const store = await renderWorkerHome(api)

    fireEvent.click(await screen.findByText('1. DS-007 · 东胜村2组7号'))

    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/worker/pages/visit/index?householdId=h7' })
    expect(store.doors.household?.code).toBe('DS-007')
  })

  it('when the plan cannot load, then the server message is shown with 重试', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.reject(new ApiError('PATROL_GRID_REQUIRED', '请选择网格', 400))

    await renderWorkerHome(api)

    expect(await screen.findByText('请选择网格')).toBeTruthy()
  })

  it('when nothing waits on the phone, then the banner says everything is uploaded', async () => {
    await renderWorkerHome(new FakeApi())

    expect(screen.getByText('✓ 全部已上传')).toBeTruthy()
  })
})
