import type { Kysely, Transaction } from 'kysely'
import type { DB } from './schema'

/** One line of the audit log: who did what to which record, within one county. */
export interface AuditEntry {
  countyId: string | null
  actorId: string
  action: string
  targetType: string
  targetId: string | null
  detail: Record<string, unknown>
  at: Date
}

/**
 * Written in the caller's transaction when there is one, so the record and its audit line stand or fall together.
 * `actorId` null: the system itself, e.g. the first admin's invitation printed by a command.
 */
export async function writeAudit(db: Kysely<DB> | Transaction<DB>, entry: Omit<AuditEntry, 'actorId'> & { actorId: string | null }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      county_id: entry.countyId, actor_id: entry.actorId, action: entry.action, target_type: entry.targetType,
      target_id: entry.targetId, detail: JSON.stringify(entry.detail), created_at: entry.at,
    })
    .execute()
}
