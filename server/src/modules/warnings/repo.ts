import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely'
import { gridTitle } from '#core/regions'
import type { RiskLevel, WarningProgress, WarningState } from '#core/warnings'
import type { AssigneeCandidate } from '#core/warning-assignment'
import type { WarningEventDraft } from '#core/warning-events'
import type { DB } from '../../db/schema'
import { pathUnderAny } from '../../plugins/scope-filter'
import { writeAudit, type AuditEntry } from '../../db/audit-log'

/** The instruction as received: who is at risk, where, of what, and by when they must be contacted. */
interface WarningFacts {
  countyId: string
  regionId: string
  regionPath: string
  householdId: string | null
  residentName: string
  phoneEnc: string
  phoneLast4: string
  address: string
  fraudType: string
  riskLevel: RiskLevel
  source: string
  amountAtRisk: number | null
  receivedAt: Date
  contactDueAt: Date
}

export interface StoredWarning extends WarningFacts {
  id: string
  regionName: string
  /** The grid of the linked household: where a door-visit task goes. */
  householdRegionId: string | null
  assignee: { id: string; name: string } | null
  state: WarningState
  firstContactAt: Date | null
  closedAt: Date | null
  lossAmount: number | null
  version: number
}

export interface StoredEvent {
  kind: string
  fromState: string | null
  toState: string | null
  actorName: string | null
  note: string
  lossAmount: number | null
  at: Date
}

export interface NewWarning extends WarningFacts {
  /** Chosen by hand; null to pick from the region's dissuaders inside the insert's transaction. */
  assigneeId: string | null
}

export interface DissuaderRow extends AssigneeCandidate {
  regionName: string
}

export interface WarningCriteria {
  state?: WarningState
  risk?: RiskLevel
  overdue?: boolean
  assigneeId?: string
  from?: string
  to?: string
}

export interface NewEvent extends WarningEventDraft {
  actorId: string | null
  at: Date
}

/** Who a new warning goes to, and the events that say so. */
export interface WarningDispatch {
  assigneeId: string | null
  events: WarningEventDraft[]
}

export type StepWrite = { warningId: string; version: number; next: WarningProgress; event: NewEvent; visitTask: { regionId: string; countyId: string } | null }

type Db = Kysely<DB> | Transaction<DB>

const money = (value: string | null) => (value === null ? null : Number(value))
const overdueSql = (now: Date) => sql<SqlBool>`(w.state = 'pending' AND w.contact_due_at < ${now})`

export class WarningRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private selectWarnings(db: Db = this.db) {
    return db.selectFrom('warnings as w')
      .innerJoin('regions as r', 'r.id', 'w.region_id')
      .leftJoin('regions as rp', 'rp.id', 'r.parent_id')
      .leftJoin('users as a', 'a.id', 'w.assignee_id')
      .leftJoin('households as h', 'h.id', 'w.household_id')
      .select([
        'w.id', 'w.county_id', 'w.region_id', 'r.name as region_name', 'r.level as region_level', 'rp.name as region_parent_name', 'r.path', 'w.household_id', 'h.region_id as household_region_id',
        'w.resident_name', 'w.phone_enc', 'w.phone_last4', 'w.address', 'w.fraud_type', 'w.risk_level', 'w.source', 'w.amount_at_risk',
        'w.received_at', 'w.contact_due_at', 'w.assignee_id', 'a.display_name as assignee_name', 'w.state', 'w.first_contact_at', 'w.closed_at',
        'w.loss_amount', 'w.version',
      ])
  }

  async find(id: string): Promise<StoredWarning | null> {
    const row = await this.selectWarnings().where('w.id', '=', id).executeTakeFirst()
    return row ? toWarning(row) : null
  }

  /** Overdue first (the admin's queue), then by deadline. */
  async list(paths: readonly string[], criteria: WarningCriteria, now: Date, page: number, pageSize: number): Promise<{ total: number; items: StoredWarning[] }> {
    const where = matching(paths, criteria, now)
    const [{ total }, rows] = await Promise.all([
      this.db.selectFrom('warnings as w').innerJoin('regions as r', 'r.id', 'w.region_id').select(sql<number>`count(*)::int`.as('total'))
        .where(where).executeTakeFirstOrThrow(),
      this.selectWarnings().where(where).orderBy(overdueSql(now), 'desc').orderBy('w.contact_due_at').orderBy('w.id')
        .limit(pageSize).offset((page - 1) * pageSize).execute(),
    ])
    return { total, items: rows.map(toWarning) }
  }

  /**
   * The dissuader's queue: residents not yet reached first (the time limit runs for them), by deadline; then those
   * contacted and awaiting an outcome; then those closed since `closedSince`, latest first.
   */
  async assignedTo(userId: string, paths: readonly string[], closedSince: Date): Promise<StoredWarning[]> {
    const rows = await this.selectWarnings().where('w.assignee_id', '=', userId).where(pathUnderAny('r.path', paths))
      .where((eb) => eb.or([eb('w.closed_at', 'is', null), eb('w.closed_at', '>=', closedSince)]))
      .orderBy(sql`w.closed_at IS NOT NULL`).orderBy(sql`w.state <> 'pending'`).orderBy('w.contact_due_at').orderBy('w.closed_at', 'desc').orderBy('w.id').limit(500).execute()
    return rows.map(toWarning)
  }

  async deadlines(paths: readonly string[], from: Date, to: Date) {
    const rows = await this.db.selectFrom('warnings as w').innerJoin('regions as r', 'r.id', 'w.region_id')
      .select(['w.risk_level', 'w.state', 'w.contact_due_at', 'w.first_contact_at'])
      .where(pathUnderAny('r.path', paths)).where('w.received_at', '>=', from).where('w.received_at', '<', to).execute()
    return rows.map((r) => ({
      riskLevel: r.risk_level, state: r.state, contactDueAt: new Date(r.contact_due_at), firstContactAt: r.first_contact_at ? new Date(r.first_contact_at) : null,
    }))
  }

  async events(warningId: string): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('warning_events as e').leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.kind', 'e.from_state', 'e.to_state', 'u.display_name', 'e.note', 'e.loss_amount', 'e.at'])
      .where('e.warning_id', '=', warningId).orderBy('e.at').orderBy('e.id').execute()
    return rows.map((r) => ({
      kind: r.kind, fromState: r.from_state, toState: r.to_state, actorName: r.display_name, note: r.note, lossAmount: money(r.loss_amount), at: new Date(r.at),
    }))
  }

  /** Active dissuaders who may handle warnings of the region (their dissuader region contains it), with their open load. */
  async dissuadersFor(regionPath: string, db: Db = this.db): Promise<DissuaderRow[]> {
    const rows = await db.selectFrom('role_assignments as ra')
      .innerJoin('users as u', 'u.id', 'ra.user_id')
      .innerJoin('regions as rr', 'rr.id', 'ra.region_id')
      .select([
        'u.id', 'u.display_name', 'rr.name', 'rr.path',
        sql<number>`(SELECT count(*)::int FROM warnings o WHERE o.assignee_id = u.id AND o.closed_at IS NULL)`.as('open_warnings'),
      ])
      .where('ra.role', '=', 'dissuader').where('u.deactivated_at', 'is', null).where(sql<SqlBool>`left(${regionPath}, length(rr.path)) = rr.path`)
      .orderBy(sql`length(rr.path)`, 'desc').execute()
    // A dissuader of both a village and its town is listed once, under the nearer region.
    const byId = new Map<string, DissuaderRow>()
    for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, { id: r.id, name: r.display_name, regionName: r.name, openWarnings: r.open_warnings })
    return [...byId.values()]
  }

  /**
   * Inserts the warnings with their events (and the audit entry, if any) in one transaction. `dispatch` decides each one's
   * assignee from its region's dissuaders as read inside this transaction, so that their load is current.
   */
  async insertAll(
    warnings: readonly NewWarning[],
    dispatch: (candidatesOf: (regionPath: string) => DissuaderRow[]) => WarningDispatch[],
    actorId: string,
    now: Date,
    audit?: AuditEntry,
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const candidatesOf = new Map<string, DissuaderRow[]>()
      for (const path of new Set(warnings.map((w) => w.regionPath))) candidatesOf.set(path, await this.dissuadersFor(path, trx))
      const dispatches = dispatch((path) => candidatesOf.get(path) ?? [])
      const ids: string[] = []
      for (const [i, w] of warnings.entries()) {
        const { id } = await trx.insertInto('warnings').values({
          county_id: w.countyId, region_id: w.regionId, household_id: w.householdId, resident_name: w.residentName, phone_enc: w.phoneEnc,
          phone_last4: w.phoneLast4, address: w.address, fraud_type: w.fraudType, risk_level: w.riskLevel, source: w.source,
          amount_at_risk: w.amountAtRisk, received_at: w.receivedAt, contact_due_at: w.contactDueAt, assignee_id: dispatches[i].assigneeId,
          created_by: actorId, created_at: now,
        }).returning('id').executeTakeFirstOrThrow()
        for (const event of dispatches[i].events) await insertEvent(trx, id, { ...event, actorId, at: now })
        ids.push(id)
      }
      if (audit) await writeAudit(trx, audit)
      return ids
    })
  }

  /**
   * One step, only if nobody else stepped since the caller looked: the UPDATE matches the version the caller saw.
   * On PostgreSQL a concurrent step waits for the row lock and then finds the version moved on: 0 rows, false.
   * 无法联系 opens a door-visit task in the same transaction unless one is open already.
   */
  async step(s: StepWrite): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('warnings')
        .set({
          state: s.next.state, first_contact_at: s.next.firstContactAt, closed_at: s.next.closedAt, loss_amount: s.next.lossAmount,
          version: sql`version + 1`,
        })
        .where('id', '=', s.warningId).where('version', '=', s.version).returning('address').executeTakeFirst()
      if (!updated) return false
      await insertEvent(trx, s.warningId, s.event)
      if (s.visitTask) {
        const household = await trx.selectFrom('warnings').select('household_id').where('id', '=', s.warningId).executeTakeFirstOrThrow()
        await trx.insertInto('visit_tasks').values({
          county_id: s.visitTask.countyId, region_id: s.visitTask.regionId, household_id: household.household_id, warning_id: s.warningId,
          reason: 'warning_unreachable', address: updated.address, created_at: s.event.at,
        }).onConflict((oc) => oc.column('warning_id').where('done_at', 'is', null).doNothing()).execute()
      }
      return true
    })
  }

  async reassign(warningId: string, assigneeId: string, event: NewEvent): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('warnings').set({ assignee_id: assigneeId }).where('id', '=', warningId).execute()
      await insertEvent(trx, warningId, event)
    })
  }

  async audit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.db, entry)
  }

  async regionsByIds(ids: readonly string[]): Promise<Map<string, { path: string; countyId: string }>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db.selectFrom('regions').select(['id', 'path', 'county_id']).where('id', 'in', [...new Set(ids)]).execute()
    return new Map(rows.map((r) => [r.id, { path: r.path, countyId: r.county_id }]))
  }

  async regionPath(id: string): Promise<string | null> {
    return (await this.regionsByIds([id])).get(id)?.path ?? null
  }

  /** Households by door code, with the path of their grid. */
  async householdsByCodes(codes: readonly string[]): Promise<Map<string, { id: string; regionPath: string }>> {
    if (codes.length === 0) return new Map()
    const rows = await this.db.selectFrom('households as h').innerJoin('regions as r', 'r.id', 'h.region_id').select(['h.id', 'h.code', 'r.path'])
      .where('h.code', 'in', [...new Set(codes)]).execute()
    return new Map(rows.map((r) => [r.code, { id: r.id, regionPath: r.path }]))
  }
}

async function insertEvent(db: Db, warningId: string, e: NewEvent): Promise<void> {
  await db.insertInto('warning_events').values({
    warning_id: warningId, kind: e.kind, from_state: e.fromState, to_state: e.toState, actor_id: e.actorId, note: e.note, loss_amount: e.lossAmount, at: e.at,
  }).execute()
}

function matching(paths: readonly string[], c: WarningCriteria, now: Date): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [pathUnderAny('r.path', paths)]
  if (c.state) all.push(sql<SqlBool>`w.state = ${c.state}`)
  if (c.risk) all.push(sql<SqlBool>`w.risk_level = ${c.risk}`)
  if (c.overdue !== undefined) all.push(c.overdue ? overdueSql(now) : sql<SqlBool>`NOT ${overdueSql(now)}`)
  if (c.assigneeId) all.push(sql<SqlBool>`w.assignee_id = ${c.assigneeId}`)
  if (c.from) all.push(sql<SqlBool>`w.received_at >= ${new Date(c.from)}`)
  if (c.to) all.push(sql<SqlBool>`w.received_at < ${new Date(c.to)}`)
  return sql<SqlBool>`(${sql.join(all, sql` AND `)})`
}

type WarningRow = Awaited<ReturnType<ReturnType<WarningRepo['selectWarnings']>['executeTakeFirstOrThrow']>>

function toWarning(r: WarningRow): StoredWarning {
  const at = (d: Date | string | null) => (d === null ? null : new Date(d))
  return {
    id: r.id, countyId: r.county_id, regionId: r.region_id,
    regionName: r.region_level === 'grid' ? gridTitle(r.region_name, r.region_parent_name) : r.region_name, regionPath: r.path, householdId: r.household_id,
    householdRegionId: r.household_region_id, residentName: r.resident_name, phoneEnc: r.phone_enc, phoneLast4: r.phone_last4, address: r.address,
    fraudType: r.fraud_type, riskLevel: r.risk_level, source: r.source, amountAtRisk: money(r.amount_at_risk), receivedAt: new Date(r.received_at),
    contactDueAt: new Date(r.contact_due_at), assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null, state: r.state,
    firstContactAt: at(r.first_contact_at), closedAt: at(r.closed_at), lossAmount: money(r.loss_amount), version: r.version,
  }
}
