import { makeAutoObservable } from 'mobx'
import type { DoorAdvice } from '@/contract/doors'
import type { HouseholdDetail, HouseholdSummary } from '@/contract/households'
import { ApiError, type Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'

export const NO_TOKEN_MESSAGE = '没有识别到门牌码，请重新扫码'

export interface DoorProblem {
  code: string
  message: string
}

export type DoorApi = Pick<Api, 'door' | 'household'>

/** What a door shows: the station's advice to a resident or a stranger, or the household to its worker. */
interface DoorShown {
  advice: DoorAdvice | null
  household: HouseholdDetail | HouseholdSummary | null
}

const householdShown = (household: HouseholdDetail | HouseholdSummary): DoorShown => ({ advice: null, household })

/**
 * The door being worked at: what a scanned label opens, and the household the visit form and the pledge are for.
 * A household can also be chosen from the patrol plan without scanning.
 */
export class DoorStore {
  token: string | null = null
  private readonly shown = new LatestLoad<DoorShown>()

  constructor(private readonly api: DoorApi) {
    makeAutoObservable<DoorStore, 'api' | 'shown'>(this, { api: false, shown: false })
  }

  get state(): LoadState {
    return this.shown.state
  }

  /** For a resident or a stranger: the station's advice, nothing about the household. */
  get advice(): DoorAdvice | null {
    return this.shown.state === 'error' ? null : this.shown.value?.advice ?? null
  }

  get household(): HouseholdDetail | HouseholdSummary | null {
    return this.shown.state === 'error' ? null : this.shown.value?.household ?? null
  }

  get problem(): DoorProblem | null {
    if (this.shown.state !== 'error') return null
    const failure = this.shown.failure
    return { code: failure instanceof ApiError ? failure.code : 'UNKNOWN', message: this.shown.error ?? '' }
  }

  get isHousehold(): boolean {
    return this.state === 'ready' && this.advice === null && this.household !== null
  }

  /** Another user must never see the previous user's door. */
  reset(): void {
    this.token = null
    this.shown.clear()
  }

  async open(token: string | null): Promise<void> {
    const sameDoor = token !== null && token === this.token && this.state === 'ready'
    this.token = token
    if (!token) {
      this.shown.fail(new ApiError('LABEL_UNKNOWN', NO_TOKEN_MESSAGE, 400))
      return
    }
    const fetchDoor = () => this.api.door(token).then((view) =>
      view.kind === 'household' ? householdShown(view.household) : { advice: view.advice, household: null })
    // Coming back to the same door after a visit refreshes it in place; without signal the last answer stays.
    if (sameDoor) await this.shown.refresh(fetchDoor)
    else await this.shown.load(fetchDoor)
  }

  /** From the patrol plan: the list already holds what the form's header needs. */
  choose(household: HouseholdSummary): void {
    this.token = null
    this.shown.set(householdShown(household))
  }

  /** A form opened by a link rather than from the door or the plan loads its household by id. */
  async ensureHousehold(householdId: string): Promise<void> {
    // A form opened without a household (a cut-off link) has nothing to ask the server for.
    if (!householdId || this.household?.id === householdId) return
    this.token = null
    await this.shown.load(() => this.api.household(householdId).then(householdShown))
  }
}
