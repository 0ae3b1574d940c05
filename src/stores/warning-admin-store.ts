import { flow, makeAutoObservable, observable } from 'mobx'
import type { DissuaderLoad, WarningCompliance, WarningListItem } from '@/contract/warnings'
import { WARNING_STATES, WARNING_STATE_LABELS, type RiskLevel, type WarningState } from '@/core/warnings'
import { dispatchConfirmation, percentOf } from '@/core/warnings-format'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { PagedList } from './paged-list'
import type { StoreFactory } from './store-context'
import { Submission, type Outcome } from './submission'

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
  /** The warning whose assignee is being changed; the dissuaders to choose from are those of its region. */
  reassigning: WarningListItem | null = null
  /** The warning just dispatched from this page: kept at the top, whatever the list's order, until filters change. */
  justDispatched: WarningListItem | null = null
  /** A share of the warnings in whole percent, as the compliance figures round it. */
  readonly rate = (part: number, whole: number): number => percentOf(part, whole)
  private readonly complianceLoad = new LatestLoad<WarningCompliance>()
  private readonly dissuadersLoad = new LatestLoad<DissuaderLoad[]>()
  private readonly reassignment = new Submission()

  constructor(private readonly api: AdminApi) {
    makeAutoObservable<WarningAdminStore, 'api' | 'complianceLoad' | 'dissuadersLoad' | 'reassignment'>(this, {
      api: false, list: false, rate: false, reassigning: observable.ref, justDispatched: observable.ref,
      complianceLoad: false, dissuadersLoad: false, reassignment: false,
    })
  }

  get compliance(): WarningCompliance | null {
    return this.complianceLoad.value
  }

  get complianceState(): LoadState {
    return this.complianceLoad.state
  }

  get complianceError(): string | null {
    return this.complianceLoad.error
  }

  get dissuaders(): DissuaderLoad[] {
    return this.dissuadersLoad.value ?? []
  }

  get dissuadersState(): LoadState {
    return this.dissuadersLoad.state
  }

  get saving(): boolean {
    return this.reassignment.busy
  }

  /** Why the dissuaders could not be listed, or why the change was refused. */
  get reassignError(): string | null {
    return this.reassignment.error ?? this.dissuadersLoad.error
  }

  reset(): void {
    this.regionId = null
    this.filters = { state: undefined, risk: undefined, overdueOnly: false }
    this.list.clear()
    this.complianceLoad.clear()
    this.reassigning = null
    this.dissuadersLoad.clear()
    this.reassignment.clear()
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

  private async loadCompliance(): Promise<void> {
    const regionId = this.regionId
    if (regionId) await this.complianceLoad.load(() => this.api.warningCompliance(regionId))
  }

  async startReassign(warning: WarningListItem): Promise<void> {
    this.reassigning = warning
    this.reassignment.dismiss()
    await this.dissuadersLoad.load(() => this.api.dissuaders(warning.regionId))
  }

  cancelReassign(): void {
    this.reassigning = null
    this.dissuadersLoad.clear()
    this.reassignment.dismiss()
  }

  reassign = flow(function* (this: WarningAdminStore, assigneeId: string) {
    const warning = this.reassigning
    if (!warning || this.saving) return
    const reassigned: Outcome<unknown> = yield this.reassignment.run(() => this.api.reassignWarning(warning.id, assigneeId))
    if (!reassigned.ok) return
    this.reassigning = null
    yield this.list.load(this.fetchPage)
  })
}

export const warningAdminStore: StoreFactory<WarningAdminStore> = ({ api }) => new WarningAdminStore(api)
