import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { countyIdOf } from '@/core/regions'
import type { Role } from '@/core/roles'
import type { DB } from '../../../server/src/db/schema'
import { aUser } from './factories'

/**
 * Bulletins, groups, opens and subscriptions made straight in SQL, so that reminder tests do not depend on
 * the bulletin, share and group modules.
 */

async function countyOf(db: Kysely<DB>, regionId: string): Promise<string> {
  const region = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow()
  return countyIdOf(region.path)
}

export async function aBulletin(
  db: Kysely<DB>,
  opts: { regionId: string; authorId: string; publishedAt: Date | null; retractedAt?: Date; title?: string },
): Promise<{ id: string; title: string }> {
  const title = opts.title ?? '柏林镇电信网络诈骗警情通报'
  const row = await db.insertInto('bulletins')
    .values({
      county_id: await countyOf(db, opts.regionId),
      region_id: opts.regionId,
      bulletin_date: '2026-11-28',
      published_at: opts.publishedAt,
      retracted_at: opts.retractedAt ?? null,
      retracted_by: opts.retractedAt ? opts.authorId : null,
      retract_reason: opts.retractedAt ? '内容有误' : null,
      created_by: opts.authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('bulletin_versions')
    .values({ bulletin_id: row.id, version: 1, title, cases: '[]', advice: '不轻信、不转账', edited_by: opts.authorId })
    .execute()
  return { id: row.id, title }
}

export async function aGroup(
  db: Kysely<DB>,
  opts: { regionId: string; ownerId: string | null; labelled?: boolean },
): Promise<{ id: string }> {
  const labelled = opts.labelled ?? true
  return db.insertInto('wechat_groups')
    .values({
      county_id: await countyOf(db, opts.regionId),
      opengid: `G${randomBytes(12).toString('hex')}`,
      name: labelled ? '东村平安群' : null,
      tier: labelled ? 2 : null,
      region_id: labelled ? opts.regionId : null,
      owner_id: opts.ownerId,
      labelled_at: labelled ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function anOpen(db: Kysely<DB>, opts: { bulletinId: string; groupId: string; at: Date }): Promise<void> {
  const bulletin = await db.selectFrom('bulletins').select('county_id').where('id', '=', opts.bulletinId).executeTakeFirstOrThrow()
  await db.insertInto('opens')
    .values({ bulletin_id: opts.bulletinId, county_id: bulletin.county_id, group_id: opts.groupId, reader_key: `d:${randomBytes(8).toString('hex')}`, opened_at: opts.at })
    .execute()
}

/** A user with a WeChat openid and, unless `remaining` is 0, that many bulletin reminders allowed. */
export async function aSubscriber(
  db: Kysely<DB>,
  opts: { role: Role; regionId: string; remaining?: number; displayName?: string; openid?: string | null },
): Promise<{ id: string; displayName: string; openid: string | null }> {
  const openid = opts.openid === undefined ? `o${randomBytes(12).toString('hex')}` : opts.openid
  const user = await aUser(db, { displayName: opts.displayName ?? '王村干', roles: [{ role: opts.role, regionId: opts.regionId }], ...(openid && { openid }) })
  const remaining = opts.remaining ?? 1
  if (remaining > 0) {
    await db.insertInto('subscriptions').values({ user_id: user.id, template_key: 'bulletin_reminder', remaining }).execute()
  }
  return { ...user, openid }
}

export async function remainingOf(db: Kysely<DB>, userId: string): Promise<number | null> {
  const row = await db.selectFrom('subscriptions').select('remaining')
    .where('user_id', '=', userId).where('template_key', '=', 'bulletin_reminder').executeTakeFirst()
  return row?.remaining ?? null
}

export async function outboxRows(db: Kysely<DB>) {
  return db.selectFrom('outbox').selectAll().orderBy('id').execute()
}
