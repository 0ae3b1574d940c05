import type { Kysely } from 'kysely'
import { bulletinReminderPayload, dedupeKey, reminderWindows, type SubscribeTemplateKey } from '#core/outbox'
import type { Config } from '../../config'
import type { DB } from '../../db/schema'
import { ReminderRepo } from './repo'

export const BULLETIN_REMINDER: SubscribeTemplateKey = 'bulletin_reminder'

/**
 * Queues the bulletin reminders due at `now`: one when a bulletin is published, to every concerned admin and
 * cadre, and one REMINDER_AFTER_HOURS later to each owner of groups it has not reached. Each queued message
 * spends one of its recipient's one-time subscriptions; recipients with none left are skipped, not failed.
 * Safe to run from several workers at once: the dedupe key lets only one of them queue a given reminder.
 */
export async function enqueueDueReminders(deps: { db: Kysely<DB>; config: Config }, now: Date): Promise<{ queued: number }> {
  const repo = new ReminderRepo(deps.db)
  const windows = reminderWindows(now, deps.config.reminderAfterHours)
  const candidates = [
    ...(await repo.publishedCandidates(windows.bulletin_published, BULLETIN_REMINDER)),
    ...(await repo.notReachedCandidates(windows.bulletin_not_reached, BULLETIN_REMINDER)),
  ].map((c) => ({ ...c, dedupeKey: dedupeKey(c.kind, c.bulletinId, c.userId) }))
  const existing = await repo.existingDedupeKeys(candidates.map((c) => c.dedupeKey))
  let queued = 0
  for (const c of candidates.filter((x) => !existing.has(x.dedupeKey))) {
    const added = await repo.enqueue({
      countyId: c.countyId,
      kind: c.kind,
      dedupeKey: c.dedupeKey,
      userId: c.userId,
      templateKey: BULLETIN_REMINDER,
      payload: { ...bulletinReminderPayload(c), bulletinId: c.bulletinId },
    }, now)
    if (added) queued++
  }
  return { queued }
}
