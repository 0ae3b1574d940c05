import { fireEvent, screen } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import type { HouseholdDetail } from '@/contract/households'
import type { PledgeInput } from '@/contract/pledges'
import DoorPage from '@/pages/door/index'
import { ROUTES } from '@/navigation/routes'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, MemoryTokens, renderWithStores } from '../../support/root'

const aHousehold = (overrides: Partial<HouseholdDetail> = {}): HouseholdDetail => ({
  id: 'h-door-page', code: 'BL-0001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组2号', headName: '李*海',
  phoneMasked: '138****1234', tags: [], memberCount: 4, labelVersion: 1, firstVisitAt: null, lastVisitAt: null,
  pledgedAt: null, appInstalled: false, callWarningOn: false, geo: null, ...overrides,
})

const aPledge = (householdId: string): PledgeInput => ({
  id: '00000000-0000-4000-9000-00000000d00e', householdId, templateVersion: 1, templateSha256: 'a'.repeat(64),
  signerName: '张三', signerRelation: '子女', strokes: '1:AAgB', signedAt: '2026-11-24T01:00:00.000Z',
})

const WORKER_ROLES = [{ role: 'grid_worker' as const, regionId: 'g1', regionName: '东胜村第1网格', regionPath: '/g1/' }]

async function aWorkerAtTheDoor(household: HouseholdDetail, roles = WORKER_ROLES) {
  const api = new FakeApi()
  api.me = () => Promise.resolve({ id: 'worker-1', displayName: '张网格', roles })
  api.door = () => Promise.resolve({ kind: 'household', household })
  api.syncPledges = () => new Promise(() => {}) // no signal: the upload never answers
  const store = aRootStore(api, new MemoryTokens('token'))
  await store.session.loadMe()
  jest.mocked(useRouter).mockReturnValue({ params: { token: 'door-token' } } as never)
  return store
}

describe('door page', () => {
  it('when a pledge signed here still waits on the phone, then the door reads 已签署（待上传） rather than 未签署', async () => {
    const household = aHousehold()
    const store = await aWorkerAtTheDoor(household)
    store.queue.add({ kind: 'pledge', householdCode: household.code, rejection: null, input: aPledge(household.id) })

    renderWithStores(<DoorPage />, store)

    expect(await screen.findByText('承诺书：✓ 已签署（待上传）')).toBeTruthy()
  })

  it('when nothing waits and the server has no pledge, then the door reads 未签署 and 从未走访', async () => {
    const store = await aWorkerAtTheDoor(aHousehold({ id: 'h-door-page-2' }))

    renderWithStores(<DoorPage />, store)

    expect(await screen.findByText('承诺书：未签署')).toBeTruthy()
    expect(screen.getByText('上次走访：从未走访')).toBeTruthy()
  })

  it('when a grid worker opened the door from a scanned code, then 返回工作台 takes them to the workbench in its place', async () => {
    const store = await aWorkerAtTheDoor(aHousehold({ id: 'h-door-page-3' }))
    jest.mocked(Taro.getCurrentPages).mockReturnValueOnce([{ route: 'pages/door/index' }] as never)
    renderWithStores(<DoorPage />, store)

    fireEvent.click(await screen.findByText('‹ 返回工作台'))

    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: ROUTES.workerHome })
  })

  it('when the door was opened from the workbench\'s scan button, then 返回工作台 goes back to it', async () => {
    const store = await aWorkerAtTheDoor(aHousehold({ id: 'h-door-page-4' }))
    jest.mocked(Taro.getCurrentPages).mockReturnValueOnce([{ route: 'packages/worker/pages/home/index' }, { route: 'pages/door/index' }] as never)
    jest.mocked(Taro.navigateBack).mockClear()
    renderWithStores(<DoorPage />, store)

    fireEvent.click(await screen.findByText('‹ 返回工作台'))

    expect(Taro.navigateBack).toHaveBeenCalled()
  })

  it('when the person signed in is not a grid worker, then there is no 返回工作台', async () => {
    const store = await aWorkerAtTheDoor(aHousehold({ id: 'h-door-page-5' }), [])
    renderWithStores(<DoorPage />, store)

    await screen.findByText('承诺书：未签署')
    expect(screen.queryByText('‹ 返回工作台')).toBeNull()
  })
})
