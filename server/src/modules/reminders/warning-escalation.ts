import type { Kysely, Transaction } from 'kysely'
import type { SubscribeTemplateKey } from '#core/bulletin-api'
import { fraudTypeName } from '#core/fraud-types'
import { dedupeKey, warningOverduePayload } from '#core/outbox'
import { RISK_LEVEL_LABELS } from '#core/warnings'
import type { DB } from '../../db/schema'
import { queueInTransaction } from './repo'
import { WarningEscalationRepo, type EscalatedWarning } from './warning-escalation-repo'

export const WARNING_OVERDUE: SubscribeTemplateKey = 'warning_overdue'

/** Warnings escalated per transaction: a backlog after downtime is worked off in several short ones. */
const BATCH = 50

/**
 * Escalates every warning still 待处置 after its time limit, once: marks it, logs an `escalated` event, and queues a
 * 预警超时提醒 to its dissuader and to each admin of a region containing it, all in one transaction per batch.
 * Each message spends one of its recipient's one-time subscriptions; recipients with none left are skipped.
 * Safe to run from several workers at once: a warning is marked by exactly one of them.
 */
export async function escalateOverdueWarnings(deps: { db: Kysely<DB> }, now: Date): Promise<{ escalated: number; queued: number }> {
  const total = { escalated: 0, queued: 0 }
  for (;;) {
    const batch = await deps.db.transaction().execute((trx) => escalateBatch(trx, now))
    total.escalated += batch.escalated
    total.queued += batch.queued
    if (batch.escalated < BATCH) return total
  }
}

async function escalateBatch(trx: Transaction<DB>, now: Date): Promise<{ escalated: number; queued: number }> {
  const repo = new WarningEscalationRepo(trx)
  const warnings = await repo.markOverdue(now, BATCH)
  const ids = warnings.map((w) => w.id)
  await repo.recordEscalated(ids, now)
  const byId = new Map(warnings.map((w) => [w.id, w]))
  let queued = 0
  for (const r of await repo.recipients(ids, WARNING_OVERDUE)) {
    const warning = byId.get(r.warningId) as EscalatedWarning
    const added = await queueInTransaction(trx, {
      countyId: warning.countyId,
      kind: 'warning_overdue',
      dedupeKey: dedupeKey('warning_overdue', warning.id, r.userId),
      userId: r.userId,
      templateKey: WARNING_OVERDUE,
      payload: {
        ...warningOverduePayload({
          warningId: warning.id,
          fraudTypeName: fraudTypeName(warning.fraudType),
          riskLabel: RISK_LEVEL_LABELS[warning.riskLevel],
          contactDueAt: warning.contactDueAt,
          recipient: r.isAssignee ? 'assignee' : 'admin',
        }),
        warningId: warning.id,
      },
    }, now)
    if (added) queued++
  }
  return { escalated: warnings.length, queued }
}
