import { sql, type Kysely } from 'kysely'
import type { DailyReach, ShareTreeNode } from '#contract/reach'
import type { CadreFacts, RegisteredGroupReach } from '#core/reach'
import { countyIdOf } from '#core/regions'
import type { DB } from '../../db/schema'
import { likePrefix, pathUnderAny } from '../../plugins/scope-filter'
import { regionPathOf } from '../../db/region-path'

export interface ReachBulletin {
  id: string
  regionPath: string
  publishedAt: Date | null
}

export class ReachRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findRegionPath = (id: string): Promise<string | null> => regionPathOf(this.db, id)

  async bulletin(id: string): Promise<ReachBulletin | null> {
    const row = await this.db
      .selectFrom('bulletins')
      .innerJoin('regions', 'regions.id', 'bulletins.region_id')
      .select(['bulletins.id', 'regions.path', 'bulletins.published_at'])
      .where('bulletins.id', '=', id)
      .executeTakeFirst()
    return row ? { id: row.id, regionPath: row.path, publishedAt: row.published_at } : null
  }

  /**
   * Labelled groups under the region with the bulletin's first open in each. The lateral probe walks
   * opens (bulletin_id, group_id, opened_at) once per group, so the cost follows the groups, not the opens.
   */
  async registeredGroups(bulletinId: string, regionPath: string): Promise<RegisteredGroupReach[]> {
    const { rows } = await sql<{ id: string; name: string | null; tier: number; owner_id: string | null; owner_name: string | null; first_open_at: Date | null }>`
      SELECT g.id, g.name, g.tier, g.owner_id, u.display_name AS owner_name, f.first_open_at
      FROM wechat_groups g
      JOIN regions r ON r.id = g.region_id
      LEFT JOIN users u ON u.id = g.owner_id
      LEFT JOIN LATERAL (
        SELECT o.opened_at AS first_open_at FROM opens o
        WHERE o.bulletin_id = ${bulletinId} AND o.group_id = g.id ORDER BY o.opened_at LIMIT 1
      ) f ON true
      WHERE g.tier IS NOT NULL AND r.path LIKE ${likePrefix(regionPath)}`.execute(this.db)
    return rows.map((r) => ({
      groupId: r.id, name: r.name, tier: Number(r.tier) as 1 | 2, ownerId: r.owner_id, ownerName: r.owner_name,
      firstOpenAt: r.first_open_at ? new Date(r.first_open_at) : null,
    }))
  }

  /** Opens and distinct readers from the counters the opens trigger keeps, and shares. */
  async totals(bulletinId: string): Promise<{ opens: number; uniqueReaders: number; shares: number }> {
    const [counted, shares] = await Promise.all([
      this.db.selectFrom('bulletin_reach_totals').select(['opens', 'readers']).where('bulletin_id', '=', bulletinId).executeTakeFirst(),
      sql<{ n: number }>`SELECT count(*)::int AS n FROM shares WHERE bulletin_id = ${bulletinId}`.execute(this.db),
    ])
    return { opens: counted?.opens ?? 0, uniqueReaders: counted?.readers ?? 0, shares: shares.rows[0].n }
  }

  async tree(bulletinId: string): Promise<ShareTreeNode[]> {
    const { rows } = await sql<{ id: string; parent_id: string | null; tier: number; sharer_name: string | null; group_name: string | null; created_at: Date; opens: number }>`
      SELECT s.id, s.parent_id, s.tier, u.display_name AS sharer_name, g.name AS group_name, s.created_at, coalesce(o.n, 0)::int AS opens
      FROM shares s
      LEFT JOIN users u ON u.id = s.sharer_id
      LEFT JOIN wechat_groups g ON g.id = s.group_id
      LEFT JOIN (SELECT share_id, count(*) AS n FROM opens WHERE bulletin_id = ${bulletinId} AND share_id IS NOT NULL GROUP BY share_id) o ON o.share_id = s.id
      WHERE s.bulletin_id = ${bulletinId}
      ORDER BY s.tier, s.created_at, s.id`.execute(this.db)
    return rows.map((r) => ({
      id: r.id, parentId: r.parent_id, tier: Number(r.tier), sharerName: r.sharer_name, groupName: r.group_name,
      createdAt: new Date(r.created_at).toISOString(), opens: r.opens,
    }))
  }

  /**
   * Per day (Beijing time) from `from` to `to`: bulletins published under the paths, and the opens of those
   * bulletins made that day, with the labelled groups of each tier they reached.
   */
  async daily(paths: readonly string[], from: string, to: string): Promise<DailyReach[]> {
    const inScope = this.db
      .selectFrom('bulletins')
      .innerJoin('regions', 'regions.id', 'bulletins.region_id')
      .select(['bulletins.id', 'bulletins.published_at'])
      .where(pathUnderAny('regions.path', paths))
      .where('bulletins.published_at', 'is not', null)
    const { rows } = await sql<{ date: string; bulletins: number; tier1: number; tier2: number; opens: number; readers: number }>`
      WITH b AS (${inScope}),
      days AS (
        SELECT to_char(published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, count(*)::int AS bulletins
        FROM b GROUP BY 1
      ),
      o AS (
        SELECT to_char(o.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date,
               count(*)::int AS opens, count(DISTINCT o.reader_key)::int AS readers,
               count(DISTINCT o.group_id) FILTER (WHERE g.tier = 1)::int AS tier1,
               count(DISTINCT o.group_id) FILTER (WHERE g.tier = 2)::int AS tier2
        FROM opens o JOIN b ON b.id = o.bulletin_id LEFT JOIN wechat_groups g ON g.id = o.group_id
        WHERE o.opened_at >= (${from}::date - 1)::timestamptz AND o.opened_at < (${to}::date + 2)::timestamptz
        GROUP BY 1
      )
      SELECT coalesce(d.date, o.date) AS date, coalesce(d.bulletins, 0) AS bulletins, coalesce(o.tier1, 0) AS tier1,
             coalesce(o.tier2, 0) AS tier2, coalesce(o.opens, 0) AS opens, coalesce(o.readers, 0) AS readers
      FROM days d FULL JOIN o ON o.date = d.date
      WHERE coalesce(d.date, o.date) BETWEEN ${from} AND ${to}`.execute(this.db)
    return rows.map((r) => ({ date: r.date, bulletins: r.bulletins, groupsReached: { tier1: r.tier1, tier2: r.tier2 }, opens: r.opens, uniqueReaders: r.readers }))
  }

  async cadres(paths: readonly string[]): Promise<CadreFacts[]> {
    const rows = await this.db
      .selectFrom('role_assignments')
      .innerJoin('users', 'users.id', 'role_assignments.user_id')
      .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
      .select(['users.id', 'users.display_name', 'regions.name', 'regions.path'])
      .where('role_assignments.role', '=', 'cadre')
      .where(pathUnderAny('regions.path', paths))
      .execute()
    return rows.map((r) => ({ userId: r.id, name: r.display_name, regionName: r.name, regionPath: r.path }))
  }

  /** Bulletins published since `since` whose region covers one of the paths or lies under one. */
  async bulletinsSince(paths: readonly string[], since: Date, until: Date): Promise<{ id: string; regionPath: string }[]> {
    if (paths.length === 0) return []
    const rows = await this.db
      .selectFrom('bulletins')
      .innerJoin('regions', 'regions.id', 'bulletins.region_id')
      .select(['bulletins.id', 'regions.path'])
      .where('bulletins.county_id', 'in', [...new Set(paths.map(countyIdOf))])
      .where('bulletins.published_at', '>=', since)
      .where('bulletins.published_at', '<=', until)
      .execute()
    return rows.map((r) => ({ id: r.id, regionPath: r.path }))
  }

  async sharesBy(userIds: readonly string[], bulletinIds: readonly string[]): Promise<{ sharerId: string; bulletinId: string; createdAt: Date }[]> {
    if (userIds.length === 0 || bulletinIds.length === 0) return []
    const rows = await this.db
      .selectFrom('shares')
      .select(['sharer_id', 'bulletin_id', 'created_at'])
      .where('sharer_id', 'in', [...userIds])
      .where('bulletin_id', 'in', [...bulletinIds])
      .execute()
    return rows.map((r) => ({ sharerId: r.sharer_id!, bulletinId: r.bulletin_id, createdAt: new Date(r.created_at) }))
  }

  /** The groups the users own, each with whether any of the bulletins was opened in it. */
  async ownedGroupsReached(userIds: readonly string[], bulletinIds: readonly string[]): Promise<{ ownerId: string; reached: boolean }[]> {
    if (userIds.length === 0) return []
    const { rows } = await sql<{ owner_id: string; reached: boolean }>`
      SELECT g.owner_id, EXISTS (
        SELECT 1 FROM opens o WHERE o.group_id = g.id AND o.bulletin_id = ANY(${[...bulletinIds]}::uuid[])
      ) AS reached
      FROM wechat_groups g WHERE g.owner_id = ANY(${[...userIds]}::uuid[])`.execute(this.db)
    return rows.map((r) => ({ ownerId: r.owner_id, reached: r.reached }))
  }
}
