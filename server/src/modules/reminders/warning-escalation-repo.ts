import { sql, type Transaction } from 'kysely'
import type { RiskLevel } from '#core/warnings'
import type { DB } from '../../db/schema'

/** A pending warning past its time limit, just marked escalated by this worker. */
export interface EscalatedWarning {
  id: string
  countyId: string
  fraudType: string
  riskLevel: RiskLevel
  contactDueAt: Date
}

/** Someone to remind of an escalated warning who still has a warning_overdue send to spend. */
export interface OverdueRecipient {
  warningId: string
  userId: string
  isAssignee: boolean
}

/** SQL of the escalation; every statement runs in the caller's transaction so that marking and queuing go together. */
export class WarningEscalationRepo {
  constructor(private readonly trx: Transaction<DB>) {}

  /**
   * Marks up to `limit` overdue pending warnings escalated and returns them. SKIP LOCKED passes over rows another
   * worker is marking, and the repeated `escalated_at IS NULL` makes a row it has just marked count only once.
   */
  async markOverdue(now: Date, limit: number): Promise<EscalatedWarning[]> {
    const rows = await this.trx.updateTable('warnings')
      .set({ escalated_at: now })
      .where('id', 'in', (eb) => eb.selectFrom('warnings').select('id')
        .where('state', '=', 'pending').where('escalated_at', 'is', null).where('contact_due_at', '<=', now)
        .orderBy('contact_due_at').orderBy('id').limit(limit)
        .forUpdate().skipLocked())
      .where('state', '=', 'pending').where('escalated_at', 'is', null)
      .returning(['id', 'county_id', 'fraud_type', 'risk_level', 'contact_due_at'])
      .execute()
    return rows.map((r) => ({
      id: r.id, countyId: r.county_id, fraudType: r.fraud_type, riskLevel: r.risk_level, contactDueAt: new Date(r.contact_due_at),
    }))
  }

  /** The state does not change: escalation is the system's note that the limit passed, with no one as actor. */
  async recordEscalated(warningIds: readonly string[], now: Date): Promise<void> {
    if (warningIds.length === 0) return
    await this.trx.insertInto('warning_events')
      .values(warningIds.map((id) => ({ warning_id: id, kind: 'escalated', from_state: null, to_state: null, actor_id: null, at: now })))
      .execute()
  }

  /** The assignee and every admin whose region contains the warning's, with a WeChat openid and a send left. */
  async recipients(warningIds: readonly string[], templateKey: string): Promise<OverdueRecipient[]> {
    if (warningIds.length === 0) return []
    const { rows } = await sql<{ warning_id: string; user_id: string; is_assignee: boolean }>`
      SELECT w.id AS warning_id, s.user_id, (s.user_id = w.assignee_id) IS TRUE AS is_assignee
      FROM warnings w
      JOIN regions wr ON wr.id = w.region_id
      JOIN subscriptions s ON s.template_key = ${templateKey} AND s.remaining > 0
      JOIN users u ON u.id = s.user_id AND u.openid IS NOT NULL
      WHERE w.id IN (${sql.join(warningIds)})
        AND (s.user_id = w.assignee_id
             OR EXISTS (SELECT 1 FROM role_assignments ra JOIN regions r ON r.id = ra.region_id
                        WHERE ra.user_id = s.user_id AND ra.role = 'admin' AND starts_with(wr.path, r.path)))
      ORDER BY w.contact_due_at, w.id, s.user_id`.execute(this.trx)
    return rows.map((r) => ({ warningId: r.warning_id, userId: r.user_id, isAssignee: r.is_assignee }))
  }
}
