import type { SyncBatchResult, SyncItemResult, VisitInput } from '../../../../src/core/door-to-door-api'
import { ERRORS } from '../../../../src/core/errors'
import { canActOn, scopePathsFor } from '../../../../src/core/scope'
import { checkVisit } from '../../../../src/core/visits'
import type { RoleAssignment } from '../../../../src/core/roles'
import type { AppContext } from '../../context'
import { WriteCoalescer } from '../../db/write-coalescer'
import { forbidden } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import { VisitRepo, type NewVisit } from './repo'

/** One uploaded visit with who sent it: items of different callers share a flush. */
interface PendingVisit {
  visit: VisitInput
  workerId: string
  roles: readonly RoleAssignment[]
}

/**
 * How long a lone visit waits for others, and how many share one statement at most. One flush at a time:
 * overlapping flushes would queue on the same household and counter rows anyway (and could lock them in
 * different orders), while one flush leaves the next batch to gather meanwhile.
 */
const COALESCE = { maxItems: 1000, maxWaitMs: 2, maxConcurrent: 1 }

export class VisitService {
  private readonly repo: VisitRepo
  private readonly coalescer: WriteCoalescer<PendingVisit, SyncItemResult>

  constructor(private readonly ctx: AppContext) {
    this.repo = new VisitRepo(ctx.db)
    this.coalescer = new WriteCoalescer((items) => this.store(items), COALESCE)
  }

  /** Every item gets its own answer; one bad visit never holds back the good ones. */
  async syncBatch(caller: SessionUser, visits: readonly VisitInput[]): Promise<SyncBatchResult> {
    if (scopePathsFor(caller.roles, 'visit.write').length === 0) throw forbidden()
    const items = await this.coalescer.submit(visits.map((visit) => ({ visit, workerId: caller.id, roles: caller.roles })))
    return { items }
  }

  /** Waits for visits already accepted into the queue, so that closing the server loses none. */
  drain(): Promise<void> {
    return this.coalescer.drain()
  }

  private async store(items: readonly PendingVisit[]): Promise<SyncItemResult[]> {
    // PostgreSQL answers uuids in lower case; a phone may send them in upper case.
    const households = await this.repo.findHouseholds([...new Set(items.map((i) => i.visit.householdId.toLowerCase()))])
    const now = this.ctx.now()
    const seen = new Set<string>()
    const verdicts = items.map(({ visit, roles, workerId }): SyncItemResult | NewVisit => {
      const household = households.get(visit.householdId.toLowerCase()) ?? null
      const verdict = checkVisit(visit, household, (path) => canActOn(roles, 'visit.write', path), now)
      if (!verdict.ok) return { id: visit.id, status: 'rejected', code: verdict.code, message: ERRORS[verdict.code] }
      // The same id twice in one flush is a retry racing its original: the first one is the visit.
      const key = visit.id.toLowerCase()
      if (seen.has(key)) return { id: visit.id, status: 'duplicate' }
      seen.add(key)
      return toRow(visit, household!, workerId)
    })
    const rows = verdicts.filter((v): v is NewVisit => !('status' in v))
    const stored = await this.repo.storeAndApply(rows)
    return verdicts.map((v, i) => ('status' in v ? v : { id: items[i].visit.id, status: stored.has(v.id) ? 'stored' : 'duplicate' }))
  }
}

function toRow(visit: VisitInput, household: { countyId: string; gridId: string }, workerId: string): NewVisit {
  return {
    id: visit.id.toLowerCase(),
    county_id: household.countyId,
    household_id: visit.householdId.toLowerCase(),
    grid_id: household.gridId,
    worker_id: workerId,
    visited_at: visit.visitedAt,
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
