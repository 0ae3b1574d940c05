import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { WeChatGroup } from '#contract/groups'
import { countyIdOf, type RegionLevel } from '#core/regions'
import type { DB } from '../../db/schema'
import { likePrefix, pathUnderAny } from '../../plugins/scope-filter'

/** Which groups a caller may see; see GroupService for why. */
export interface GroupVisibility {
  ownerId: string
  /** Labelled groups under these paths, whoever owns them (admins). */
  regionPaths: readonly string[]
  /** Unlabelled groups first seen from bulletins of these counties, so that they can be claimed. */
  counties: readonly string[]
}

export interface GroupFilter {
  /** Only groups under this region, and the unlabelled ones of its county. */
  regionPath?: string
  unlabelled?: boolean
}

export interface StoredGroup extends WeChatGroup {
  countyId: string
  regionPath: string | null
}

function selectGroups(db: Kysely<DB>) {
  return db
    .selectFrom('wechat_groups as g')
    .leftJoin('regions as r', 'r.id', 'g.region_id')
    .leftJoin('users as u', 'u.id', 'g.owner_id')
    .select(['g.id', 'g.name', 'g.tier', 'g.region_id', 'r.name as region_name', 'r.path', 'g.owner_id', 'u.display_name', 'g.county_id', 'g.first_seen_at', 'g.labelled_at'])
}

type GroupRow = Awaited<ReturnType<ReturnType<typeof selectGroups>['executeTakeFirstOrThrow']>>

function toGroup(r: GroupRow): StoredGroup {
  return {
    id: r.id, name: r.name, tier: r.tier === null ? null : (Number(r.tier) as 1 | 2), regionId: r.region_id, regionName: r.region_name,
    ownerId: r.owner_id, ownerName: r.display_name, firstSeenAt: new Date(r.first_seen_at).toISOString(),
    labelledAt: r.labelled_at ? new Date(r.labelled_at).toISOString() : null, countyId: r.county_id, regionPath: r.path,
  }
}

export class GroupRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findRegion = async (id: string): Promise<{ path: string; level: RegionLevel } | null> =>
    (await this.db.selectFrom('regions').select(['path', 'level']).where('id', '=', id).executeTakeFirst()) ?? null

  findRegionPath = async (id: string): Promise<string | null> => (await this.findRegion(id))?.path ?? null

  async find(id: string): Promise<StoredGroup | null> {
    const row = await selectGroups(this.db).where('g.id', '=', id).executeTakeFirst()
    return row ? toGroup(row) : null
  }

  /** Unlabelled groups first (they wait for a label), then by name. */
  async list(visible: GroupVisibility, filter: GroupFilter): Promise<StoredGroup[]> {
    let query = selectGroups(this.db).where((eb) => {
      const unlabelledIn = (counties: readonly string[]): Expression<SqlBool> =>
        counties.length === 0 ? sql<SqlBool>`false` : eb.and([eb('g.region_id', 'is', null), eb('g.county_id', 'in', [...counties])])
      return eb.or([eb('g.owner_id', '=', visible.ownerId), pathUnderAny('r.path', visible.regionPaths), unlabelledIn(visible.counties)])
    })
    if (filter.regionPath) {
      const county = countyIdOf(filter.regionPath)
      query = query.where((eb) => eb.or([eb('r.path', 'like', likePrefix(filter.regionPath!)), eb.and([eb('g.region_id', 'is', null), eb('g.county_id', '=', county)])]))
    }
    if (filter.unlabelled) query = query.where('g.labelled_at', 'is', null)
    const rows = await query.orderBy(sql`g.labelled_at IS NOT NULL`).orderBy('g.name').orderBy('g.first_seen_at').limit(5000).execute()
    return rows.map(toGroup)
  }

  async label(id: string, label: { name: string; tier: 1 | 2; regionId: string; ownerId: string; at: Date }): Promise<void> {
    await this.db
      .updateTable('wechat_groups')
      .set({ name: label.name, tier: label.tier, region_id: label.regionId, owner_id: label.ownerId, labelled_at: label.at })
      .where('id', '=', id)
      .execute()
  }
}
