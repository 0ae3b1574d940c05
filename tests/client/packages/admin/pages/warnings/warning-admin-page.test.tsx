import { act, fireEvent, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { WarningCompliance } from '@/contract/warnings'
import WarningsAdminPage from '@/packages/admin/pages/warnings/index'
import { warningFormStore } from '@/stores/warning-form-store'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aDissuaderLogin, anAdminLogin, aWarningDetail, aWarningItem } from '../../../../support/warning-factories'

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

  it('when 保存并派发 succeeds, then it says to whom it went and the new warning is first although the server lists it last', async () => {
    const api = new FakeApi()
    const older = Array.from({ length: 11 }, (_, i) => aWarningItem({ id: `old-${i}`, residentName: `旧预警${i}` }))
    const created = aWarningDetail({ id: 'new', residentName: '冉新', assignee: { id: 'd2', name: '周劝阻' } })
    let saved = false
    api.warnings = () => Promise.resolve(saved ? { items: [...older, created], total: 12 } : { items: older, total: 11 })
    api.warningCompliance = () => Promise.resolve(aCompliance())
    api.dissuaders = () => Promise.resolve([])
    api.createWarning = () => { saved = true; return Promise.resolve(created) }
    const store = await renderAdmin(api)
    const form = store.store(warningFormStore)
    await act(async () => {
      form.startNew()
      await form.pickRegion('v1', '东胜村')
      form.edit({ residentName: '冉新', phone: '13812341234' })
    })

    await act(async () => { fireEvent.click(screen.getByText('保存并派发')) })

    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已派发给 周劝阻' }))
    expect(screen.getByText('✓ 已派发给 周劝阻')).toBeTruthy()
    const names = Array.from(document.querySelectorAll('.warning-card .card-title'), (title) => title.textContent)
    expect(names[0]).toMatch(/^冉新 · /)
    expect(names).toHaveLength(12)
    expect(screen.getByText('刚刚派发 · 已派发给 周劝阻')).toBeTruthy()
  })
})
