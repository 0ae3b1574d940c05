import { testConfig } from '../../server/src/config'
import { FieldCipher } from '../../server/src/crypto/field-cipher'
import type { Database } from '../../server/src/db/database'
import { DEMO_PERSONAS } from '../../server/src/seed/demo-personas'
import { DEMO_TOWNS, isDatabaseEmpty, seedDemoData } from '../../server/src/seed/demo-seed'
import { parseCsv } from '../../server/src/lib/csv'
import { readJiangjinRegions } from '../../server/src/seed/jiangjin-regions'
import { ENGINES, openTestDatabase, type Engine } from './helpers/test-db'

async function withDatabase<T>(engine: Engine, use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openTestDatabase(engine)
  try {
    return await use(database)
  } finally {
    await database.close()
  }
}

describe('parseCsv', () => {
  it('when a quoted field holds commas and doubled quotes, then it stays one field', () => {
    expect(parseCsv('code,name\r\n1,"甲,乙 ""丙"""\n2,丁\n')).toEqual([['code', 'name'], ['1', '甲,乙 "丙"'], ['2', '丁']])
  })
})

describe.each(ENGINES)('demo seed on %s', (engine) => {
  it('when the seed runs on an empty database, then the county, both towns, all their villages and their grids exist', async () => {
    await withDatabase(engine, async (database) => {
      const config = testConfig()
      expect(await isDatabaseEmpty(database.db)).toBe(true)

      const summary = await seedDemoData(database, config)

      expect(await isDatabaseEmpty(database.db)).toBe(false)
      const regions = await database.db.selectFrom('regions').selectAll().execute()
      const byLevel = (level: string) => regions.filter((r) => r.level === level)
      expect(byLevel('county').map((r) => [r.id, r.name, r.path])).toEqual([['500116', '江津区', '/500116/']])
      expect(byLevel('town').map((r) => r.name).sort()).toEqual(['塘河镇', '柏林镇'].sort())
      const csvVillages = readJiangjinRegions().filter((d) => d.level === 'village' && DEMO_TOWNS.includes(d.parentCode))
      expect(byLevel('village').map((r) => r.id).sort()).toEqual(csvVillages.map((d) => d.code).sort())
      expect(byLevel('village').map((r) => r.name)).toEqual(expect.arrayContaining(['东胜村', '柏林社区', '古镇社区']))
      const byId = new Map(regions.map((r) => [r.id, r]))
      for (const grid of byLevel('grid')) {
        const village = byId.get(grid.parent_id!)!
        expect(village.level).toBe('village')
        expect(grid.path).toBe(`${village.path}${grid.id}/`)
        expect(grid.id).toMatch(new RegExp(`^${village.id}-0[1-4]$`))
        expect(grid.county_id).toBe('500116')
      }
      for (const village of byLevel('village')) {
        expect(byLevel('grid').filter((g) => g.parent_id === village.id).length).toBeGreaterThanOrEqual(2)
      }
      expect(summary).toMatchObject({ counties: 1, towns: 2, villages: csvVillages.length, grids: byLevel('grid').length })
    })
  })

  it('when the seed runs, then about 2,000 households lie in grids and every persona has its user and roles', async () => {
    await withDatabase(engine, async (database) => {
      await seedDemoData(database, testConfig())

      const households = await database.db.selectFrom('households').innerJoin('regions', 'regions.id', 'households.region_id')
        .select(['households.code', 'regions.level', 'households.member_count']).execute()
      expect(households.length).toBeGreaterThanOrEqual(1800)
      expect(households.length).toBeLessThanOrEqual(2200)
      expect(new Set(households.map((h) => h.level))).toEqual(new Set(['grid']))
      expect(households.every((h) => /^(BL|TH)-\d{4}$/.test(h.code))).toBe(true)

      for (const persona of DEMO_PERSONAS) {
        const user = await database.db.selectFrom('users').selectAll().where('demo_persona', '=', persona.id).executeTakeFirstOrThrow()
        expect(user.display_name).toBe(persona.displayName)
        const roles = await database.db.selectFrom('role_assignments').select(['role', 'region_id']).where('user_id', '=', user.id).execute()
        expect(roles.map((r) => ({ role: r.role, regionId: r.region_id }))).toEqual(persona.roles)
      }
      const gridWorkers = await database.db.selectFrom('role_assignments').select('region_id').where('role', '=', 'grid_worker').execute()
      const grids = await database.db.selectFrom('regions').select('id').where('level', '=', 'grid').execute()
      expect(new Set(gridWorkers.map((g) => g.region_id))).toEqual(new Set(grids.map((g) => g.id)))
      const admins = await database.db.selectFrom('role_assignments').select('region_id').where('role', '=', 'admin').execute()
      expect(admins.map((a) => a.region_id).sort()).toEqual(['500116107', '500116115'])
    })
  })

  it('when two fresh databases are seeded, then their households have the same codes, addresses and tags', async () => {
    const snapshot = (database: Database) => database.db.selectFrom('households')
      .select(['code', 'address', 'tags', 'head_name', 'member_count', 'region_id', 'phone_last4']).orderBy('code').execute()
    const first = await withDatabase(engine, async (database) => {
      await seedDemoData(database, testConfig())
      return snapshot(database)
    })
    const second = await withDatabase(engine, async (database) => {
      await seedDemoData(database, testConfig())
      return snapshot(database)
    })
    expect(second).toEqual(first)
    expect(first.filter((h) => h.tags.length === 0).length).toBeGreaterThan(first.length / 2)
    expect(first.some((h) => h.tags.includes('一老一小'))).toBe(true)
  })

  it('when households are stored, then every phone decrypts to 11 digits and no row holds it in plain text', async () => {
    await withDatabase(engine, async (database) => {
      const config = testConfig()
      await seedDemoData(database, config)
      const cipher = new FieldCipher(config.sessionSecret, 'household-phone')

      const rows = await database.db.selectFrom('households').selectAll().execute()
      for (const row of rows) {
        const phone = cipher.decrypt(row.phone_enc!)
        expect(phone).toMatch(/^1[358]\d{9}$/)
        expect(row.phone_last4).toBe(phone.slice(-4))
        expect(JSON.stringify(row)).not.toContain(phone)
      }
    })
  })
})
