import type { Kysely } from 'kysely'
import { regionPath, shortRegionName } from '#core/regions'
import type { DB, NewRegion } from '../db/schema'
import { readJiangjinRegions } from './jiangjin-regions'

/**
 * A fresh install may have no regions at all. When the station names a division the repository carries
 * (重庆市江津区 and its towns and villages), its whole county is written down to the villages; grids come later
 * from the region import. True when the region exists afterwards.
 */
export async function ensureBundledRegion(db: Kysely<DB>, code: string): Promise<boolean> {
  if (await db.selectFrom('regions').select('id').where('id', '=', code).executeTakeFirst()) return true
  const divisions = readJiangjinRegions()
  const byCode = new Map(divisions.map((d) => [d.code, d]))
  let county = byCode.get(code)
  while (county && county.level !== 'county') county = byCode.get(county.parentCode)
  if (!county) return false
  const countyPath = regionPath(null, county.code)
  const rows: NewRegion[] = [{ id: county.code, parent_id: null, level: 'county', name: county.name, path: countyPath, county_id: county.code }]
  for (const town of divisions.filter((d) => d.level === 'town' && d.parentCode === county.code)) {
    const townPath = regionPath(countyPath, town.code)
    rows.push({ id: town.code, parent_id: county.code, level: 'town', name: town.name, path: townPath, county_id: county.code })
    for (const village of divisions.filter((d) => d.level === 'village' && d.parentCode === town.code)) {
      rows.push({
        id: village.code, parent_id: town.code, level: 'village', name: shortRegionName(village.name),
        path: regionPath(townPath, village.code), county_id: county.code,
      })
    }
  }
  await db.insertInto('regions').values(rows).onConflict((oc) => oc.column('id').doNothing()).execute()
  return true
}
