import { makeAutoObservable } from 'mobx'
import type { WarningListItem } from '@/contract/warnings'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import type { StoreFactory } from './store-context'

const OPEN_STATES: readonly WarningListItem['state'][] = ['pending', 'contacted']

/** The dissuader's queue: open warnings by deadline as the server sorts them, then those closed in the last 7 days. */
export class WarningStore {
  private readonly queue = new LatestLoad<WarningListItem[]>()

  constructor(private readonly api: Pick<Api, 'myWarnings'>) {
    makeAutoObservable<WarningStore, 'api' | 'queue'>(this, { api: false, queue: false })
  }

  get items(): WarningListItem[] {
    return this.queue.value ?? []
  }

  get state(): LoadState {
    return this.queue.state
  }

  get error(): string | null {
    return this.queue.error
  }

  get open(): WarningListItem[] {
    return this.items.filter((w) => OPEN_STATES.includes(w.state))
  }

  get closed(): WarningListItem[] {
    return this.items.filter((w) => !OPEN_STATES.includes(w.state))
  }

  reset(): void {
    this.queue.clear()
  }

  /** A refresh that fails keeps the queue on screen with the reason above it: a dissuader must not lose sight of it. */
  async load(): Promise<void> {
    await this.queue.reload(() => this.api.myWarnings())
  }
}

export const warningStore: StoreFactory<WarningStore> = ({ api }) => new WarningStore(api)
