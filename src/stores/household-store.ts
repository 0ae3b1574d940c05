import { flow, makeAutoObservable } from 'mobx'
import type { HouseholdSummary, Page } from '@/core/api-types'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

export const HOUSEHOLD_PAGE_SIZE = 20

/** The selected grid's households, searched and paged. */
export class HouseholdStore {
  gridId: string | null = null
  query = ''
  items: HouseholdSummary[] = []
  total = 0
  page = 0
  state: LoadState = 'idle'
  loadingMore = false
  error: string | null = null
  /** Answers to an older search or grid arrive late sometimes; only the newest may land. */
  private generation = 0

  constructor(private readonly api: Api) {
    makeAutoObservable<HouseholdStore, 'api' | 'generation'>(this, { api: false, generation: false })
  }

  get hasMore(): boolean {
    return this.items.length < this.total
  }

  get isEmpty(): boolean {
    return this.state === 'ready' && this.items.length === 0
  }

  /** Another user must never see the previous user's households. */
  reset(): void {
    this.generation++
    this.gridId = null
    this.query = ''
    this.items = []
    this.total = 0
    this.page = 0
    this.state = 'idle'
    this.error = null
  }

  setQuery(text: string): void {
    this.query = text
  }

  selectGrid(gridId: string): Promise<void> {
    this.gridId = gridId
    return this.search()
  }

  search = flow(function* (this: HouseholdStore) {
    if (!this.gridId) return
    const generation = ++this.generation
    this.state = 'loading'
    this.error = null
    try {
      const result: Page<HouseholdSummary> = yield this.fetchPage(1)
      if (generation !== this.generation) return
      this.items = result.items
      this.total = result.total
      this.page = 1
      this.state = 'ready'
    } catch (e) {
      if (generation !== this.generation) return
      this.state = 'error'
      this.error = errorMessage(e)
    }
  })

  loadMore = flow(function* (this: HouseholdStore) {
    if (!this.hasMore || this.loadingMore || this.state !== 'ready') return
    const generation = this.generation
    this.loadingMore = true
    try {
      const result: Page<HouseholdSummary> = yield this.fetchPage(this.page + 1)
      if (generation !== this.generation) return
      this.items = [...this.items, ...result.items]
      this.total = result.total
      this.page += 1
    } catch (e) {
      this.error = errorMessage(e)
    } finally {
      this.loadingMore = false
    }
  })

  private fetchPage(page: number): Promise<Page<HouseholdSummary>> {
    return this.api.households({ regionId: this.gridId ?? '', q: this.query.trim(), page, pageSize: HOUSEHOLD_PAGE_SIZE })
  }
}
