import { flow, makeAutoObservable } from 'mobx'
import type { PatrolPlan, PatrolSuggestion } from '@/core/door-to-door-api'
import { VISIT_TASK_NOTE_MAX } from '@/core/visit-tasks'
import type { VisitTask } from '@/core/warning-api'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

export type PatrolApi = Pick<Api, 'patrolToday' | 'completeVisitTask'>

/**
 * Today's plan for the selected grid: door-visit tasks (e.g. 预警无法联系) above the doors the server ranks with
 * the core patrol plan. A task is closed with a short note of what the worker found.
 */
export class PatrolStore {
  gridId: string | null = null
  /** The task whose 完成 dialog is open. */
  completing: VisitTask | null = null
  note = ''
  saving = false
  completeError: string | null = null
  private readonly planLoad = new LatestLoad<PatrolPlan>()

  constructor(private readonly api: PatrolApi) {
    makeAutoObservable<PatrolStore, 'api' | 'planLoad'>(this, { api: false, planLoad: false })
  }

  get items(): PatrolSuggestion[] {
    return this.planLoad.value?.items ?? []
  }

  get tasks(): VisitTask[] {
    return this.planLoad.value?.tasks ?? []
  }

  get state(): LoadState {
    return this.planLoad.state
  }

  get error(): string | null {
    return this.planLoad.error
  }

  reset(): void {
    this.planLoad.clear()
    this.gridId = null
    this.cancelComplete()
  }

  load = flow(function* (this: PatrolStore, gridId: string) {
    if (gridId !== this.gridId) this.planLoad.clear()
    this.gridId = gridId
    yield this.planLoad.load(() => this.api.patrolToday(gridId))
  })

  startComplete(task: VisitTask): void {
    this.completing = task
    this.note = ''
    this.completeError = null
  }

  setNote(note: string): void {
    this.note = note.slice(0, VISIT_TASK_NOTE_MAX)
    this.completeError = null
  }

  cancelComplete(): void {
    this.completing = null
    this.note = ''
    this.saving = false
    this.completeError = null
  }

  confirmComplete = flow(function* (this: PatrolStore) {
    const task = this.completing
    if (!task || this.saving) return
    const note = this.note.trim()
    if (!note) {
      this.completeError = '请简要填写上门核实情况'
      return
    }
    this.saving = true
    try {
      yield this.api.completeVisitTask(task.id, note)
      // Done here or by a colleague a moment ago: either way it no longer waits in this plan.
      const plan = this.planLoad.value
      if (plan) this.planLoad.value = { ...plan, tasks: plan.tasks.filter((t) => t.id !== task.id) }
      this.cancelComplete()
    } catch (e) {
      this.saving = false
      this.completeError = errorMessage(e)
    }
  })
}

export const patrolStore: StoreFactory<PatrolStore> = ({ api }) => new PatrolStore(api)
