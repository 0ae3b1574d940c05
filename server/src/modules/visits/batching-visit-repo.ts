import type { Database } from '../../db/database'
import { WriteCoalescer } from '../../db/write-coalescer'
import type { AppMetrics } from '../../metrics/app-metrics'
import { TtlCache } from '../../lib/ttl-cache'
import type { NewVisit, VisitedHousehold, VisitRepo, VisitRepository, VisitWriteOutcome } from './repo'

/**
 * Writes: how long a lone visit waits for others, and how many share one statement at most. One write at a time:
 * overlapping writes would queue on the same household and counter rows anyway (and could lock them in different
 * orders), while one write leaves the next batch to gather meanwhile.
 */
const WRITES = { maxItems: 1000, maxWaitMs: 2, maxConcurrent: 1 }
/** Household lookups are reads: they run beside the write in flight. */
const LOOKUPS = { maxItems: 1000, maxWaitMs: 1 }
/**
 * A worker visits the same few hundred doors again and again, so where a household is (county, grid, path) is
 * remembered and the scope check needs no query. The write stores a visit only if the household is still in
 * that grid, so a household moved meanwhile comes back `misplaced` and is forgotten here: the next lookup reads it
 * afresh, and it is never visited in its old grid.
 */
const REMEMBERED_HOUSEHOLDS = { ttlMs: 30 * 60_000, maxEntries: 50_000 }

/**
 * The visit repository as the instance uses it: concurrent requests' lookups and writes merged into one query and
 * one statement each (write-coalescer.ts), and households remembered between requests.
 */
export class BatchingVisitRepository implements VisitRepository {
  private readonly households = new TtlCache<string, VisitedHousehold>(REMEMBERED_HOUSEHOLDS.ttlMs, REMEMBERED_HOUSEHOLDS.maxEntries)
  private readonly lookups: WriteCoalescer<string, VisitedHousehold | null>
  private readonly writes: WriteCoalescer<NewVisit, VisitWriteOutcome>

  constructor(repo: VisitRepo, engine: Database['kind'], metrics: AppMetrics) {
    this.lookups = new WriteCoalescer((ids) => repo.householdsByIds(ids), {
      ...LOOKUPS, maxConcurrent: engine === 'pg' ? 2 : 1, onFlush: metrics.batchObserver('household_lookups'),
    })
    this.writes = new WriteCoalescer((rows) => repo.store(rows), { ...WRITES, onFlush: metrics.batchObserver('visit_writes') })
  }

  async householdsByIds(ids: readonly string[]): Promise<(VisitedHousehold | null)[]> {
    const unknown = [...new Set(ids.filter((id) => this.households.get(id) === undefined))]
    const found = new Map<string, VisitedHousehold>()
    if (unknown.length > 0) {
      const looked = await this.lookups.submit(unknown)
      unknown.forEach((id, i) => looked[i] && found.set(id, this.households.set(id, looked[i]!)))
    }
    return ids.map((id) => found.get(id) ?? this.households.get(id) ?? null)
  }

  async insertIdempotent(rows: readonly NewVisit[]): Promise<PromiseSettledResult<VisitWriteOutcome>[]> {
    const outcomes = await this.writes.submitEach(rows)
    rows.forEach((row, i) => {
      const outcome = outcomes[i]
      if (outcome.status === 'fulfilled' && outcome.value === 'misplaced') this.households.forget(row.household_id)
    })
    return outcomes
  }
}
