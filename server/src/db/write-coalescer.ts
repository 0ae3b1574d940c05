import { ItemFailure, writeIsolated } from './isolate-failures'

/**
 * Gathers items written by concurrent requests and writes them together, one transaction per flush: a
 * hundred phones syncing at once then cost a few commits instead of a hundred. Lookups use it the same way,
 * one query for all the keys asked for at once. While the allowed number of
 * flushes run, the next flush's items gather; `writeBatch` must take its locks in a stable order when
 * flushes may overlap. `writeBatch` is all-or-nothing: when the database refuses a flush for its data, the flush is
 * split until only the guilty items fail (isolate-failures.ts), so one caller's bad item never fails another's.
 */
export interface CoalescerOptions {
  /** Flush as soon as this many items wait. */
  maxItems: number
  /** A lone item waits at most this long for company before it is written. */
  maxWaitMs: number
  /** Flushes running at once: 1 on a single-connection engine, a few on a server with a pool. */
  maxConcurrent: number
  /** Told the size of every flush (metrics). */
  onFlush?: (items: number) => void
}

interface Waiting<T, R> {
  item: T
  resolve: (result: R) => void
  reject: (error: unknown) => void
}

export class WriteCoalescer<T, R> {
  private queue: Waiting<T, R>[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly flushing = new Set<Promise<void>>()

  /** `writeBatch` answers one result per item, in the order given; an ItemFailure fails only that item. */
  constructor(
    private readonly writeBatch: (items: T[]) => Promise<(R | ItemFailure)[]>,
    private readonly options: CoalescerOptions,
  ) {}

  submit(items: readonly T[]): Promise<R[]> {
    return Promise.all(this.enqueue(items))
  }

  /** Like submit, but one item's failure leaves the answers of the others. */
  submitEach(items: readonly T[]): Promise<PromiseSettledResult<R>[]> {
    return Promise.allSettled(this.enqueue(items))
  }

  private enqueue(items: readonly T[]): Promise<R>[] {
    const results = items.map((item) => new Promise<R>((resolve, reject) => this.queue.push({ item, resolve, reject })))
    this.schedule()
    return results
  }

  /** Resolves once everything submitted so far is written (used on shutdown). */
  async drain(): Promise<void> {
    while (this.flushing.size > 0 || this.queue.length > 0) {
      if (this.flushing.size === 0) this.startFlush()
      await Promise.all(this.flushing)
    }
  }

  private schedule() {
    if (this.flushing.size >= this.options.maxConcurrent) return // a flush picks the queue up when it ends
    if (this.queue.length >= this.options.maxItems) {
      this.startFlush()
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.startFlush(), this.options.maxWaitMs)
    }
  }

  private startFlush() {
    if (this.flushing.size >= this.options.maxConcurrent) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const batch = this.queue.splice(0, this.options.maxItems)
    if (batch.length === 0) return
    this.options.onFlush?.(batch.length)
    const flush: Promise<void> = this.write(batch).finally(() => {
      this.flushing.delete(flush)
      // Items that arrived during the flush have already waited: write them straight away.
      if (this.queue.length > 0) this.startFlush()
    })
    this.flushing.add(flush)
    // What is left may fill another free slot.
    if (this.queue.length > 0) this.schedule()
  }

  private async write(batch: Waiting<T, R>[]) {
    try {
      const results = await writeIsolated(batch.map((w) => w.item), this.writeBatch)
      batch.forEach((w, i) => {
        const result = results[i]
        if (result instanceof ItemFailure) w.reject(result.error)
        else w.resolve(result)
      })
    } catch (e) {
      for (const w of batch) w.reject(e)
    }
  }
}
