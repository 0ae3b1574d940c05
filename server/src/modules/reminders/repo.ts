import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { OutboxItem } from '#contract/reminders'
import type { BulletinReminderKind, ReminderKind, SubscribePayload, TimeWindow } from '#core/outbox'
import type { DB } from '../../db/schema'
import { pathUnderAny } from '../../plugins/scope-filter'
import { regionPathOf } from '../../db/region-path'

/** Someone who should be reminded of a bulletin and still has a one-time subscription to spend. */
export interface ReminderCandidate {
  kind: BulletinReminderKind
  bulletinId: string
  countyId: string
  title: string
  publishedAt: Date
  userId: string
  /** bulletin_not_reached: how many of the user's groups have no open of it. */
  unreachedGroups?: number
}

/** What a row carries: the message's page and data, and the bulletin or warning it is about. */
export type OutboxPayload = SubscribePayload & ({ bulletinId: string } | { warningId: string })

export interface NewOutboxRow {
  countyId: string
  kind: ReminderKind
  dedupeKey: string
  userId: string
  templateKey: string
  payload: OutboxPayload
}

/** A row taken by one worker: its lease keeps other workers off it until the outcome is written. */
export interface ClaimedMessage {
  id: string
  userId: string
  openid: string | null
  templateKey: string
  payload: OutboxPayload
  attempts: number
  /** Its bulletin was retracted since it was queued: no one should be asked to forward it any more. */
  bulletinRetracted: boolean
}

/** Thrown inside an enqueue transaction to undo spending the subscription when another worker queued first. */
class AlreadyQueued extends Error {}

/**
 * Spends one of the user's sends and queues the message, inside the caller's transaction. False when nothing
 * is left to spend; throws AlreadyQueued when the same message is already queued, so that the caller's
 * rollback gives the send back.
 */
export async function queueInTransaction(trx: Transaction<DB>, row: NewOutboxRow, now: Date): Promise<boolean> {
  const spent = await trx.updateTable('subscriptions')
    .set({ remaining: sql`remaining - 1`, updated_at: now })
    .where('user_id', '=', row.userId).where('template_key', '=', row.templateKey).where('remaining', '>', 0)
    .returning('remaining')
    .executeTakeFirst()
  if (!spent) return false
  const queued = await trx.insertInto('outbox')
    .values({
      county_id: row.countyId,
      kind: row.kind,
      dedupe_key: row.dedupeKey,
      user_id: row.userId,
      template_key: row.templateKey,
      payload: JSON.stringify(row.payload),
      next_attempt_at: now,
      created_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!queued) throw new AlreadyQueued()
  return true
}

interface CandidateRow {
  bulletin_id: string
  county_id: string
  title: string
  published_at: Date | string
  user_id: string
  unreached?: number
}

const toCandidate = (kind: BulletinReminderKind) => (r: CandidateRow): ReminderCandidate => ({
  kind,
  bulletinId: r.bulletin_id,
  countyId: r.county_id,
  title: r.title,
  publishedAt: new Date(r.published_at),
  userId: r.user_id,
  ...(r.unreached !== undefined && { unreachedGroups: r.unreached }),
})

export class ReminderRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** One more send allowed, in one statement so that two taps at once both count. */
  async addSubscription(userId: string, templateKey: string, now: Date): Promise<number> {
    const row = await this.db.insertInto('subscriptions')
      .values({ user_id: userId, template_key: templateKey, remaining: 1, updated_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'template_key']).doUpdateSet({ remaining: sql`subscriptions.remaining + 1`, updated_at: now }))
      .returning('remaining')
      .executeTakeFirstOrThrow()
    return row.remaining
  }

  async remaining(userId: string, templateKey: string): Promise<number> {
    const row = await this.db.selectFrom('subscriptions').select('remaining')
      .where('user_id', '=', userId).where('template_key', '=', templateKey).executeTakeFirst()
    return row?.remaining ?? 0
  }

  /**
   * Visible bulletins published in the window × subscribed admins and cadres concerned with them: whose region
   * contains the bulletin's region or lies under it, or who own a group under it.
   */
  async publishedCandidates(window: TimeWindow, templateKey: string): Promise<ReminderCandidate[]> {
    const { rows } = await sql<CandidateRow>`
      SELECT b.id AS bulletin_id, b.county_id, v.title, b.published_at, s.user_id
      FROM bulletins b
      JOIN regions br ON br.id = b.region_id
      JOIN bulletin_versions v ON v.bulletin_id = b.id AND v.version = b.current_version
      JOIN subscriptions s ON s.template_key = ${templateKey} AND s.remaining > 0
      JOIN users u ON u.id = s.user_id AND u.openid IS NOT NULL
      WHERE b.published_at > ${window.from} AND b.published_at <= ${window.to} AND b.retracted_at IS NULL
        AND (
          EXISTS (SELECT 1 FROM role_assignments ra JOIN regions r ON r.id = ra.region_id
                  WHERE ra.user_id = s.user_id AND ra.role IN ('admin', 'cadre')
                    AND (starts_with(r.path, br.path) OR starts_with(br.path, r.path)))
          OR EXISTS (SELECT 1 FROM wechat_groups g JOIN regions gr ON gr.id = g.region_id
                     WHERE g.owner_id = s.user_id AND g.county_id = b.county_id AND starts_with(gr.path, br.path))
        )
      ORDER BY b.published_at, s.user_id`.execute(this.db)
    return rows.map(toCandidate('bulletin_published'))
  }

  /** Owners of labelled groups under the bulletin's region that no one has opened it from yet, with how many. */
  async notReachedCandidates(window: TimeWindow, templateKey: string): Promise<ReminderCandidate[]> {
    const { rows } = await sql<CandidateRow>`
      SELECT b.id AS bulletin_id, b.county_id, v.title, b.published_at, g.owner_id AS user_id, count(*)::int AS unreached
      FROM bulletins b
      JOIN regions br ON br.id = b.region_id
      JOIN bulletin_versions v ON v.bulletin_id = b.id AND v.version = b.current_version
      JOIN wechat_groups g ON g.county_id = b.county_id AND g.labelled_at IS NOT NULL AND g.owner_id IS NOT NULL
      JOIN regions gr ON gr.id = g.region_id AND starts_with(gr.path, br.path)
      JOIN subscriptions s ON s.user_id = g.owner_id AND s.template_key = ${templateKey} AND s.remaining > 0
      JOIN users u ON u.id = g.owner_id AND u.openid IS NOT NULL
      WHERE b.published_at > ${window.from} AND b.published_at <= ${window.to} AND b.retracted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM opens o WHERE o.bulletin_id = b.id AND o.group_id = g.id)
      GROUP BY b.id, b.county_id, v.title, b.published_at, g.owner_id
      ORDER BY b.published_at, g.owner_id`.execute(this.db)
    return rows.map(toCandidate('bulletin_not_reached'))
  }

  async existingDedupeKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set()
    const rows = await this.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'in', [...new Set(keys)]).execute()
    return new Set(rows.map((r) => r.dedupe_key))
  }

  /**
   * Spends one of the user's sends and queues the message, both or neither. False when nothing is left to
   * spend or the same reminder is already queued (another worker got there first).
   */
  async enqueue(row: NewOutboxRow, now: Date): Promise<boolean> {
    try {
      return await this.db.transaction().execute((trx) => queueInTransaction(trx, row, now))
    } catch (e) {
      if (e instanceof AlreadyQueued) return false
      throw e
    }
  }

  /**
   * Takes up to `limit` due rows for this worker in one statement: SKIP LOCKED passes over rows another worker
   * is taking, and the lease moves them out of everyone's "due" until `leaseUntil`, so the network call happens
   * outside any transaction and a crashed worker's rows come back by themselves.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    const claimed = await this.db.updateTable('outbox')
      .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil })
      .where('id', 'in', (eb) => eb.selectFrom('outbox').select('id')
        .where('status', '=', 'pending').where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at').orderBy('id').limit(limit)
        .forUpdate().skipLocked())
      .returning([sql<string>`id::text`.as('id'), 'user_id', 'template_key', 'payload', 'attempts'])
      .execute()
    if (claimed.length === 0) return []
    const users = await this.db.selectFrom('users').select(['id', 'openid'])
      .where('id', 'in', [...new Set(claimed.map((c) => c.user_id))]).execute()
    const openids = new Map(users.map((u) => [u.id, u.openid]))
    const payloads = claimed.map((c) => c.payload as OutboxPayload)
    const bulletinIds = [...new Set(payloads.flatMap((p) => ('bulletinId' in p ? [p.bulletinId] : [])))]
    const retracted = bulletinIds.length === 0 ? [] : await this.db.selectFrom('bulletins').select('id')
      .where('id', 'in', bulletinIds).where('retracted_at', 'is not', null).execute()
    const retractedIds = new Set(retracted.map((b) => b.id))
    return claimed.map((c, i) => ({
      id: c.id,
      userId: c.user_id,
      openid: openids.get(c.user_id) ?? null,
      templateKey: c.template_key,
      payload: payloads[i],
      attempts: c.attempts,
      bulletinRetracted: 'bulletinId' in payloads[i] && retractedIds.has(payloads[i].bulletinId),
    }))
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'sent', sent_at: now })
      .where('id', '=', id).where('status', '=', 'pending').execute()
  }

  async markRetry(id: string, nextAttemptAt: Date, errcode: number | null, error: string): Promise<void> {
    await this.db.updateTable('outbox').set({ next_attempt_at: nextAttemptAt, last_errcode: errcode, last_error: error })
      .where('id', '=', id).where('status', '=', 'pending').execute()
  }

  async markFailed(id: string, errcode: number | null, error: string): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'failed', last_errcode: errcode, last_error: error })
      .where('id', '=', id).where('status', '=', 'pending').execute()
  }

  findRegionPath(id: string): Promise<string | null> {
    return regionPathOf(this.db, id)
  }

  /** The newest messages to users holding a role under one of the paths. */
  async list(paths: readonly string[], countyIds: readonly string[], status: OutboxItem['status'] | undefined, limit: number): Promise<OutboxItem[]> {
    let query = this.db.selectFrom('outbox')
      .innerJoin('users', 'users.id', 'outbox.user_id')
      .select([
        sql<string>`outbox.id::text`.as('id'), 'outbox.kind', 'users.display_name', 'outbox.status', 'outbox.attempts',
        'outbox.last_errcode', 'outbox.last_error', 'outbox.created_at', 'outbox.sent_at',
      ])
      .where('outbox.county_id', 'in', [...countyIds])
      .where((eb) => eb.exists(eb.selectFrom('role_assignments')
        .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
        .select(sql`1`.as('one'))
        .whereRef('role_assignments.user_id', '=', 'outbox.user_id')
        .where(pathUnderAny('regions.path', paths))))
    if (status) query = query.where('outbox.status', '=', status)
    const rows = await query.orderBy('outbox.created_at', 'desc').orderBy('outbox.id', 'desc').limit(limit).execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      userName: r.display_name,
      status: r.status,
      attempts: r.attempts,
      lastErrcode: r.last_errcode,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    }))
  }
}
