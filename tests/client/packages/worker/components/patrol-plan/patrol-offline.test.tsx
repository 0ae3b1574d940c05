import { act, render, screen } from '@testing-library/react'
import type { Me } from '@/core/api-types'
import type { HouseholdSummary } from '@/contract/households'
import type { PatrolPlan, PatrolSuggestion } from '@/contract/patrol'
import { PatrolPlan as PatrolPlanView } from '@/packages/worker/components/patrol-plan'
import { ApiError } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import { RootStore } from '@/stores/root-store'
import { SAVED_PLAN_KEY, patrolStore } from '@/stores/patrol-store'
import { StoresProvider } from '@/stores/stores-context'
import { FakeApi } from '../../../../support/fake-api'
import { MemoryPreferences, MemoryTokens } from '../../../../support/root'

class MemoryStorage implements OfflineStorage {
  values = new Map<string, unknown>()
  read(key: string) { return this.values.get(key) ?? null }
  write(key: string, value: unknown) { this.values.set(key, value) }
}

const aHousehold = (overrides: Partial<HouseholdSummary> = {}): HouseholdSummary => ({
  id: 'h7', code: 'DS-007', regionId: 'g1', gridName: '第1网格', address: '东胜村2组7号',
  headName: '张*华', phoneMasked: null, tags: [], memberCount: 1, ...overrides,
})
const aSuggestion = (overrides: Partial<PatrolSuggestion> = {}): PatrolSuggestion => ({
  household: aHousehold(), lastVisitAt: null, reason: '从未走访', ...overrides,
})
const aPlan = (): PatrolPlan => ({ items: [aSuggestion(), aSuggestion({ household: aHousehold({ id: 'h8', code: 'DS-008' }) })], tasks: [] })
const aWorker = (id: string): Me => ({
  id, displayName: id === 'worker-1' ? '张网格' : '李网格',
  roles: [{ role: 'grid_worker', regionId: 'g1', regionName: '东胜村第1网格', regionPath: '/g1/' }],
})
const offline = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))

/** One phone: its storage outlives the app, as WeChat storage and localStorage do. */
function aPhone() {
  const storage = new MemoryStorage()
  const start = async (api: FakeApi, me: Me) => {
    api.me = () => Promise.resolve(me)
    const store = new RootStore({
      createApi: () => api, tokenStorage: new MemoryTokens('t'), preferences: new MemoryPreferences(), wechatCode: () => Promise.resolve('code'),
      offlineStorage: storage, connectivity: { onReconnect: () => {}, onAppShow: () => {} }, timers: { setTimeout: () => 0, clearTimeout: () => {} },
    })
    await store.session.loadMe()
    return store
  }
  /** The worker opens today's plan with signal, which keeps it on the phone. */
  const showPlanOnline = async (workerId: string) => {
    const online = new FakeApi()
    online.patrolToday = () => Promise.resolve(aPlan())
    await (await start(online, aWorker(workerId))).store(patrolStore).load('g1')
  }
  /** The app started again where the plan cannot be fetched. */
  const startWithoutSignal = (workerId: string) => {
    const noSignal = new FakeApi()
    noSignal.patrolToday = offline
    return start(noSignal, aWorker(workerId))
  }
  return { storage, start, showPlanOnline, startWithoutSignal }
}

describe('today\'s patrol suggestions without network', () => {
  it('when the plan was shown online and the app starts again offline, then the same doors show with when they were fetched', async () => {
    const phone = aPhone()
    await phone.showPlanOnline('worker-1')

    const store = await phone.startWithoutSignal('worker-1')
    render(<StoresProvider store={store}><PatrolPlanView /></StoresProvider>)
    await act(() => store.store(patrolStore).load('g1'))

    expect(store.store(patrolStore).state).toBe('ready')
    expect(store.store(patrolStore).items.map((s) => s.household.code)).toEqual(['DS-007', 'DS-008'])
    expect(screen.getByText(/^暂时连不上网络 · 显示 今天 \d\d:\d\d 保存的建议，走访记录会先存在手机上$/)).toBeTruthy()
    expect(screen.getByText('1. DS-007 · 东胜村2组7号')).toBeTruthy()
  })

  it('when the server refuses the plan (not a network failure), then its reason shows rather than the kept plan', async () => {
    const phone = aPhone()
    await phone.showPlanOnline('worker-1')

    const refusing = new FakeApi()
    refusing.patrolToday = () => Promise.reject(new ApiError('REGION_OUT_OF_SCOPE', '该网格不在您的负责范围内', 403))
    const store = await phone.start(refusing, aWorker('worker-1'))
    await store.store(patrolStore).load('g1')

    expect(store.store(patrolStore).state).toBe('error')
    expect(store.store(patrolStore).error).toBe('该网格不在您的负责范围内')
    expect(store.store(patrolStore).keptAt).toBeNull()
  })

  it('when the network is back, then the fresh plan replaces the kept one and the note goes', async () => {
    const phone = aPhone()
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve(aPlan())
    const store = await phone.start(api, aWorker('worker-1'))
    await store.store(patrolStore).load('g1')
    api.patrolToday = offline
    await store.store(patrolStore).load('g1')
    expect(store.store(patrolStore).keptAt).not.toBeNull()

    api.patrolToday = () => Promise.resolve({ items: [aSuggestion({ household: aHousehold({ id: 'h9', code: 'DS-009' }) })], tasks: [] })
    await store.store(patrolStore).load('g1')

    expect(store.store(patrolStore).keptAt).toBeNull()
    expect(store.store(patrolStore).items.map((s) => s.household.code)).toEqual(['DS-009'])
  })

  it('when the worker signs out, then the kept plan leaves the phone and the next worker offline sees none of those doors', async () => {
    const phone = aPhone()
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve(aPlan())
    const first = await phone.start(api, aWorker('worker-1'))
    await first.store(patrolStore).load('g1')
    expect(phone.storage.read(SAVED_PLAN_KEY)).not.toBeNull()

    await first.session.logout()

    expect(phone.storage.read(SAVED_PLAN_KEY)).toBeNull()
    const next = await phone.startWithoutSignal('worker-2')
    await next.store(patrolStore).load('g1')
    expect(next.store(patrolStore).items).toEqual([])
    expect(next.store(patrolStore).state).toBe('error')
  })

  it('when another worker starts the app on the same phone without network, then the first worker\'s kept plan is not shown', async () => {
    const phone = aPhone()
    await phone.showPlanOnline('worker-1')

    const other = await phone.startWithoutSignal('worker-2')
    await other.store(patrolStore).load('g1')

    expect(other.store(patrolStore).items).toEqual([])
    expect(other.store(patrolStore).error).toBe('网络不可用，请检查网络后重试')
  })
})

describe('a kept plan after visits recorded offline', () => {
  it('when a suggested door has a visit waiting on the phone, then it says 已记录 · 待上传 instead of 去走访', async () => {
    const phone = aPhone()
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve(aPlan())
    api.syncVisits = offline
    const store = await phone.start(api, aWorker('worker-1'))
    await store.store(patrolStore).load('g1')
    store.queue.add({
      kind: 'visit', householdCode: 'DS-007', rejection: null,
      input: {
        id: '00000000-0000-4000-8000-000000000001', householdId: 'h7', visitedAt: '2026-12-06T01:00:00.000Z', note: '', geo: null,
        briefed: true, appInstalled: false, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false,
      },
    })

    render(<StoresProvider store={store}><PatrolPlanView /></StoresProvider>)

    expect(screen.getAllByText('已记录 · 待上传')).toHaveLength(1)
    expect(screen.getAllByText('去走访')).toHaveLength(1)
  })
})
