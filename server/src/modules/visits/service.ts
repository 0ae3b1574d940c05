import type { SyncBatchResult, SyncItemResult } from '#contract/common'
import type { VisitInput } from '#contract/visits'
import { ERRORS } from '#core/errors'
import { canActOn, scopePathsFor } from '#core/scope'
import { normaliseTimestamp } from '#core/timestamp'
import { checkVisit } from '#core/visits'
import type { AppContext } from '../../context'
import { mayBeItemsFault } from '../../db/isolate-failures'
import { WriteCoalescer } from '../../db/write-coalescer'
import { forbidden } from '../../errors'
import { TtlCache } from '../../lib/ttl-cache'
import type { SessionUser } from '../auth/session-user'
import { VisitRepo, type NewVisit, type VisitedHousehold } from './repo'

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
 * that grid, so a household moved meanwhile is looked up afresh, never visited in its old grid.
 */
const REMEMBERED_HOUSEHOLDS = { ttlMs: 30 * 60_000, maxEntries: 50_000 }

/** One visit's answer, or `misplaced`: its remembered household has moved, check it again. */
type Attempt = SyncItemResult | { id: string; status: 'misplaced' }

export class VisitService {
  private readonly repo: VisitRepo
  private readonly households = new TtlCache<string, VisitedHousehold>(REMEMBERED_HOUSEHOLDS.ttlMs, REMEMBERED_HOUSEHOLDS.maxEntries)
  private readonly lookups: WriteCoalescer<string, VisitedHousehold | null>
  private readonly writes: WriteCoalescer<NewVisit, 'stored' | 'duplicate' | 'misplaced'>
  private readonly syncing = new Set<Promise<SyncBatchResult>>()

  constructor(private readonly ctx: AppContext) {
    this.repo = new VisitRepo(ctx.db)
    this.lookups = new WriteCoalescer((ids) => this.findHouseholds(ids), {
      ...LOOKUPS, maxConcurrent: ctx.database.kind === 'pg' ? 2 : 1, onFlush: ctx.metrics.batchObserver('household_lookups'),
    })
    this.writes = new WriteCoalescer((rows) => this.store(rows), { ...WRITES, onFlush: ctx.metrics.batchObserver('visit_writes') })
  }

  /** Every item gets its own answer; one bad visit never holds back the good ones. */
  syncBatch(caller: SessionUser, visits: readonly VisitInput[]): Promise<SyncBatchResult> {
    const syncing = this.checkAndStore(caller, visits).then((result) => {
      this.ctx.metrics.countRejections('visits', result.items)
      return result
    })
    this.syncing.add(syncing)
    return syncing.finally(() => this.syncing.delete(syncing))
  }

  /** Waits for every batch already being stored, so that closing the server loses none. */
  async drain(): Promise<void> {
    while (this.syncing.size > 0) await Promise.allSettled(this.syncing)
  }

  private async checkAndStore(caller: SessionUser, visits: readonly VisitInput[]): Promise<SyncBatchResult> {
    if (scopePathsFor(caller.roles, 'visit.write').length === 0) throw forbidden()
    const attempts = await this.tryStore(caller, visits)
    const misplaced = visits.filter((_, i) => attempts[i].status === 'misplaced')
    if (misplaced.length === 0) return { items: attempts as SyncItemResult[] }
    for (const visit of misplaced) this.households.forget(visit.householdId.toLowerCase())
    const retried = await this.tryStore(caller, misplaced)
    let next = 0
    const items = attempts.map((attempt) => (attempt.status === 'misplaced' ? retried[next++] : attempt))
    return { items: items.map((item) => (item.status === 'misplaced' ? movedMeanwhile(item.id) : item)) }
  }

  /** Checks each visit against its household, from memory where remembered, and stores those that pass. */
  private async tryStore(caller: SessionUser, visits: readonly VisitInput[]): Promise<Attempt[]> {
    // PostgreSQL answers uuids in lower case; a phone may send them in upper case.
    const households = await this.householdsOf(visits.map((visit) => visit.householdId.toLowerCase()))
    const now = this.ctx.now()
    const verdicts = visits.map((visit, i): SyncItemResult | NewVisit => {
      const verdict = checkVisit(visit, households[i], (path) => canActOn(caller.roles, 'visit.write', path), now)
      if (!verdict.ok) return { id: visit.id, status: 'rejected', code: verdict.code, message: ERRORS[verdict.code] }
      return toRow(visit, households[i]!, caller.id)
    })
    const outcomes = await this.writes.submitEach(verdicts.filter((v): v is NewVisit => !('status' in v)))
    // A visit the database refused on its own is this visit's rejection; a database that failed fails the request.
    const broken = outcomes.find((o) => o.status === 'rejected' && !mayBeItemsFault(o.reason))
    if (broken) throw (broken as PromiseRejectedResult).reason
    let row = 0
    return verdicts.map((v, i): Attempt => {
      if ('status' in v) return v
      const outcome = outcomes[row++]
      return outcome.status === 'fulfilled' ? { id: visits[i].id, status: outcome.value } : notStored(visits[i].id)
    })
  }

  private async householdsOf(ids: readonly string[]): Promise<(VisitedHousehold | null)[]> {
    const unknown = [...new Set(ids.filter((id) => this.households.get(id) === undefined))]
    const found = new Map<string, VisitedHousehold>()
    if (unknown.length > 0) {
      const looked = await this.lookups.submit(unknown)
      unknown.forEach((id, i) => looked[i] && found.set(id, this.households.set(id, looked[i]!)))
    }
    return ids.map((id) => found.get(id) ?? this.households.get(id) ?? null)
  }

  private async findHouseholds(ids: string[]): Promise<(VisitedHousehold | null)[]> {
    const found = await this.repo.findHouseholds([...new Set(ids)])
    return ids.map((id) => found.get(id) ?? null)
  }

  private async store(rows: NewVisit[]): Promise<('stored' | 'duplicate' | 'misplaced')[]> {
    // The same id twice in one write is a retry racing its original: the first one is the visit.
    const seen = new Set<string>()
    const firsts = rows.map((row) => {
      if (seen.has(row.id)) return false
      seen.add(row.id)
      return true
    })
    const outcomes = await this.repo.storeAndApply(rows.filter((_, i) => firsts[i]))
    return rows.map((row, i) => (firsts[i] && outcomes.get(row.id)) || 'duplicate')
  }
}

/** The database refused this one visit (the others of its batch were stored): the phone keeps it to look at. */
function notStored(id: string): SyncItemResult {
  return { id, status: 'rejected', code: 'RECORD_NOT_STORED', message: ERRORS.RECORD_NOT_STORED }
}

/** A household moved to another grid twice while its visit was being checked: the phone keeps the visit to retry. */
function movedMeanwhile(id: string): SyncItemResult {
  return { id, status: 'rejected', code: 'VISIT_HOUSEHOLD_MOVED', message: ERRORS.VISIT_HOUSEHOLD_MOVED }
}

function toRow(visit: VisitInput, household: { countyId: string; gridId: string }, workerId: string): NewVisit {
  return {
    id: visit.id.toLowerCase(),
    county_id: household.countyId,
    household_id: visit.householdId.toLowerCase(),
    grid_id: household.gridId,
    worker_id: workerId,
    visited_at: normaliseTimestamp(visit.visitedAt)!, // checkVisit refused any other form
    briefed: visit.briefed,
    app_installed: visit.appInstalled,
    call_warning_on: visit.callWarningOn,
    emergency_contact: visit.emergencyContact,
    elderly_child_reminded: visit.elderlyChildReminded,
    note: visit.note,
    geo_lat: visit.geo?.lat ?? null,
    geo_lng: visit.geo?.lng ?? null,
  }
}
