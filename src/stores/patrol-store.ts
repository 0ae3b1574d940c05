import { flow, makeAutoObservable } from 'mobx'
import type { PatrolSuggestion } from '@/core/door-to-door-api'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

export type PatrolApi = Pick<Api, 'patrolToday'>

/** Today's suggested doors for the selected grid; the server ranks them with the core patrol plan. */
export class PatrolStore {
  gridId: string | null = null
  items: PatrolSuggestion[] = []
  state: LoadState = 'idle'
  error: string | null = null
  private generation = 0

  constructor(private readonly api: PatrolApi) {
    makeAutoObservable<PatrolStore, 'api' | 'generation'>(this, { api: false, generation: false })
  }

  reset(): void {
    this.generation++
    this.gridId = null
    this.items = []
    this.state = 'idle'
    this.error = null
  }

  load = flow(function* (this: PatrolStore, gridId: string) {
    const generation = ++this.generation
    if (gridId !== this.gridId) this.items = []
    this.gridId = gridId
    this.state = 'loading'
    this.error = null
    try {
      const result: { items: PatrolSuggestion[] } = yield this.api.patrolToday(gridId)
      if (generation !== this.generation) return
      this.items = result.items
      this.state = 'ready'
    } catch (e) {
      if (generation !== this.generation) return
      this.state = 'error'
      this.error = errorMessage(e)
    }
  })
}
