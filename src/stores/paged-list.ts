import { flow, makeAutoObservable } from 'mobx'
import type { Page } from '@/core/page'
import { errorMessage, type LoadState } from './load-state'

export type FetchPage<T> = (page: number) => Promise<Page<T>>

/** A searched list fetched page by page. Answers to an older search sometimes arrive late; only the newest may land. */
export class PagedList<T> {
  items: T[] = []
  total = 0
  page = 0
  state: LoadState = 'idle'
  loadingMore = false
  error: string | null = null
  private generation = 0

  constructor() {
    makeAutoObservable<PagedList<T>, 'generation'>(this, { generation: false })
  }

  get hasMore(): boolean {
    return this.items.length < this.total
  }

  get isEmpty(): boolean {
    return this.state === 'ready' && this.items.length === 0
  }

  /** Forgets everything, and any answer still on its way. */
  clear(): void {
    this.generation++
    this.items = []
    this.total = 0
    this.page = 0
    this.state = 'idle'
    this.loadingMore = false
    this.error = null
  }

  load = flow(function* (this: PagedList<T>, fetchPage: FetchPage<T>) {
    const generation = ++this.generation
    this.state = 'loading'
    this.error = null
    try {
      const result: Page<T> = yield fetchPage(1)
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

  loadMore = flow(function* (this: PagedList<T>, fetchPage: FetchPage<T>) {
    if (!this.hasMore || this.loadingMore || this.state !== 'ready') return
    const generation = this.generation
    this.loadingMore = true
    try {
      const result: Page<T> = yield fetchPage(this.page + 1)
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
}
