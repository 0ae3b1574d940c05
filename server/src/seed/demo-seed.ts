import type { Insertable, Kysely } from 'kysely'
import { regionPath, shortRegionName } from '#core/regions'
import type { Role } from '#core/roles'
import type { Config } from '../config'
import { FieldCipher } from '../crypto/field-cipher'
import type { Database } from '../db/database'
import type { DB, HouseholdsTable, NewRegion, RoleAssignmentsTable, UsersTable } from '../db/schema'
import { seedDemoBulletins } from './bulletins'
import { DEMO_PERSONAS } from './demo-personas'
import { seedDemoGroups } from './groups'
import { readJiangjinRegions } from './jiangjin-regions'
import { seedDemoPrizes } from './prizes'
import { COMMUNITY_STREETS, personName } from './names'
import { SeededRandom, seedOf } from './random'
import { seedResidentContent } from '../content/resident-content'
import { seedDemoWarningsActivities } from './warnings-activities'

export const DEMO_COUNTY = '500116'
/** 柏林镇 and 塘河镇: the demo personas live in 柏林镇; 塘河镇 shows that scope stops at the town line. */
export const DEMO_TOWNS = ['500116115', '500116107']

export const HOUSEHOLD_TAG_ODDS: readonly [string, number][] = [
  ['一老一小', 0.15],
  ['独居老人', 0.08],
  ['新市民', 0.1],
  ['留守儿童', 0.05],
  ['残疾人家庭', 0.03],
]

/** Door-label prefixes people can read aloud; towns beyond the demo fall back to their code's last digits. */
const TOWN_LABEL_PREFIXES: Record<string, string> = { '500116115': 'BL', '500116107': 'TH' }

/** Seeded rows carry times from this date on, never the clock, so that two seeds are identical. */
const SEED_BASE_TIME = Date.UTC(2026, 0, 5, 1, 0, 0) // 2026-01-05 09:00 Beijing time

const DEFAULT_SEED = 20260105
const BATCH_SIZE = 500

export interface SeedOptions {
  /** Town codes under 江津区 to seed, with all their villages (default: the two demo towns). */
  towns?: string[]
  /** Households spread over all the grids (default about 2,000). */
  households?: number
  seed?: number
}

export interface SeedSummary {
  counties: number
  towns: number
  villages: number
  grids: number
  households: number
  users: number
}

interface GridPlan {
  id: string
  townId: string
  /** Address stems this grid covers: "东胜村3组" or "柏林社区正街". */
  lanes: string[]
  weight: number
  households: number
}

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('regions').select('id').limit(1).executeTakeFirst()) === undefined
}

/**
 * Writes the demo county: regions down to generated grids, households with encrypted phones, the demo persona
 * users and a cadre, grid worker or admin for every village, grid and town. Same options, same rows (except
 * the phone ciphertexts, whose IVs are random). One transaction: a failed seed leaves nothing behind.
 */
export async function seedDemoData(
  database: Database,
  config: Pick<Config, 'sessionSecret' | 'warningTimeLimits'>,
  opts: SeedOptions = {},
): Promise<SeedSummary> {
  const townIds = opts.towns ?? DEMO_TOWNS
  const totalHouseholds = opts.households ?? 2000
  const baseSeed = opts.seed ?? DEFAULT_SEED

  const divisions = readJiangjinRegions()
  const county = divisions.find((d) => d.code === DEMO_COUNTY && d.level === 'county')
  if (!county) throw new Error(`区划表中没有区县 ${DEMO_COUNTY}`)
  const at = (minutes: number) => new Date(SEED_BASE_TIME + minutes * 60_000)

  const countyPath = regionPath(null, county.code)
  const regions: NewRegion[] = [
    { id: county.code, parent_id: null, level: 'county', name: county.name, path: countyPath, county_id: county.code, created_at: at(0) },
  ]
  const grids: GridPlan[] = []
  let villageCount = 0
  for (const townId of townIds) {
    const town = divisions.find((d) => d.code === townId && d.level === 'town' && d.parentCode === county.code)
    if (!town) throw new Error(`区划表中没有镇街 ${townId}`)
    const townPath = regionPath(countyPath, town.code)
    regions.push({ id: town.code, parent_id: county.code, level: 'town', name: town.name, path: townPath, county_id: county.code, created_at: at(0) })
    const random = new SeededRandom(baseSeed ^ seedOf(town.code))
    for (const village of divisions.filter((d) => d.parentCode === town.code && d.level === 'village')) {
      villageCount++
      const villageName = shortRegionName(village.name)
      const villagePath = regionPath(townPath, village.code)
      const isCommunity = village.name.endsWith('居民委员会')
      regions.push({ id: village.code, parent_id: town.code, level: 'village', name: villageName, path: villagePath, county_id: county.code, created_at: at(0) })
      const gridCount = random.int(2, 4)
      for (let k = 0; k < gridCount; k++) {
        const id = `${village.code}-${String(k + 1).padStart(2, '0')}`
        regions.push({ id, parent_id: village.code, level: 'grid', name: `第${k + 1}网格`, path: regionPath(villagePath, id), county_id: county.code, created_at: at(0) })
        // A grid is a few neighbouring 组 in a village, or a couple of streets in a town-centre community.
        const lanes = isCommunity
          ? [0, 1].map((j) => `${villageName}${COMMUNITY_STREETS[(2 * k + j) % COMMUNITY_STREETS.length]}`)
          : [1, 2, 3].map((j) => `${villageName}${3 * k + j}组`)
        grids.push({ id, townId: town.code, lanes, weight: 0.7 + 0.6 * random.next(), households: 0 })
      }
    }
  }
  spreadHouseholds(grids, totalHouseholds)

  const cipher = new FieldCipher(config.sessionSecret, 'household-phone')
  const households: Insertable<HouseholdsTable>[] = []
  for (const townId of townIds) {
    const random = new SeededRandom((baseSeed ^ seedOf(`${townId}/households`)) >>> 0)
    const prefix = TOWN_LABEL_PREFIXES[townId] ?? `T${townId.slice(-3)}`
    let serial = 0
    for (const grid of grids.filter((g) => g.townId === townId)) {
      const lastNumber = grid.lanes.map(() => 0)
      for (let i = 0; i < grid.households; i++) {
        const lane = random.int(0, grid.lanes.length - 1)
        lastNumber[lane] += random.int(1, 3)
        const phone = random.pick(['13', '15', '18']) + random.digits(9)
        const { tags, memberCount } = householdMakeup(random)
        serial++
        households.push({
          county_id: county.code,
          region_id: grid.id,
          code: `${prefix}-${String(serial).padStart(4, '0')}`,
          address: `${grid.lanes[lane]}${lastNumber[lane]}号`,
          head_name: personName(random),
          phone_enc: cipher.encrypt(phone),
          phone_last4: phone.slice(-4),
          tags,
          member_count: memberCount,
          created_at: at(households.length),
        })
      }
    }
  }

  const seeded = new Set(regions.map((r) => r.id))
  const staff = new SeededRandom((baseSeed ^ seedOf('users')) >>> 0)
  const users: Insertable<UsersTable>[] = []
  const roles: Insertable<RoleAssignmentsTable>[] = []
  const addUser = (displayName: string, assignments: { role: Role; regionId: string }[], persona: string | null = null) => {
    const id = staff.uuid()
    users.push({ id, display_name: displayName, demo_persona: persona, created_at: at(0) })
    for (const a of assignments) roles.push({ user_id: id, role: a.role, region_id: a.regionId, created_at: at(0) })
  }
  // A partial seed (benchmarks picking other towns) has no place for personas whose regions it left out.
  for (const p of DEMO_PERSONAS.filter((p) => p.roles.every((r) => seeded.has(r.regionId)))) {
    addUser(p.displayName, p.roles, p.id)
  }
  const personaAdminTowns = new Set(DEMO_PERSONAS.flatMap((p) => p.roles.filter((r) => r.role === 'admin').map((r) => r.regionId)))
  for (const region of regions) {
    if (region.level === 'town' && !personaAdminTowns.has(region.id)) addUser(personName(staff), [{ role: 'admin', regionId: region.id }])
    if (region.level === 'village') addUser(personName(staff), [{ role: 'cadre', regionId: region.id }])
    if (region.level === 'grid') addUser(personName(staff), [{ role: 'grid_worker', regionId: region.id }])
  }

  await database.db.transaction().execute(async (trx) => {
    await trx.insertInto('regions').values(regions).execute()
    for (let i = 0; i < households.length; i += BATCH_SIZE) {
      await trx.insertInto('households').values(households.slice(i, i + BATCH_SIZE)).execute()
    }
    await trx.insertInto('users').values(users).execute()
    await trx.insertInto('role_assignments').values(roles).execute()
    await seedDemoBulletins(trx, users, at(0))
    await seedDemoGroups(trx, at(0))
    // Prizes run from the moment of seeding, not the fixed seed time: a demo must offer a prize that can be claimed today.
    await seedDemoPrizes(trx, users, new Date())
    // Warnings and activities of the last days, likewise from now: the reports and the dissuader's queue open on them.
    await seedDemoWarningsActivities(trx, { phoneCipher: cipher, limits: config.warningTimeLimits, now: new Date() })
  })
  // `npm run seed` fills a database without starting the server, which is where the content is otherwise written.
  await seedResidentContent(database.db)

  return { counties: 1, towns: townIds.length, villages: villageCount, grids: grids.length, households: households.length, users: users.length }
}

export function describeSeed(s: SeedSummary): string {
  return `演示数据已写入: ${s.counties} 个区县、${s.towns} 个镇街、${s.villages} 个村社区、${s.grids} 个网格、${s.households} 户、${s.users} 名用户`
}

/** Shares out the households by each grid's weight; the remainder goes to the first grids so the total is exact. */
function spreadHouseholds(grids: GridPlan[], total: number) {
  const weightSum = grids.reduce((sum, g) => sum + g.weight, 0)
  for (const g of grids) g.households = Math.floor((total * g.weight) / weightSum)
  let left = total - grids.reduce((sum, g) => sum + g.households, 0)
  for (let i = 0; left > 0; i = (i + 1) % grids.length, left--) grids[i].households++
}

/** Most households carry no tag; an elder living alone has no one else at home, so no child tags either. */
function householdMakeup(random: SeededRandom): { tags: string[]; memberCount: number } {
  let tags = HOUSEHOLD_TAG_ODDS.filter(([, odds]) => random.chance(odds)).map(([tag]) => tag)
  let memberCount = random.int(1, 6)
  if (tags.includes('独居老人')) {
    tags = tags.filter((t) => t !== '一老一小' && t !== '留守儿童')
    memberCount = 1
  } else if ((tags.includes('一老一小') || tags.includes('留守儿童')) && memberCount < 2) {
    memberCount = 2
  }
  return { tags, memberCount }
}
