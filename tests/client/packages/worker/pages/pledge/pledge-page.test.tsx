import { act, fireEvent, screen } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import type { HouseholdDetail } from '@/contract/households'
import type { PledgeTemplate } from '@/contract/pledges'
import PledgePage from '@/packages/worker/pages/pledge/index'
import { pledgeStore } from '@/stores/pledge-store'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, MemoryTokens, renderWithStores } from '../../../../support/root'

const aHousehold = (overrides: Partial<HouseholdDetail> = {}): HouseholdDetail => ({
  id: 'h-pledge', code: 'DS-011', regionId: 'g1', gridName: '东胜村第1网格', address: '东胜村1组11号', headName: '王*英',
  phoneMasked: null, tags: [], memberCount: 2, labelVersion: 1, firstVisitAt: null, lastVisitAt: null,
  pledgedAt: null, appInstalled: false, callWarningOn: false, geo: null, ...overrides,
})
const aTemplate = (): PledgeTemplate => ({ version: 1, title: '反诈承诺书', body: '本户承诺：不转账给陌生人。', sha256: 'a'.repeat(64) })

async function openPledgeForm() {
  const api = new FakeApi()
  api.me = () => Promise.resolve({ id: 'w1', displayName: '张网格', roles: [] })
  api.household = () => Promise.resolve(aHousehold())
  api.pledgeTemplate = () => Promise.resolve(aTemplate())
  const store = aRootStore(api, new MemoryTokens('token'))
  await store.session.loadMe()
  jest.mocked(useRouter).mockReturnValue({ params: { householdId: 'h-pledge' } } as never)
  await act(async () => { renderWithStores(<PledgePage />, store) })
  return store
}

describe('pledge form: who signs', () => {
  it('when the form opens, then 户主本人 is chosen and the head\'s name is not typed but filled from the household record', async () => {
    const store = await openPledgeForm()

    expect(await screen.findByText('✓ 户主本人')).toBeTruthy()
    expect(screen.getByText('由户主 王*英 本人签署，姓名按住户登记自动填写')).toBeTruthy()
    expect(screen.queryByPlaceholderText('请填写签署人姓名')).toBeNull()
    expect(store.store(pledgeStore).signer).toBe('head')
  })

  it('when 其他家庭成员 is chosen, then the name and the relation are asked for', async () => {
    const store = await openPledgeForm()

    fireEvent.click(await screen.findByText('其他家庭成员'))
    fireEvent.change(screen.getByPlaceholderText('请填写签署人姓名'), { target: { value: '张小红' } })
    fireEvent.click(screen.getByText('子女'))

    expect(screen.getByText('✓ 其他家庭成员')).toBeTruthy()
    expect(screen.getByText('✓ 子女')).toBeTruthy()
    expect([store.store(pledgeStore).signer, store.store(pledgeStore).relation]).toEqual(['member', '子女'])
  })

  it('when the form is opened by a link that names no household, then it says so and 返回工作台 leads to the workbench, asking the server nothing', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.household = (id) => { asked.push(id); return Promise.resolve(aHousehold()) }
    api.pledgeTemplate = () => Promise.resolve(aTemplate())
    const store = aRootStore(api, new MemoryTokens('token'))
    jest.mocked(useRouter).mockReturnValue({ params: {} } as never)
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue(undefined as never)
    await act(async () => { renderWithStores(<PledgePage />, store) })

    expect(screen.getByText('没有选定住户')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    fireEvent.click(screen.getByText('返回工作台'))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/home/index' })
    expect(asked).toEqual([])
  })
})
