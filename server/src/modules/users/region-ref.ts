import type { Kysely, Transaction } from 'kysely'
import { gridTitle, type RegionLevel } from '#core/regions'
import type { DB } from '../../db/schema'

/** A region as membership rules need it, named as people say it: 东胜村第1网格, not just 第1网格. */
export interface RegionRef {
  id: string
  name: string
  path: string
  level: RegionLevel
  countyId: string
  /** The parent's name: the town of a village, the village of a grid. */
  parentName: string | null
}

/** A grid with its village, as everywhere else (core's gridTitle); a village with its town: 柏林镇 东胜村. */
export function spokenName(region: Pick<RegionRef, 'name' | 'level' | 'parentName'>): string {
  if (region.level === 'grid') return gridTitle(region.name, region.parentName)
  return region.level === 'village' && region.parentName ? `${region.parentName} ${region.name}` : region.name
}

export async function findRegionRef(db: Kysely<DB> | Transaction<DB>, id: string): Promise<RegionRef | null> {
  const row = await db
    .selectFrom('regions as r')
    .leftJoin('regions as p', 'p.id', 'r.parent_id')
    .select(['r.id', 'r.name', 'r.path', 'r.level', 'r.county_id', 'p.name as parent_name'])
    .where('r.id', '=', id)
    .executeTakeFirst()
  return row ? { id: row.id, name: row.name, path: row.path, level: row.level, countyId: row.county_id, parentName: row.parent_name } : null
}
