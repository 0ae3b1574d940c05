import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult, RegionNode } from '@/core/api-types'
import type { LabelSheet } from '@/contract/labels'
import LabelsPage from '@/packages/admin/pages/labels/index'
import type { LabelTarget } from '@/services/api-client'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const cadreLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u2', displayName: '李书记', roles: [{ role: 'cadre', regionId: 'v1', regionName: '东胜村', regionPath: '/t1/v1/' }] },
}
const aRegion = (overrides: Partial<RegionNode>): RegionNode => ({
  id: 'v1', parentId: null, level: 'village', name: '东胜村', path: '/t1/v1/', householdCount: 2, ...overrides,
})
const aSheet = (): LabelSheet => ({
  station: '柏林派出所', hotline: '96110', slogan: '不听不信不转账',
  labels: [{ householdId: 'h1', householdCode: 'DS-001', gridName: '第1网格', url: 'https://x.test/h/abc', qrSvg: '<svg/>' }],
})

async function renderAsCadre(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(cadreLogin)
  api.regionTree = () => Promise.resolve({ nodes: [aRegion({}), aRegion({ id: 'g1', parentId: 'v1', level: 'grid', name: '第1网格', path: '/t1/v1/g1/' })] })
  api.users = () => Promise.resolve({ items: [], total: 0 })
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('cadre')
  await act(async () => {
    renderWithStores(<LabelsPage />, store)
  })
}

describe('打印门牌', () => {
  it('when a grid is picked and labels generated, then each label shows its code, the slogan and the hotline', async () => {
    const api = new FakeApi()
    const asked: LabelTarget[] = []
    api.labelSheet = (target) => {
      asked.push(target)
      return Promise.resolve(aSheet())
    }
    await renderAsCadre(api)

    fireEvent.click(await screen.findByText('第1网格'))
    await act(async () => {
      fireEvent.click(screen.getByText('生成门牌'))
    })

    expect(asked).toEqual([{ gridId: 'g1' }])
    expect(await screen.findByText('DS-001')).toBeTruthy()
    expect(screen.getByText('不听不信不转账')).toBeTruthy()
    expect(screen.getByText('柏林派出所 反诈热线 96110')).toBeTruthy()
    expect(screen.getByText('共 1 张门牌，1 页 A4')).toBeTruthy()
  })

  it('when the sheet is previewed on a 375 px phone, then the A4 page is shrunk to fit the screen\'s width', async () => {
    const api = new FakeApi()
    api.labelSheet = () => Promise.resolve(aSheet())
    await renderAsCadre(api)

    fireEvent.click(await screen.findByText('第1网格'))
    await act(async () => {
      fireEvent.click(screen.getByText('生成门牌'))
    })

    const area = (await screen.findByText('DS-001')).closest<HTMLElement>('.label-print-area')!
    const shownWidth = 794 * Number(area.style.zoom)
    expect(shownWidth).toBeGreaterThan(300)
    expect(shownWidth).toBeLessThanOrEqual(375 - 24)
  })

  it('when 重新生成 is tapped, then a dialog warns that the old labels stop working before anything is reissued', async () => {
    const api = new FakeApi()
    api.labelSheet = () => Promise.resolve(aSheet())
    const reissued: LabelTarget[] = []
    api.issueLabels = (target) => {
      reissued.push(target)
      return Promise.resolve({ issued: 0, revoked: 1 })
    }
    await renderAsCadre(api)
    fireEvent.click(await screen.findByText('第1网格'))
    await act(async () => {
      fireEvent.click(screen.getByText('生成门牌'))
    })

    fireEvent.click(await screen.findByText('重新生成'))

    expect(screen.getByRole('dialog').textContent).toContain('已贴出的旧门牌会立即失效')
    expect(reissued).toEqual([])
    await act(async () => {
      fireEvent.click(screen.getByText('确认重新生成'))
    })
    expect(reissued).toEqual([{ gridId: 'g1' }])
  })
})
