import { makeAutoObservable } from 'mobx'
import type { Page } from '@/core/page'
import type { HouseholdSummary } from '@/contract/households'
import type { Api } from '@/services/api-client'
import type { LoadState } from './load-state'
import { PagedList } from './paged-list'
import type { StoreFactory } from './store-context'

export const HOUSEHOLD_PAGE_SIZE = 20

/** The selected grid's households, searched and paged. */
export class HouseholdStore {
  gridId: string | null = null
  query = ''
  private readonly list = new PagedList<HouseholdSummary>()

  constructor(private readonly api: Api) {
    makeAutoObservable<HouseholdStore, 'api' | 'list'>(this, { api: false, list: false })
  }

  get items(): HouseholdSummary[] {
    return this.list.items
  }

  get total(): number {
    return this.list.total
  }

  get page(): number {
    return this.list.page
  }

  get state(): LoadState {
    return this.list.state
  }

  get loadingMore(): boolean {
    return this.list.loadingMore
  }

  get error(): string | null {
    return this.list.error
  }

  get hasMore(): boolean {
    return this.list.hasMore
  }

  get isEmpty(): boolean {
    return this.list.isEmpty
  }

  /** Another user must never see the previous user's households. */
  reset(): void {
    this.list.clear()
    this.gridId = null
    this.query = ''
  }

  setQuery(text: string): void {
    this.query = text
  }

  selectGrid(gridId: string): Promise<void> {
    this.gridId = gridId
    return this.search()
  }

  search(): Promise<void> {
    if (!this.gridId) return Promise.resolve()
    return this.list.load((page) => this.fetchPage(page))
  }

  loadMore(): Promise<void> {
    return this.list.loadMore((page) => this.fetchPage(page))
  }

  private fetchPage(page: number): Promise<Page<HouseholdSummary>> {
    return this.api.households({ regionId: this.gridId ?? '', q: this.query.trim(), page, pageSize: HOUSEHOLD_PAGE_SIZE })
  }
}

export const householdStore: StoreFactory<HouseholdStore> = ({ api }) => new HouseholdStore(api)
