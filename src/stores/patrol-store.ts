import { flow, makeAutoObservable } from 'mobx'
import type { PatrolPlan, PatrolSuggestion } from '@/contract/patrol'
import type { VisitTask } from '@/contract/visit-tasks'
import { usableSavedPlan, type SavedPlan } from '@/core/offline-freshness'
import { VISIT_TASK_NOTE_MAX } from '@/core/visit-tasks'
import { ApiError, type Api } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

export type PatrolApi = Pick<Api, 'patrolToday' | 'completeVisitTask'>

/** Today's plan as last fetched on this phone, so that the suggestions still show at a door without signal. */
export const SAVED_PLAN_KEY = 'xuanfang.patrolPlan'

export interface PatrolDeps {
  storage: OfflineStorage
  /** Whose plan it is: a plan kept for one worker is never shown to another on a shared phone. */
  currentUserId: () => string | null
  now: () => Date
}

/**
 * Today's plan for the selected grid: door-visit tasks (e.g. 预警无法联系) above the doors the server ranks with
 * the core patrol plan. A task is closed with a short note of what the worker found.
 */
export class PatrolStore {
  gridId: string | null = null
  /** The task whose 完成 dialog is open. */
  completing: VisitTask | null = null
  note = ''
  /** What the 完成 dialog itself finds wrong before sending. */
  problem: string | null = null
  /** When the plan on screen was fetched, if it is the copy kept on the phone because the network failed. */
  keptAt: Date | null = null
  private readonly planLoad = new LatestLoad<PatrolPlan>()
  private readonly completion = new Submission()

  constructor(private readonly api: PatrolApi, private readonly deps: PatrolDeps) {
    makeAutoObservable<PatrolStore, 'api' | 'planLoad' | 'completion' | 'deps'>(this, { api: false, planLoad: false, completion: false, deps: false })
  }

  get saving(): boolean {
    return this.completion.busy
  }

  get completeError(): string | null {
    return this.problem ?? this.completion.error
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

  /** On sign-out or a change of user: the kept plan names the previous worker's doors, so it goes too. */
  reset(): void {
    this.planLoad.clear()
    this.gridId = null
    this.keptAt = null
    this.cancelComplete()
    this.completion.clear()
    this.forgetSavedPlan()
  }

  load = flow(function* (this: PatrolStore, gridId: string) {
    if (gridId !== this.gridId) {
      this.planLoad.clear()
      this.keptAt = null
    }
    this.gridId = gridId
    const loaded: boolean = yield this.planLoad.load(() => this.api.patrolToday(gridId))
    const failure = this.planLoad.failure
    const unreachable = failure instanceof ApiError && failure.code === 'NETWORK'
    if (loaded) {
      this.keptAt = null
      this.savePlan(gridId)
    } else if (unreachable && this.planLoad.state === 'error' && this.gridId === gridId) {
      // Only a network failure falls back: a refusal (e.g. moved to another grid) must show, not an old plan.
      this.showSavedPlan(gridId)
    }
  })

  private savePlan(gridId: string): void {
    const userId = this.deps.currentUserId()
    const plan = this.planLoad.value
    if (!userId || !plan) return
    const saved: SavedPlan<PatrolPlan> = { userId, gridId, savedAt: this.deps.now().toISOString(), plan }
    try {
      this.deps.storage.write(SAVED_PLAN_KEY, saved)
    } catch {
      // A full storage only costs the offline copy; the plan on screen is fresh.
    }
  }

  private showSavedPlan(gridId: string): void {
    const saved = usableSavedPlan(this.deps.storage.read(SAVED_PLAN_KEY) as SavedPlan<PatrolPlan> | null,
      this.deps.currentUserId(), gridId, this.deps.now())
    if (!saved) return
    this.planLoad.set(saved.plan)
    this.keptAt = new Date(saved.savedAt)
  }

  private forgetSavedPlan(): void {
    try {
      this.deps.storage.write(SAVED_PLAN_KEY, null)
    } catch {
      // Nothing to forget when storage is unusable.
    }
  }

  startComplete(task: VisitTask): void {
    this.completing = task
    this.note = ''
    this.forgetProblems()
  }

  setNote(note: string): void {
    this.note = note.slice(0, VISIT_TASK_NOTE_MAX)
    this.forgetProblems()
  }

  cancelComplete(): void {
    this.completing = null
    this.note = ''
    this.forgetProblems()
  }

  confirmComplete = flow(function* (this: PatrolStore) {
    const task = this.completing
    if (!task || this.saving) return
    const note = this.note.trim()
    if (!note) {
      this.problem = '请简要填写上门核实情况'
      return
    }
    const completed: Outcome<unknown> = yield this.completion.run(() => this.api.completeVisitTask(task.id, note))
    if (!completed.ok) return
    // Done here or by a colleague a moment ago: either way it no longer waits in this plan.
    const plan = this.planLoad.value
    if (plan) this.planLoad.set({ ...plan, tasks: plan.tasks.filter((t) => t.id !== task.id) })
    this.cancelComplete()
  })

  private forgetProblems(): void {
    this.problem = null
    this.completion.dismiss()
  }
}

export const patrolStore: StoreFactory<PatrolStore> = ({ api, storage, session, now }) =>
  new PatrolStore(api, { storage, currentUserId: () => session.me?.id ?? null, now })
