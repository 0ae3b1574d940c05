import { flow, makeAutoObservable, observable } from 'mobx'
import type { DissuaderLoad, WarningCompliance, WarningListItem } from '@/contract/warnings'
import { WARNING_STATES, WARNING_STATE_LABELS, type RiskLevel, type WarningState } from '@/core/warnings'
import { dispatchConfirmation, percentOf } from '@/core/warnings-format'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import { PagedList } from './paged-list'
import type { StoreFactory } from './store-context'

/** The states the list can be filtered by, in words. */
export const WARNING_STATE_CHOICES = WARNING_STATES.map((s) => ({ value: s, label: WARNING_STATE_LABELS[s] }))

export const WARNING_PAGE_SIZE = 20

export interface WarningFilters {
  state: WarningState | undefined
  risk: RiskLevel | undefined
  overdueOnly: boolean
}

type AdminApi = Pick<Api, 'warnings' | 'warningCompliance' | 'dissuaders' | 'reassignWarning'>

/** The station's view of a region's warnings: filters, time-limit compliance, and handing a warning to someone else. */
export class WarningAdminStore {
  regionId: string | null = null
  filters: WarningFilters = { state: undefined, risk: undefined, overdueOnly: false }
  readonly list = new PagedList<WarningListItem>()
  compliance: WarningCompliance | null = null
  complianceState: LoadState = 'idle'
  complianceError: string | null = null
  /** The warning whose assignee is being changed, and the dissuaders to choose from. */
  reassigning: WarningListItem | null = null
  dissuaders: DissuaderLoad[] = []
  dissuadersState: LoadState = 'idle'
  reassignError: string | null = null
  saving = false
  /** The warning just dispatched from this page: kept at the top, whatever the list's order, until filters change. */
  justDispatched: WarningListItem | null = null
  /** A share of the warnings in whole percent, as the compliance figures round it. */
  readonly rate = (part: number, whole: number): number => percentOf(part, whole)

  constructor(private readonly api: AdminApi) {
    makeAutoObservable<WarningAdminStore, 'api'>(this, {
      api: false, list: false, rate: false, compliance: observable.ref, reassigning: observable.ref, dissuaders: observable.ref, justDispatched: observable.ref,
    })
  }

  reset(): void {
    this.regionId = null
    this.filters = { state: undefined, risk: undefined, overdueOnly: false }
    this.list.clear()
    this.compliance = null
    this.complianceState = 'idle'
    this.complianceError = null
    this.reassigning = null
    this.dissuaders = []
    this.dissuadersState = 'idle'
    this.reassignError = null
    this.saving = false
    this.justDispatched = null
  }

  /** The list as shown: the warning just dispatched first, then the server's order without it. */
  get shown(): WarningListItem[] {
    const pinned = this.justDispatched
    if (!pinned) return this.list.items
    // The list's copy is the fresher one, e.g. after the new warning was handed to someone else.
    const first = this.list.items.find((w) => w.id === pinned.id) ?? pinned
    return [first, ...this.list.items.filter((w) => w.id !== pinned.id)]
  }

  /** After 保存并派发: the new warning leads the list, and the list and compliance count it. */
  /** 已派发给 …: what the station is told about the warning it has just sent, while it stays pinned. */
  get dispatchedMessage(): string | null {
    return this.justDispatched ? dispatchConfirmation(this.justDispatched) : null
  }

  dispatched(warning: WarningListItem): Promise<void> {
    this.justDispatched = warning
    return this.reload()
  }

  selectRegion(regionId: string): Promise<void> {
    this.regionId = regionId
    this.reassigning = null
    this.justDispatched = null
    return this.reload()
  }

  setFilters(patch: Partial<WarningFilters>): Promise<void> {
    this.filters = { ...this.filters, ...patch }
    this.justDispatched = null
    return this.list.load(this.fetchPage)
  }

  reload(): Promise<void> {
    return Promise.all([this.list.load(this.fetchPage), this.loadCompliance()]).then(() => undefined)
  }

  loadMore(): Promise<void> {
    return this.list.loadMore(this.fetchPage)
  }

  private fetchPage = (page: number) => {
    const { state, risk, overdueOnly } = this.filters
    return this.api.warnings({
      regionId: this.regionId ?? '', state, risk, overdue: overdueOnly || undefined, page, pageSize: WARNING_PAGE_SIZE,
    })
  }

  private loadCompliance = flow(function* (this: WarningAdminStore) {
    const regionId = this.regionId
    if (!regionId) return
    this.complianceState = 'loading'
    this.complianceError = null
    try {
      const compliance: WarningCompliance = yield this.api.warningCompliance(regionId)
      if (regionId !== this.regionId) return
      this.compliance = compliance
      this.complianceState = 'ready'
    } catch (e) {
      this.complianceState = 'error'
      this.complianceError = errorMessage(e)
    }
  })

  startReassign = flow(function* (this: WarningAdminStore, warning: WarningListItem) {
    this.reassigning = warning
    this.reassignError = null
    this.dissuadersState = 'loading'
    try {
      this.dissuaders = yield this.api.dissuaders(warning.regionId)
      this.dissuadersState = 'ready'
    } catch (e) {
      this.dissuadersState = 'error'
      this.reassignError = errorMessage(e)
    }
  })

  cancelReassign(): void {
    this.reassigning = null
    this.reassignError = null
  }

  reassign = flow(function* (this: WarningAdminStore, assigneeId: string) {
    const warning = this.reassigning
    if (!warning || this.saving) return
    this.saving = true
    this.reassignError = null
    try {
      yield this.api.reassignWarning(warning.id, assigneeId)
      this.reassigning = null
    } catch (e) {
      this.reassignError = errorMessage(e)
      return
    } finally {
      this.saving = false
    }
    yield this.list.load(this.fetchPage)
  })
}

export const warningAdminStore: StoreFactory<WarningAdminStore> = ({ api }) => new WarningAdminStore(api)
