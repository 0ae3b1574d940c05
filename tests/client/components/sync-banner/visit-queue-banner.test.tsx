import { act, fireEvent, render, screen } from '@testing-library/react'
import type { VisitInput } from '@/contract/visits'
import { SyncBanner } from '@/components/sync-banner'
import { ApiError } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import { RootStore } from '@/stores/root-store'
import { StoresProvider } from '@/stores/stores-context'
import type { QueuedItemDraft } from '@/stores/visit-queue-store'
import { FakeApi } from '../../support/fake-api'
import { MemoryPreferences, MemoryTokens } from '../../support/root'

class MemoryStorage implements OfflineStorage {
  values = new Map<string, unknown>()
  read(key: string) { return this.values.get(key) ?? null }
  write(key: string, value: unknown) { this.values.set(key, value) }
}

let serial = 0
const aVisit = (code = 'DS-001'): QueuedItemDraft => {
  const input: VisitInput = {
    id: `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`, householdId: 'h1',
    visitedAt: '2026-11-24T01:00:00.000Z', note: '', briefed: true, appInstalled: false, callWarningOn: false,
    emergencyContact: false, elderlyChildReminded: false,
  }
  return { kind: 'visit', input, householdCode: code, rejection: null }
}

/** A grid worker signed in: the queue keeps and shows only the signed-in worker's records. */
async function aSignedInStore(api: FakeApi): Promise<RootStore> {
  api.me = () => Promise.resolve({ id: 'worker-1', displayName: '张网格', roles: [] })
  const store = new RootStore({
    createApi: () => api,
    tokenStorage: new MemoryTokens('t'),
    preferences: new MemoryPreferences(),
    wechatCode: () => Promise.resolve('code'),
    offlineStorage: new MemoryStorage(),
    connectivity: { onReconnect: () => {}, onAppShow: () => {} },
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
  })
  await store.session.loadMe()
  return store
}

const renderBanner = (store: RootStore) => render(<StoresProvider store={store}><SyncBanner /></StoresProvider>)

describe('SyncBanner', () => {
  it('when two visits wait and the network is down, then it says they go up once online, not that anything failed', async () => {
    const api = new FakeApi()
    api.syncVisits = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    const store = await aSignedInStore(api)
    store.queue.add(aVisit())
    store.queue.add(aVisit())
    renderBanner(store)

    await act(() => store.queue.sync())

    expect(screen.getByText('待上传 2 条 · 联网后自动上传')).toBeTruthy()
    expect(screen.getByText('立即重试')).toBeTruthy()
    expect(screen.queryByText(/上传失败/)).toBeNull()
  })

  it('when the server is busy for the whole batch, then it says it will retry with the reason and still not 上传失败', async () => {
    const api = new FakeApi()
    api.syncVisits = () => Promise.reject(new ApiError('UNAVAILABLE', '服务器繁忙，请稍后再试', 503))
    const store = await aSignedInStore(api)
    store.queue.add(aVisit())
    renderBanner(store)

    await act(() => store.queue.sync())

    expect(screen.getByText('待上传 1 条 · 服务器暂未接收，将自动重试')).toBeTruthy()
    expect(screen.getByText('原因：服务器繁忙，请稍后再试')).toBeTruthy()
    expect(screen.queryByText(/上传失败/)).toBeNull()
  })

  it('when 立即重试 is tapped with the network back, then the banner says everything is uploaded', async () => {
    const api = new FakeApi()
    api.syncVisits = (visits) => Promise.resolve({ items: visits.map((v) => ({ id: v.id, status: 'stored' as const })) })
    const store = await aSignedInStore(api)
    store.queue.add(aVisit())
    renderBanner(store)

    await act(async () => {
      fireEvent.click(screen.getByText('立即重试'))
    })

    expect(screen.getByText('✓ 全部已上传')).toBeTruthy()
  })

  it('when the server refused a visit, then its message stays until the user confirms removing it', async () => {
    const api = new FakeApi()
    api.syncVisits = (visits) => Promise.resolve({
      items: visits.map((v) => ({ id: v.id, status: 'rejected' as const, code: 'VISIT_OUT_OF_SCOPE', message: '该住户不在您负责的网格内' })),
    })
    const store = await aSignedInStore(api)
    store.queue.add(aVisit('DS-009'))
    renderBanner(store)
    await act(() => store.queue.sync())

    expect(screen.getByText('✗ 走访 DS-009 上传失败：该住户不在您负责的网格内')).toBeTruthy()
    expect(screen.getByText(/上传失败 1 条：服务器未接受/)).toBeTruthy()
    fireEvent.click(screen.getByText('删除'))
    fireEvent.click(screen.getByText('保留'))
    expect(store.queue.rejected).toHaveLength(1)

    fireEvent.click(screen.getByText('删除'))
    fireEvent.click(screen.getAllByText('删除')[1])

    expect(store.queue.isEmpty).toBe(true)
    expect(screen.queryByText(/DS-009/)).toBeNull()
  })
})
