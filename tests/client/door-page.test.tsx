import { screen } from '@testing-library/react'
import { useRouter } from '@tarojs/taro'
import type { HouseholdDetail, PledgeInput } from '@/core/door-to-door-api'
import DoorPage from '@/pages/door/index'
import { FakeApi } from './support/fake-api'
import { aRootStore, MemoryTokens, renderWithStores } from './support/root'

const aHousehold = (overrides: Partial<HouseholdDetail> = {}): HouseholdDetail => ({
  id: 'h-door-page', code: 'BL-0001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组2号', headName: '李*海',
  phoneMasked: '138****1234', tags: [], memberCount: 4, labelVersion: 1, firstVisitAt: null, lastVisitAt: null,
  pledgedAt: null, appInstalled: false, callWarningOn: false, geo: null, ...overrides,
})

const aPledge = (householdId: string): PledgeInput => ({
  id: '00000000-0000-4000-9000-00000000d00e', householdId, templateVersion: 1, templateSha256: 'a'.repeat(64),
  signerName: '张三', signerRelation: '子女', strokes: '1:AAgB', signedAt: '2026-11-24T01:00:00.000Z',
})

async function aWorkerAtTheDoor(household: HouseholdDetail) {
  const api = new FakeApi()
  api.me = () => Promise.resolve({ id: 'worker-1', displayName: '张网格', roles: [] })
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
})
