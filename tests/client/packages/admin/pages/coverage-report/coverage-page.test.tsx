import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult } from '@/core/api-types'
import type { CoverageRow } from '@/contract/coverage'
import CoveragePage from '@/packages/admin/pages/coverage-report/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aRow = (overrides: Partial<CoverageRow> = {}): CoverageRow => ({
  regionId: 't1', name: '柏林镇', level: 'town', households: 4, visited: 1, visited90d: 1, pledged: 0,
  appInstalled: 0, callWarningOn: 0, vulnerable: 0, vulnerableVisited: 0, ...overrides,
})
const adminLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '王所长', roles: [{ role: 'admin', regionId: 't1', regionName: '柏林镇', regionPath: '/t1/' }] },
}

async function renderAsAdmin(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(adminLogin)
  api.coverageGaps = () => Promise.resolve({ items: [], total: 0 })
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('admin')
  await act(async () => {
    renderWithStores(<CoveragePage />, store)
  })
}

describe('入户覆盖', () => {
  it('when an admin opens it, then their region and each child show counts and percentages', async () => {
    const api = new FakeApi()
    api.coverage = () => Promise.resolve({ region: aRow(), children: [aRow({ regionId: 'v1', name: '东胜村', level: 'village', households: 3 })] })
    await renderAsAdmin(api)

    expect(await screen.findByText('柏林镇', { selector: '.card-title' })).toBeTruthy()
    expect(screen.getByText('东胜村')).toBeTruthy()
    expect(screen.getByRole('img', { name: '已走访 1/4 户，25%' })).toBeTruthy()
    expect(screen.getByRole('img', { name: '已走访 1/3 户，33%' })).toBeTruthy()
    expect(screen.getByText('所有住户都已走访')).toBeTruthy()
  })

  it('when a village is tapped, then its grids are shown with a way back up', async () => {
    const api = new FakeApi()
    api.coverage = (regionId) => Promise.resolve(regionId === 't1'
      ? { region: aRow(), children: [aRow({ regionId: 'v1', name: '东胜村', level: 'village' })] }
      : { region: aRow({ regionId: 'v1', name: '东胜村', level: 'village' }), children: [aRow({ regionId: 'g1', name: '第1网格', level: 'grid' })] })
    await renderAsAdmin(api)

    await act(async () => {
      fireEvent.click(await screen.findByText('东胜村'))
    })

    expect(await screen.findByText('第1网格')).toBeTruthy()
    expect(screen.getByText('柏林镇 › 东胜村')).toBeTruthy()
    expect(screen.getByText('返回上级')).toBeTruthy()
  })

  it('when the report fails, then an error in Chinese offers a retry', async () => {
    const api = new FakeApi()
    api.coverage = () => Promise.reject(new ApiError('DB_UNAVAILABLE', '数据库暂时不可用', 503))
    await renderAsAdmin(api)

    expect(await screen.findByText('数据库暂时不可用')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
