import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult } from '@/contract/auth'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { LearnPosterSheet } from '@/contract/knowledge'
import type { Role } from '@/core/roles'
import LearnPostersPage from '@/packages/admin/pages/learn-posters/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aLogin = (role: Role): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '王网格', roles: [{ role, regionId: 'g1', regionName: '第1网格', regionPath: '/t1/v1/g1/' }] },
})

const aSheet = (): LearnPosterSheet => ({
  station: '柏林派出所', hotline: '96110', caption: '扫码学习',
  posters: [{
    kind: 'fraud_type', fraudType: 'fake_police', title: '冒充公检法', summary: '自称警察说你涉案',
    tips: ['公检法不会电话办案', '不存在安全账户', '先挂电话打 110 核实'], url: 'https://x.test/k/fake_police', qrSvg: '<svg/>',
  }],
})

async function renderAs(role: Role, api: FakeApi) {
  api.demoLogin = () => Promise.resolve(aLogin(role))
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona(role)
  await act(async () => {
    renderWithStores(<LearnPostersPage />, store)
  })
}

describe('扫码学习海报 page', () => {
  it('when a grid worker keeps only one type and generates, then its poster shows the tips, caption and hotline footer', async () => {
    const api = new FakeApi()
    const asked: { fraudTypes: readonly FraudTypeKey[]; path: boolean }[] = []
    api.learnPosters = (fraudTypes, path) => {
      asked.push({ fraudTypes: [...fraudTypes], path })
      return Promise.resolve(aSheet())
    }
    await renderAs('grid_worker', api)

    fireEvent.click(screen.getByText('全不选'))
    fireEvent.click(screen.getByText('冒充公检法'))
    fireEvent.click(screen.getByText('✓ 学习路径'))
    await act(async () => {
      fireEvent.click(screen.getByText('生成海报'))
    })

    expect(asked).toEqual([{ fraudTypes: ['fake_police'], path: false }])
    expect(screen.getByText('共 1 张海报，每张一页 A4')).toBeTruthy()
    expect(screen.getByText('3. 先挂电话打 110 核实')).toBeTruthy()
    expect(screen.getByText('扫码学习')).toBeTruthy()
    expect(screen.getByText('柏林派出所 · 反诈热线 96110')).toBeTruthy()
  })

  it('when every chip is off, then a hint asks for a choice and nothing is generated', async () => {
    const api = new FakeApi()
    await renderAs('cadre', api)

    fireEvent.click(screen.getByText('全不选'))
    fireEvent.click(screen.getByText('✓ 学习路径'))

    expect(screen.getByText('请至少选择一种骗局或学习路径')).toBeTruthy()
  })

  it('when a resident opens the page, then it says they may not print posters', async () => {
    await renderAs('resident', new FakeApi())

    expect(screen.getByText('您没有打印海报的权限')).toBeTruthy()
    expect(screen.queryByText('生成海报')).toBeNull()
  })
})
