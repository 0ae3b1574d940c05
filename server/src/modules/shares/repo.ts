import { sql, type Kysely } from 'kysely'
import { MAX_SHARE_DEPTH, type ShareLink } from '#core/share-tree'
import type { DB } from '../../db/schema'

export interface BulletinState {
  id: string
  countyId: string
  regionPath: string
  publishedAt: Date | null
  retractedAt: Date | null
}

export interface GroupRef {
  id: string
  name: string | null
  tier: 1 | 2 | null
}

/** Who shared or opened: a signed-in user, or the device id of an anonymous reader. */
export interface Sharer {
  userId: string | null
  readerKey: string
}

export interface NewShare {
  id: string
  bulletinId: string
  countyId: string
  parentId: string | null
  tier: number
  sharer: Sharer
  groupId: string | null
}

export interface NewOpen {
  bulletinId: string
  countyId: string
  shareId: string | null
  groupId: string | null
  readerKey: string
  scene: number | null
  openedAt: Date
}

export interface StoredOpen {
  counted: boolean
  shareKept: boolean
}

export class ShareRepo {
  constructor(protected readonly db: Kysely<DB>) {}

  async bulletin(id: string): Promise<BulletinState | null> {
    const row = await this.db
      .selectFrom('bulletins')
      .innerJoin('regions', 'regions.id', 'bulletins.region_id')
      .select(['bulletins.id', 'bulletins.county_id', 'regions.path', 'bulletins.published_at', 'bulletins.retracted_at'])
      .where('bulletins.id', '=', id)
      .executeTakeFirst()
    if (!row) return null
    return { id: row.id, countyId: row.county_id, regionPath: row.path, publishedAt: row.published_at, retractedAt: row.retracted_at }
  }

  /**
   * The share and its ancestors, nearest first, with the bulletin of the first. Stops one link past the
   * deepest allowed chain, so that a corrupt cycle cannot run the query forever.
   */
  async ancestry(shareId: string): Promise<{ bulletinId: string; chain: ShareLink[] } | null> {
    const { rows } = await sql<{ id: string; parent_id: string | null; tier: number; bulletin_id: string }>`
      WITH RECURSIVE chain AS (
        SELECT id, parent_id, tier, bulletin_id, 1 AS depth FROM shares WHERE id = ${shareId}
        UNION ALL
        SELECT s.id, s.parent_id, s.tier, s.bulletin_id, c.depth + 1
        FROM shares s JOIN chain c ON s.id = c.parent_id
        WHERE c.depth <= ${MAX_SHARE_DEPTH}
      )
      SELECT id, parent_id, tier, bulletin_id FROM chain ORDER BY depth`.execute(this.db)
    if (rows.length === 0) return null
    return { bulletinId: rows[0].bulletin_id, chain: rows.map((r) => ({ id: r.id, parentId: r.parent_id, tier: Number(r.tier) })) }
  }

  /** A sharer sharing again from the same place gets the same share back: one node per sharer and parent. */
  async ownShare(bulletinId: string, sharer: Sharer, parentId: string | null): Promise<{ id: string; tier: number } | null> {
    let query = this.db.selectFrom('shares').select(['id', 'tier']).where('bulletin_id', '=', bulletinId)
    query = sharer.userId ? query.where('sharer_id', '=', sharer.userId) : query.where('sharer_id', 'is', null).where('reader_key', '=', sharer.readerKey)
    query = parentId ? query.where('parent_id', '=', parentId) : query.where('parent_id', 'is', null)
    const row = await query.orderBy('created_at').limit(1).executeTakeFirst()
    return row ? { id: row.id, tier: Number(row.tier) } : null
  }

  /** The group the sharer opened the bulletin from through that share, which is where the card is forwarded from. */
  async groupOpenedFrom(bulletinId: string, readerKey: string, shareId: string | null): Promise<string | null> {
    let query = this.db
      .selectFrom('opens')
      .select('group_id')
      .where('bulletin_id', '=', bulletinId)
      .where('reader_key', '=', readerKey)
      .where('group_id', 'is not', null)
    query = shareId ? query.where('share_id', '=', shareId) : query
    const row = await query.orderBy('opened_at', 'desc').limit(1).executeTakeFirst()
    return row?.group_id ?? null
  }

  /** Holds the bulletin's row until the transaction ends: two station staff sharing at once make one tier-0 share. */
  async lockBulletin(bulletinId: string): Promise<void> {
    await this.db.selectFrom('bulletins').select('id').where('id', '=', bulletinId).forUpdate().execute()
  }

  async stationShareExists(bulletinId: string): Promise<boolean> {
    const row = await this.db.selectFrom('shares').select('id').where('bulletin_id', '=', bulletinId).where('tier', '=', 0).limit(1).executeTakeFirst()
    return row !== undefined
  }

  async insertShare(s: NewShare): Promise<void> {
    await this.db
      .insertInto('shares')
      .values({
        id: s.id, bulletin_id: s.bulletinId, county_id: s.countyId, parent_id: s.parentId, tier: s.tier,
        sharer_id: s.sharer.userId, reader_key: s.sharer.userId ? null : s.sharer.readerKey, group_id: s.groupId,
      })
      .execute()
  }

  /** The sealed WeChat session keys of these sessions, in the order asked (null: none stored). */
  async sessionKeysEnc(tokenHashes: readonly string[]): Promise<(string | null)[]> {
    const rows = await this.db.selectFrom('sessions').select(['token_hash', 'session_key_enc']).where('token_hash', 'in', [...new Set(tokenHashes)]).execute()
    const byHash = new Map(rows.map((r) => [r.token_hash, r.session_key_enc]))
    return tokenHashes.map((h) => byHash.get(h) ?? null)
  }

  /**
   * The group with this opengid, registered under the bulletin's county the first time it is seen. Looked up
   * first: nearly every open is from a known group, and an upsert would rewrite its row each time.
   */
  async registerGroup(opengid: string, countyId: string, seenAt: Date): Promise<GroupRef> {
    const find = () => this.db.selectFrom('wechat_groups').select(['id', 'name', 'tier']).where('opengid', '=', opengid).executeTakeFirst()
    const row =
      (await find()) ??
      (await this.db.insertInto('wechat_groups').values({ opengid, county_id: countyId, first_seen_at: seenAt })
        .onConflict((oc) => oc.column('opengid').doNothing()).returning(['id', 'name', 'tier']).executeTakeFirst()) ??
      (await find())! // another open registered it between our two statements
    return { id: row.id, name: row.name, tier: row.tier === null ? null : (Number(row.tier) as 1 | 2) }
  }

  /**
   * Stores the opens not stored before, in one statement, and answers for each whether it counted (it was new) and
   * whether its share was kept: a share id that is not a share of the same bulletin is dropped, the open still counts.
   */
  async storeOpens(opens: readonly NewOpen[]): Promise<StoredOpen[]> {
    // The same open twice in one statement: the first is the open, the second a repeat.
    const first = new Map<string, number>()
    opens.forEach((o, i) => {
      const key = openKey(o.bulletinId, o.readerKey, o.groupId)
      if (!first.has(key)) first.set(key, i)
    })
    const stored = await this.insertNewOpens([...first.values()].map((i) => opens[i]))
    return opens.map((o, i) => {
      const key = openKey(o.bulletinId, o.readerKey, o.groupId)
      const row = first.get(key) === i ? stored.get(key) : undefined
      return { counted: row !== undefined, shareKept: row?.shareId != null }
    })
  }

  private async insertNewOpens(opens: readonly NewOpen[]): Promise<Map<string, { shareId: string | null }>> {
    if (opens.length === 0) return new Map()
    const column = <K extends keyof NewOpen>(key: K) => opens.map((o) => o[key] ?? null)
    const { rows } = await sql<{ bulletin_id: string; reader_key: string; group_id: string | null; share_id: string | null }>`
      INSERT INTO opens (bulletin_id, county_id, share_id, group_id, reader_key, scene, opened_at)
      SELECT u.bulletin_id, u.county_id, s.id, u.group_id, u.reader_key, u.scene, u.opened_at
      FROM unnest(${column('bulletinId')}::uuid[], ${column('countyId')}::text[], ${column('shareId')}::text[],
                  ${column('groupId')}::uuid[], ${column('readerKey')}::text[], ${column('scene')}::int[],
                  ${column('openedAt')}::timestamptz[])
           AS u (bulletin_id, county_id, share_id, group_id, reader_key, scene, opened_at)
      LEFT JOIN shares s ON s.id = u.share_id AND s.bulletin_id = u.bulletin_id
      ON CONFLICT (bulletin_id, reader_key, group_id) DO NOTHING
      RETURNING bulletin_id, reader_key, group_id, share_id`.execute(this.db)
    return new Map(rows.map((r) => [openKey(r.bulletin_id, r.reader_key, r.group_id), { shareId: r.share_id }]))
  }
}

/** What makes an open unique: one per bulletin, reader and group (or no group). */
export const openKey = (bulletinId: string, readerKey: string, groupId: string | null) => `${bulletinId}|${readerKey}|${groupId ?? ''}`
