import type { Kysely, Transaction } from 'kysely'
import type { MembershipDetail, MembershipEvent } from '#core/membership'
import type { DB } from '../../db/schema'
import { writeAudit } from '../../db/audit-log'

/** Every grant, removal, move, (de)activation and residence change lands in the user's history. */
export async function auditMembership(
  db: Kysely<DB> | Transaction<DB>,
  entry: { action: MembershipEvent; userId: string; actorId: string | null; countyId: string | null; detail: MembershipDetail; at: Date },
): Promise<void> {
  await writeAudit(db, {
    countyId: entry.countyId, actorId: entry.actorId, action: entry.action, targetType: 'user', targetId: entry.userId,
    detail: { ...entry.detail }, at: entry.at,
  })
}
