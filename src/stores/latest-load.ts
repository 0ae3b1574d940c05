import { flow, makeAutoObservable, observable } from 'mobx'
import { errorMessage, type LoadState } from './load-state'

/** One value fetched again and again: a slow older answer must never overwrite a newer one. */
export class LatestLoad<T> {
  state: LoadState = 'idle'
  /** The last answer that landed; it stays on screen while a newer one is on its way. */
  value: T | null = null
  error: string | null = null
  private generation = 0

  constructor() {
    // Answers are replaced whole, never edited in place, so they need not be deeply observable.
    makeAutoObservable<LatestLoad<T>, 'generation'>(this, { generation: false, value: observable.ref })
  }

  /** Forgets the value, and any answer still on its way. */
  clear(): void {
    this.generation++
    this.state = 'idle'
    this.value = null
    this.error = null
  }

  /** A value known without asking, e.g. the server's answer to a change: it wins over any answer still on its way. */
  set(value: T): void {
    this.generation++
    this.state = 'ready'
    this.value = value
    this.error = null
  }

  /** Resolves to true only when this answer was still the newest and it succeeded. */
  load = flow(function* (this: LatestLoad<T>, fetch: () => Promise<T>) {
    const generation = ++this.generation
    this.state = 'loading'
    this.error = null
    try {
      const value: T = yield fetch()
      if (generation !== this.generation) return false
      this.value = value
      this.state = 'ready'
      return true
    } catch (e) {
      if (generation !== this.generation) return false
      this.state = 'error'
      this.error = errorMessage(e)
      return false
    }
  })
}
