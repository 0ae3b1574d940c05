import { makeAutoObservable, observable, runInAction } from 'mobx'
import { errorMessage } from './load-state'

export type Outcome<T> = { ok: true; value: T } | { ok: false }

/** One write the person asked for: busy while it runs, so a second tap does nothing, and its Chinese error if it failed. */
export class Submission {
  busy = false
  /** What went wrong, for a store that tells refusals apart (someone else moved the record on meanwhile). */
  failure: unknown = null

  constructor() {
    makeAutoObservable(this, { failure: observable.ref })
  }

  /** The failure in words a person understands; null while nothing has gone wrong. */
  get error(): string | null {
    return this.failure === null ? null : errorMessage(this.failure)
  }

  /** Forgets the last error, e.g. when the person starts over. */
  dismiss(): void {
    this.failure = null
  }

  clear(): void {
    this.busy = false
    this.failure = null
  }

  /** The server's answer, or not ok when the write failed (see error) or another was still running. */
  async run<T>(write: () => Promise<T>): Promise<Outcome<T>> {
    if (this.busy) return { ok: false }
    this.busy = true
    this.failure = null
    try {
      const value = await write()
      return { ok: true, value }
    } catch (e) {
      runInAction(() => {
        this.failure = e
      })
      return { ok: false }
    } finally {
      runInAction(() => {
        this.busy = false
      })
    }
  }
}
