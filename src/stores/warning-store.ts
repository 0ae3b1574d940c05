import { flow, makeAutoObservable, observable } from 'mobx'
import type { WarningListItem } from '@/contract/warnings'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

const OPEN_STATES: readonly WarningListItem['state'][] = ['pending', 'contacted']

/** The dissuader's queue: open warnings by deadline as the server sorts them, then those closed in the last 7 days. */
export class WarningStore {
  items: WarningListItem[] = []
  state: LoadState = 'idle'
  error: string | null = null

  constructor(private readonly api: Pick<Api, 'myWarnings'>) {
    makeAutoObservable<WarningStore, 'api'>(this, { api: false, items: observable.ref })
  }

  get open(): WarningListItem[] {
    return this.items.filter((w) => OPEN_STATES.includes(w.state))
  }

  get closed(): WarningListItem[] {
    return this.items.filter((w) => !OPEN_STATES.includes(w.state))
  }

  reset(): void {
    this.items = []
    this.state = 'idle'
    this.error = null
  }

  /** A refresh that fails keeps the queue on screen with the reason above it: a dissuader must not lose sight of it. */
  load = flow(function* (this: WarningStore) {
    if (this.state !== 'ready') this.state = 'loading'
    this.error = null
    try {
      this.items = yield this.api.myWarnings()
      this.state = 'ready'
    } catch (e) {
      this.error = errorMessage(e)
      if (this.state !== 'ready') this.state = 'error'
    }
  })
}

export const warningStore: StoreFactory<WarningStore> = ({ api }) => new WarningStore(api)
