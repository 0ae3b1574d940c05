import { sql, type Kysely } from 'kysely'
import type { VisitTask } from '#contract/visit-tasks'
import type { RiskLevel } from '#core/warnings'
import type { DB } from '../../db/schema'
import { selectHouseholdRecords, toHouseholdRecord } from '../households/household-records'
import type { HouseholdRecord } from '../households/repo'

/** A task row with what its reason text and scope check need: its region's path and its warning's type and risk. */
export interface VisitTaskRecord {
  id: string
  regionId: string
  regionPath: string
  householdId: string | null
  warningId: string | null
  reason: VisitTask['reason']
  address: string
  createdAt: Date
  doneAt: Date | null
  warning: { fraudType: string; riskLevel: RiskLevel } | null
}

function selectTasks(db: Kysely<DB>) {
  return db.selectFrom('visit_tasks as t')
    .innerJoin('regions as r', 'r.id', 't.region_id')
    .leftJoin('warnings as w', 'w.id', 't.warning_id')
    .select([
      't.id', 't.region_id', 'r.path', 't.household_id', 't.warning_id', 't.reason', 't.address', 't.created_at', 't.done_at',
      'w.fraud_type', 'w.risk_level',
    ])
}

export class VisitTaskRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async findById(id: string): Promise<VisitTaskRecord | undefined> {
    const row = await selectTasks(this.db).where('t.id', '=', id).executeTakeFirst()
    return row && toRecord(row)
  }

  /** Open tasks of the region at `gridPath` or of a region above it, oldest first. */
  async openAtOrAbove(gridPath: string): Promise<VisitTaskRecord[]> {
    const rows = await selectTasks(this.db)
      .where('t.done_at', 'is', null)
      .where(sql<boolean>`starts_with(${gridPath}, r.path)`)
      .orderBy('t.created_at').orderBy('t.id')
      .execute()
    return rows.map(toRecord)
  }

  /** Marks the task done unless it already is: a second tap keeps the first worker's note and time. */
  async markDone(id: string, userId: string, note: string, now: Date): Promise<void> {
    await this.db.updateTable('visit_tasks')
      .set({ done_at: now, done_by: userId, done_note: note })
      .where('id', '=', id).where('done_at', 'is', null)
      .execute()
  }

  async households(ids: readonly string[]): Promise<Map<string, HouseholdRecord>> {
    if (ids.length === 0) return new Map()
    const rows = await selectHouseholdRecords(this.db).where('households.id', 'in', [...new Set(ids)]).execute()
    return new Map(rows.map((r) => [r.id, toHouseholdRecord(r)]))
  }
}

type Row = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>

function toRecord(r: Row): VisitTaskRecord {
  return {
    id: r.id,
    regionId: r.region_id,
    regionPath: r.path,
    householdId: r.household_id,
    warningId: r.warning_id,
    reason: r.reason as VisitTask['reason'],
    address: r.address,
    createdAt: new Date(r.created_at),
    doneAt: r.done_at ? new Date(r.done_at) : null,
    warning: r.fraud_type && r.risk_level ? { fraudType: r.fraud_type, riskLevel: r.risk_level } : null,
  }
}
