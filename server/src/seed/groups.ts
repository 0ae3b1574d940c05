import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'

const COUNTY = '500116'
const BAILIN_TOWN = '500116115'
const DONGSHENG_VILLAGE = '500116115200'

/**
 * Demo WeChat groups: a 平安群 of the station and one of 东胜村, 东胜村's 村群 owned by its cadre, and one group
 * first seen but not yet labelled, waiting to be claimed. Fixed ids and opengids: two seeds are identical.
 */
export async function seedDemoGroups(db: Kysely<DB>, at: Date): Promise<void> {
  const personas = await db.selectFrom('users').select(['id', 'demo_persona']).where('demo_persona', 'in', ['police', 'cadre']).execute()
  const police = personas.find((p) => p.demo_persona === 'police')?.id
  const cadre = personas.find((p) => p.demo_persona === 'cadre')?.id
  if (!police || !cadre) return
  const labelled = (n: number, name: string, tier: 1 | 2, regionId: string, ownerId: string) => ({
    id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`, county_id: COUNTY, opengid: `tGdemo${String(n).padStart(4, '0')}`,
    name, tier, region_id: regionId, owner_id: ownerId, first_seen_at: at, labelled_at: at,
  })
  await db.insertInto('wechat_groups').values([
    labelled(1, '柏林镇平安群', 1, BAILIN_TOWN, police),
    labelled(2, '东胜村平安群', 1, DONGSHENG_VILLAGE, cadre),
    labelled(3, '东胜村1组群', 2, DONGSHENG_VILLAGE, cadre),
    labelled(4, '东胜村2组群', 2, DONGSHENG_VILLAGE, cadre),
    labelled(5, '东胜村3组群', 2, DONGSHENG_VILLAGE, cadre),
    { id: '00000000-0000-4000-8000-000000000006', county_id: COUNTY, opengid: 'tGdemo0006', first_seen_at: at },
  ]).execute()
}
