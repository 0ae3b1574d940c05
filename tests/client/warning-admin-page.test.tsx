import { act, fireEvent, screen } from '@testing-library/react'
import type { WarningCompliance } from '@/core/warning-api'
import WarningsAdminPage from '@/packages/admin/pages/warnings/index'
import { FakeApi } from './support/fake-api'
import { aRootStore, renderWithStores } from './support/root'
import { aDissuaderLogin, anAdminLogin, aWarningItem } from './warning-factories'

const aCompliance = (): WarningCompliance => ({
  received: 4, contactedInTime: 3, contactedLate: 1, overdueNow: 1,
  byRisk: [{ riskLevel: 'high', received: 2, contactedInTime: 1 }],
})

async function renderAdmin(api: FakeApi, login = anAdminLogin()) {
  api.demoLogin = () => Promise.resolve(login)
  api.regionTree = () => Promise.resolve({ nodes: [] })
  api.users = () => Promise.resolve({ items: [], total: 0 })
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('x')
  await act(async () => {
    renderWithStores(<WarningsAdminPage />, store)
  })
  return store
}

describe('预警劝阻 admin page', () => {
  it('when the region has an overdue warning, then it is marked 已超时 and names its dissuader', async () => {
    const api = new FakeApi()
    api.warnings = () => Promise.resolve({ items: [aWarningItem({ overdue: true })], total: 1 })
    api.warningCompliance = () => Promise.resolve(aCompliance())
    await renderAdmin(api)

    expect(screen.getByText('待处置 · 已超时')).toBeTruthy()
    expect(screen.getByText('东胜村 · 处置人：陈劝阻')).toBeTruthy()
  })

  it('when compliance is loaded, then the figures are written as numbers beside each bar', async () => {
    const api = new FakeApi()
    api.warnings = () => Promise.resolve({ items: [], total: 0 })
    api.warningCompliance = () => Promise.resolve(aCompliance())
    await renderAdmin(api)

    expect(screen.getByText('收到 4 条 · 按时联系 3 条 · 超时联系 1 条 · 当前超时未联系 1 条')).toBeTruthy()
    expect(screen.getByLabelText('按时联系 3/4 条，75%')).toBeTruthy()
    expect(screen.getByLabelText('高风险 1/2 条，50%')).toBeTruthy()
  })

  it('when 只看已超时 is chosen, then the list is asked for overdue warnings only', async () => {
    const api = new FakeApi()
    const overdue: (boolean | undefined)[] = []
    api.warnings = (q) => {
      overdue.push(q.overdue)
      return Promise.resolve({ items: [], total: 0 })
    }
    api.warningCompliance = () => Promise.resolve(aCompliance())
    await renderAdmin(api)

    await act(async () => {
      fireEvent.click(screen.getByText('只看已超时'))
    })

    expect(overdue).toEqual([undefined, true])
    expect(screen.getByText('✓ 只看已超时')).toBeTruthy()
  })

  it('when a dissuader opens the admin page, then it says they may not manage warnings', async () => {
    await renderAdmin(new FakeApi(), aDissuaderLogin())

    expect(screen.getByText('您没有管理预警的权限')).toBeTruthy()
  })
})
