import type { Insertable, Kysely } from 'kysely'
import { countyIdOf } from '#core/regions'
import type { DB, PrizesTable, UsersTable } from '../db/schema'
import { DEMO_PERSONAS } from './demo-personas'

const DAY_MS = 24 * 3600_000
const PICKUP_PLACE = '柏林派出所警务室'

/** The two demo prizes of a town: a bag for good scores, and a fan anyone may take once (the e2e flow claims it). */
export function demoPrizeRows(townId: string, countyId: string, createdBy: string, now: Date): Insertable<PrizesTable>[] {
  const common = { county_id: countyId, region_id: townId, per_user_limit: 1, min_streak: null, valid_from: now, valid_to: new Date(now.getTime() + 60 * DAY_MS), pickup_place: PICKUP_PLACE, created_by: createdBy }
  return [
    { ...common, name: '防骗手提袋', description: '印有“不听不信不转账”的帆布手提袋，每日答题得 80 分以上可领', stock: 20, min_score: 80 },
    { ...common, name: '反诈宣传折扇', description: '印有反诈口诀的折扇，参加学习即可领取，每人限领 1 把', stock: 100, min_score: null },
  ]
}

export async function insertDemoPrizes(db: Kysely<DB>, opts: { townId: string; createdBy: string; now: Date }): Promise<number> {
  const town = await db.selectFrom('regions').select('path').where('id', '=', opts.townId).executeTakeFirstOrThrow()
  const rows = demoPrizeRows(opts.townId, countyIdOf(town.path), opts.createdBy, opts.now)
  await db.insertInto('prizes').values(rows).execute()
  return rows.length
}

/**
 * Writes the demo prizes of the demo admin's town once the users exist (inside the seed's transaction). Skipped
 * when the demo admin or its town was left out, as in a partial seed for benchmarks.
 */
export async function seedDemoPrizes(db: Kysely<DB>, users: readonly Insertable<UsersTable>[], now: Date): Promise<number> {
  const townId = DEMO_PERSONAS.find((p) => p.id === 'police')?.roles.find((r) => r.role === 'admin')?.regionId
  const author = users.find((u) => u.demo_persona === 'police')
  if (!townId || !author?.id) return 0
  return insertDemoPrizes(db, { townId, createdBy: author.id, now })
}
