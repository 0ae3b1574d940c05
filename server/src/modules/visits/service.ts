import type { SyncBatchResult, SyncItemResult } from '#contract/common'
import type { VisitInput } from '#contract/visits'
import { ERRORS } from '#core/errors'
import { canActOn, scopePathsFor } from '#core/scope'
import { normaliseTimestamp } from '#core/timestamp'
import { checkVisit } from '#core/visits'
import type { AppContext } from '../../context'
import { checklistRow } from '../../db/checklist-columns'
import { mayBeItemsFault } from '../../db/isolate-failures'
import { forbidden } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import type { NewVisit, VisitRepository } from './repo'

/** One visit's answer, or `misplaced`: its remembered household has moved, check it again. */
type Attempt = SyncItemResult | { id: string; status: 'misplaced' }

export class VisitService {
  private readonly syncing = new Set<Promise<SyncBatchResult>>()

  constructor(private readonly ctx: AppContext, private readonly repo: VisitRepository) {}

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
    const retried = await this.tryStore(caller, misplaced)
    let next = 0
    const items = attempts.map((attempt) => (attempt.status === 'misplaced' ? retried[next++] : attempt))
    return { items: items.map((item) => (item.status === 'misplaced' ? movedMeanwhile(item.id) : item)) }
  }

  /** Checks each visit against its household and stores those that pass. */
  private async tryStore(caller: SessionUser, visits: readonly VisitInput[]): Promise<Attempt[]> {
    // PostgreSQL answers uuids in lower case; a phone may send them in upper case.
    const households = await this.repo.householdsByIds(visits.map((visit) => visit.householdId.toLowerCase()))
    const now = this.ctx.now()
    const verdicts = visits.map((visit, i): SyncItemResult | NewVisit => {
      const verdict = checkVisit(visit, households[i], (path) => canActOn(caller.roles, 'visit.write', path), now)
      if (!verdict.ok) return { id: visit.id, status: 'rejected', code: verdict.code, message: ERRORS[verdict.code] }
      return toRow(visit, households[i]!, caller.id)
    })
    const outcomes = await this.repo.insertIdempotent(verdicts.filter((v): v is NewVisit => !('status' in v)))
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
    ...checklistRow(visit),
    note: visit.note,
    geo_lat: visit.geo?.lat ?? null,
    geo_lng: visit.geo?.lng ?? null,
  }
}
