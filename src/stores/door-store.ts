import { flow, makeAutoObservable } from 'mobx'
import type { HouseholdSummary } from '@/core/api-types'
import type { DoorAdvice, DoorView, HouseholdDetail } from '@/core/door-to-door-api'
import { ApiError, type Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

export const NO_TOKEN_MESSAGE = '没有识别到门牌码，请重新扫码'

export interface DoorProblem {
  code: string
  message: string
}

export type DoorApi = Pick<Api, 'door' | 'household'>

/**
 * The door being worked at: what a scanned label opens, and the household the visit form and the pledge are for.
 * A household can also be chosen from the patrol plan without scanning.
 */
export class DoorStore {
  token: string | null = null
  state: LoadState = 'idle'
  /** For a resident or a stranger: the station's advice, nothing about the household. */
  advice: DoorAdvice | null = null
  household: HouseholdDetail | HouseholdSummary | null = null
  problem: DoorProblem | null = null
  private generation = 0

  constructor(private readonly api: DoorApi) {
    makeAutoObservable<DoorStore, 'api' | 'generation'>(this, { api: false, generation: false })
  }

  get isHousehold(): boolean {
    return this.state === 'ready' && this.advice === null && this.household !== null
  }

  /** Another user must never see the previous user's door. */
  reset(): void {
    this.generation++
    this.token = null
    this.state = 'idle'
    this.advice = null
    this.household = null
    this.problem = null
  }

  open = flow(function* (this: DoorStore, token: string | null) {
    const generation = ++this.generation
    const sameDoor = token !== null && token === this.token && this.state === 'ready'
    this.token = token
    if (!token) {
      this.state = 'error'
      this.problem = { code: 'LABEL_UNKNOWN', message: NO_TOKEN_MESSAGE }
      return
    }
    // Coming back to the same door after a visit refreshes it in place; without signal the last answer stays.
    if (!sameDoor) this.state = 'loading'
    try {
      const view: DoorView = yield this.api.door(token)
      if (generation !== this.generation) return
      this.show(view)
    } catch (e) {
      if (generation !== this.generation || sameDoor) return
      this.state = 'error'
      this.advice = null
      this.household = null
      this.problem = { code: e instanceof ApiError ? e.code : 'UNKNOWN', message: errorMessage(e) }
    }
  })

  /** From the patrol plan: the list already holds what the form's header needs. */
  choose(household: HouseholdSummary): void {
    this.generation++
    this.token = null
    this.advice = null
    this.problem = null
    this.household = household
    this.state = 'ready'
  }

  /** A form opened by a link rather than from the door or the plan loads its household by id. */
  ensureHousehold = flow(function* (this: DoorStore, householdId: string) {
    // A form opened without a household (a cut-off link) has nothing to ask the server for.
    if (!householdId || this.household?.id === householdId) return
    const generation = ++this.generation
    this.token = null
    this.advice = null
    this.state = 'loading'
    try {
      const household: HouseholdDetail = yield this.api.household(householdId)
      if (generation !== this.generation) return
      this.household = household
      this.problem = null
      this.state = 'ready'
    } catch (e) {
      if (generation !== this.generation) return
      this.household = null
      this.state = 'error'
      this.problem = { code: e instanceof ApiError ? e.code : 'UNKNOWN', message: errorMessage(e) }
    }
  })

  private show(view: DoorView): void {
    this.problem = null
    this.state = 'ready'
    if (view.kind === 'household') {
      this.household = view.household
      this.advice = null
    } else {
      this.advice = view.advice
      this.household = null
    }
  }
}
