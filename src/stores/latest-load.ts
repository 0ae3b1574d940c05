import { flow, makeAutoObservable, observable } from 'mobx'
import { errorMessage, type LoadState } from './load-state'

/** One value fetched again and again: a slow older answer must never overwrite a newer one. */
export class LatestLoad<T> {
  state: LoadState = 'idle'
  /** The last answer that landed; it stays on screen while a newer one is on its way. */
  value: T | null = null
  /** What went wrong, for a store that tells failures apart (a retracted bulletin, an unknown label). */
  failure: unknown = null
  private generation = 0

  /** The failure in words a person understands; null while nothing has gone wrong. */
  get error(): string | null {
    return this.failure === null ? null : errorMessage(this.failure)
  }

  constructor() {
    // Answers are replaced whole, never edited in place, so they need not be deeply observable.
    makeAutoObservable<LatestLoad<T>, 'generation' | 'fetchNewest'>(this, {
      generation: false, value: observable.ref, failure: observable.ref, fetchNewest: false,
    })
  }

  /** Forgets the value, and any answer still on its way. */
  clear(): void {
    this.generation++
    this.state = 'idle'
    this.value = null
    this.failure = null
  }

  /** A value known without asking, e.g. the server's answer to a change: it wins over any answer still on its way. */
  set(value: T): void {
    this.generation++
    this.state = 'ready'
    this.value = value
    this.failure = null
  }

  /** A failure known without asking, e.g. a link that names nothing: it wins over any answer still on its way. */
  fail(failure: unknown): void {
    this.generation++
    this.state = 'error'
    this.failure = failure
  }

  /** Resolves to true only when this answer was still the newest and it succeeded. */
  load(fetch: () => Promise<T>): Promise<boolean> {
    return this.fetchNewest(fetch, 'loading')
  }

  /** Asks again while the last answer stays on screen; if asking fails (no signal), the last answer simply stays. */
  refresh(fetch: () => Promise<T>): Promise<boolean> {
    return this.fetchNewest(fetch, 'quietly')
  }

  /**
   * Asks again while the last answer stays on screen, and says why when asking fails: for what a person must not
   * lose sight of (a dissuader's queue, the warning being worked). With nothing shown yet it is a plain load.
   */
  reload(fetch: () => Promise<T>): Promise<boolean> {
    return this.fetchNewest(fetch, this.state === 'ready' ? 'keepingValue' : 'loading')
  }

  private fetchNewest = flow(function* (this: LatestLoad<T>, fetch: () => Promise<T>, mode: 'loading' | 'quietly' | 'keepingValue') {
    const generation = ++this.generation
    if (mode !== 'quietly') {
        this.failure = null
    }
    if (mode === 'loading') this.state = 'loading'
    try {
      const value: T = yield fetch()
      if (generation !== this.generation) return false
      this.value = value
      this.state = 'ready'
        this.failure = null
      return true
    } catch (e) {
      if (generation !== this.generation || mode === 'quietly') return false
      if (mode === 'loading') this.state = 'error'
      this.failure = e
      return false
    }
  })
}
