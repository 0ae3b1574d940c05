/**
 * A small map whose entries are forgotten after `ttlMs`, so that a burst of requests costs memory lookups
 * instead of queries (sessions, and bulletins and groups on the open path). Bounded: the oldest entry goes
 * first when it is full.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>()
  private readonly loading = new Map<K, Promise<V>>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (this.clock() - entry.at > this.ttlMs) {
      this.entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(key, { value, at: this.clock() })
    return value
  }

  forget(key: K): void {
    this.entries.delete(key)
  }

  /** Rare and linear: for changes that touch every entry of one owner (a user's sessions). */
  forgetWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key)
  }

  /** The cached value, or the loaded one; concurrent misses of the same key share one load. */
  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    const pending = this.loading.get(key)
    if (pending) return pending
    const promise = load()
      .then((value) => this.set(key, value))
      .finally(() => this.loading.delete(key))
    this.loading.set(key, promise)
    return promise
  }
}
