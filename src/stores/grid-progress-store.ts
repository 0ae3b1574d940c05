import { makeAutoObservable } from 'mobx'
import type { WorkerProgress } from '@/contract/coverage'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { StoreFactory } from './store-context'

/** The workbench's 我的网格: the signed-in worker's grids this quarter, as the server counted them. */
export class GridProgressStore {
  private readonly latest = new LatestLoad<WorkerProgress>()

  constructor(private readonly api: Pick<Api, 'myGridProgress'>) {
    makeAutoObservable<GridProgressStore, 'api' | 'latest'>(this, { api: false, latest: false })
  }

  get progress(): WorkerProgress | null {
    return this.latest.value
  }

  get state() {
    return this.latest.state
  }

  get error(): string | null {
    return this.latest.error
  }

  load(): Promise<boolean> {
    return this.latest.load(() => this.api.myGridProgress())
  }

  /** Another worker on this phone has other grids. */
  reset(): void {
    this.latest.clear()
  }
}

export const gridProgressStore: StoreFactory<GridProgressStore> = ({ api }) => new GridProgressStore(api)
