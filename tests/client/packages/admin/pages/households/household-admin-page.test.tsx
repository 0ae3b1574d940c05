import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult } from '@/core/api-types'
import type { HouseholdInput, HouseholdSearch, HouseholdSummary } from '@/contract/households'
import HouseholdsPage from '@/packages/admin/pages/households/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aHousehold = (overrides: Partial<HouseholdSummary> = {}): HouseholdSummary => ({
  id: 'h1', code: 'DS-001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组3号',
  headName: '张*华', phoneMasked: '138****1234', tags: ['独居老人'], memberCount: 1, ...overrides,
})
const gridCadreLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u2', displayName: '李书记', roles: [{ role: 'cadre', regionId: 'g1', regionName: '第1网格', regionPath: '/t1/v1/g1/' }] },
}

async function renderAsCadre(api: FakeApi) {
  const queries: HouseholdSearch[] = []
  api.demoLogin = () => Promise.resolve(gridCadreLogin)
  api.regionTree = () => Promise.resolve({ nodes: [{ id: 'g1', parentId: null, level: 'grid', name: '第1网格', path: '/t1/v1/g1/', householdCount: 1 }] })
  api.users = () => Promise.resolve({ items: [], total: 0 })
  api.households = (query) => {
    queries.push(query)
    return Promise.resolve({ items: [aHousehold()], total: 1 })
  }
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('cadre')
  await act(async () => {
    renderWithStores(<HouseholdsPage />, store)
  })
  return queries
}

describe('住户管理', () => {
  it('when 未走访 is tapped, then the list is asked again for unvisited households only', async () => {
    const api = new FakeApi()
    const queries = await renderAsCadre(api)
    expect(await screen.findByText('DS-001 · 东胜村1组3号')).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('未走访'))
    })

    expect(queries.at(-1)).toMatchObject({ regionId: 'g1', visited: 'no' })
    expect(screen.getByText('✓ 未走访')).toBeTruthy()
  })

  it('when the server refuses a new household, then its message shows and the typed address stays', async () => {
    const api = new FakeApi()
    const sent: HouseholdInput[] = []
    api.createHousehold = (input) => {
      sent.push(input)
      return Promise.reject(new ApiError('HOUSEHOLD_ADDRESS_TAKEN', '该网格已有此地址的住户', 409))
    }
    await renderAsCadre(api)
    fireEvent.click(await screen.findByText('新增住户'))

    fireEvent.change(screen.getByPlaceholderText('如：东胜村1组3号'), { target: { value: '东胜村1组3号' } })
    fireEvent.change(screen.getByPlaceholderText('户主姓名'), { target: { value: '张三华' } })
    fireEvent.click(screen.getByText('一老一小', { selector: 'span' }))
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })

    expect(sent[0]).toMatchObject({ regionId: 'g1', address: '东胜村1组3号', headName: '张三华', tags: ['一老一小'], memberCount: 1 })
    expect(screen.getByText('该网格已有此地址的住户')).toBeTruthy()
    expect((screen.getByPlaceholderText('如：东胜村1组3号') as HTMLInputElement).value).toBe('东胜村1组3号')
    expect(screen.getByText('✓ 一老一小', { selector: 'span' })).toBeTruthy()
  })

  it('when 查看完整号码 is confirmed, then the full number replaces the masked one', async () => {
    const api = new FakeApi()
    api.revealPhone = () => Promise.resolve({ phone: '13812341234' })
    await renderAsCadre(api)

    fireEvent.click(await screen.findByText('查看完整号码'))
    expect(screen.getByRole('dialog').textContent).toContain('本次查看将被记录')
    await act(async () => {
      fireEvent.click(screen.getByText('确认查看'))
    })

    expect(screen.getByText('第1网格 · 户主 张*华 · 13812341234 · 1 人')).toBeTruthy()
  })
})
