import Taro from '@tarojs/taro'
import { patrolStore } from '@/stores/patrol-store'
import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult } from '@/core/api-types'
import type { HouseholdSummary } from '@/contract/households'
import type { PatrolSuggestion } from '@/contract/patrol'
import type { VisitTask } from '@/contract/visit-tasks'
import WorkerHome from '@/packages/worker/pages/home/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aHousehold = (overrides: Partial<HouseholdSummary> = {}): HouseholdSummary => ({
  id: 'h1', code: 'DS-001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组3号',
  headName: '张*华', phoneMasked: null, tags: [], memberCount: 1, ...overrides,
})
const aSuggestion = (overrides: Partial<PatrolSuggestion> = {}): PatrolSuggestion => ({
  household: aHousehold({ id: 'h7', code: 'DS-007', address: '东胜村2组7号' }), lastVisitAt: null, reason: '从未走访', ...overrides,
})
const aTask = (overrides: Partial<VisitTask> = {}): VisitTask => ({
  id: 'task1', regionId: 'g1', householdId: 'h9', householdCode: 'DS-009', household: aHousehold({ id: 'h9', code: 'DS-009', address: '东胜村3组9号' }),
  address: '东胜村3组9号', reason: 'warning_unreachable', reasonText: '预警无法联系，请上门核实（冒充公检法，高风险）',
  warningId: 'w1', createdAt: '2026-11-28T08:00:00Z', doneAt: null, ...overrides,
})
const workerLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '张网格', roles: [{ role: 'grid_worker', regionId: 'g1', regionName: '东胜村第1网格', regionPath: '/g1/' }] },
}

async function renderWorkerHome(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(workerLogin)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('grid_worker')
  await act(async () => {
    renderWithStores(<WorkerHome />, store)
  })
  return store
}

describe('今日巡访建议 on the worker home', () => {
  it('when the grid has suggestions, then each shows its code, address and reason, for the selected grid', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.patrolToday = (gridId) => {
      asked.push(gridId)
      return Promise.resolve({ items: [aSuggestion(), aSuggestion({ household: aHousehold({ id: 'h8', code: 'DS-008' }), reason: '独居老人' })], tasks: [] })
    }

    await renderWorkerHome(api)

    expect(await screen.findByText('1. DS-007 · 东胜村2组7号')).toBeTruthy()
    expect(screen.getByText('建议理由：从未走访')).toBeTruthy()
    expect(screen.getByText('建议理由：独居老人')).toBeTruthy()
    expect(asked).toEqual(['g1'])
  })

  it('when a suggestion is tapped, then the visit form opens for that household', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve({ items: [aSuggestion()], tasks: [] })
    const store = await renderWorkerHome(api)

    fireEvent.click(await screen.findByText('1. DS-007 · 东胜村2组7号'))

    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/worker/pages/visit/index?householdId=h7' })
    expect(store.doors.household?.code).toBe('DS-007')
  })

  it('when the plan cannot load, then the server message is shown with 重试', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.reject(new ApiError('PATROL_GRID_REQUIRED', '请选择网格', 400))

    await renderWorkerHome(api)

    expect(await screen.findByText('请选择网格')).toBeTruthy()
  })

  it('when nothing waits on the phone, then the banner says everything is uploaded', async () => {
    await renderWorkerHome(new FakeApi())

    expect(screen.getByText('✓ 全部已上传')).toBeTruthy()
  })

  it('when the grid has a door-visit task, then 走访任务 shows it above the suggestions with its reason', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve({ items: [aSuggestion()], tasks: [aTask(), aTask({ id: 'task2', household: null, householdId: null, householdCode: null, address: '东胜村5组' })] })

    await renderWorkerHome(api)

    const heading = await screen.findByText('走访任务（2）')
    expect(screen.getByText('DS-009 · 东胜村3组9号')).toBeTruthy()
    expect(screen.getByText('东胜村5组')).toBeTruthy()
    expect(screen.getAllByText('预警无法联系，请上门核实（冒充公检法，高风险）')).toHaveLength(2)
    expect(heading.compareDocumentPosition(screen.getByText('今日巡访建议')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('when 完成 is tapped and a note confirmed, then the task is closed with the note and leaves the list', async () => {
    const api = new FakeApi()
    const closed: [string, string][] = []
    api.patrolToday = () => Promise.resolve({ items: [], tasks: [aTask()] })
    api.completeVisitTask = (id, note) => {
      closed.push([id, note])
      return Promise.resolve(aTask({ doneAt: '2026-11-28T09:00:00Z' }))
    }
    await renderWorkerHome(api)

    fireEvent.click(await screen.findByText('完成'))
    fireEvent.change(screen.getByPlaceholderText('如：已见到本人，已提醒勿转账'), { target: { value: ' 已见到本人 ' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认完成'))
    })

    expect(closed).toEqual([['task1', '已见到本人']])
    expect(screen.queryByText('DS-009 · 东胜村3组9号')).toBeNull()
  })

  it('when 完成 is confirmed without a note, then it asks for one and nothing is sent', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve({ items: [], tasks: [aTask()] })
    const store = await renderWorkerHome(api)

    fireEvent.click(await screen.findByText('完成'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认完成'))
    })

    expect(screen.getByText('请简要填写上门核实情况')).toBeTruthy()
    expect(store.store(patrolStore).tasks).toHaveLength(1)
  })

  it('when closing the task fails, then the server message shows in the dialog and the task stays', async () => {
    const api = new FakeApi()
    api.patrolToday = () => Promise.resolve({ items: [], tasks: [aTask()] })
    api.completeVisitTask = () => Promise.reject(new ApiError('OUT_OF_SCOPE', '该住户不在您负责的网格内', 403))
    await renderWorkerHome(api)

    fireEvent.click(await screen.findByText('完成'))
    fireEvent.change(screen.getByPlaceholderText('如：已见到本人，已提醒勿转账'), { target: { value: '已上门' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认完成'))
    })

    expect(screen.getByText('该住户不在您负责的网格内')).toBeTruthy()
    expect(screen.getByText('DS-009 · 东胜村3组9号')).toBeTruthy()
  })
})
