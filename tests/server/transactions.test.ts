import { sql } from 'kysely'
import { regionPath } from '@/core/regions'
import type { Database } from '../../server/src/db/database'
import { ENGINES, openTestDatabase } from './helpers/test-db'

/** A county with one grid, made directly: these tests are about the data layer, not the routes. */
async function aGrid(database: Database) {
  const county = { id: 'c1', parent_id: null, level: 'county' as const, name: '测试区', path: regionPath(null, 'c1'), county_id: 'c1' }
  const grid = { id: 'g1', parent_id: 'c1', level: 'grid' as const, name: '第1网格', path: regionPath(county.path, 'g1'), county_id: 'c1' }
  await database.db.insertInto('regions').values([county, grid]).execute()
  return grid
}

const aHouseholdRow = (gridId: string, code: string, memberCount = 1) => ({
  county_id: 'c1', region_id: gridId, code, address: `${code}号`, head_name: '测试', member_count: memberCount,
})

describe.each(ENGINES)('transactions under concurrency on %s', (engine) => {
  let database: Database
  beforeEach(async () => { database = await openTestDatabase(engine) })
  afterEach(async () => { await database.close() })

  it('when 60 two-row transactions run at once and every other one fails halfway, then exactly the successful pairs remain', async () => {
    const grid = await aGrid(database)
    const outcomes = await Promise.allSettled(Array.from({ length: 60 }, (_, i) =>
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('households').values(aHouseholdRow(grid.id, `A${i}`)).execute()
        await new Promise((r) => setImmediate(r)) // let the other transactions run in between
        if (i % 2 === 1) throw new Error(`transaction ${i} gives up`)
        await trx.insertInto('households').values(aHouseholdRow(grid.id, `B${i}`)).execute()
      }),
    ))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(30)
    const codes = (await database.db.selectFrom('households').select('code').execute()).map((r) => r.code).sort()
    const expected = Array.from({ length: 30 }, (_, k) => [`A${k * 2}`, `B${k * 2}`]).flat().sort()
    expect(codes).toEqual(expected)
  })

  it('when 100 guarded moves compete for 24 spare members, then exactly 24 succeed and the total is unchanged', async () => {
    const grid = await aGrid(database)
    await database.db.insertInto('households').values([aHouseholdRow(grid.id, 'X', 25), aHouseholdRow(grid.id, 'Y', 5)]).execute()
    const moveOneMember = () => database.db.transaction().execute(async (trx) => {
      const source = await trx.updateTable('households').set({ member_count: sql`member_count - 1` })
        .where('code', '=', 'X').where('member_count', '>', 1).returning('member_count').executeTakeFirst()
      if (!source) return false
      await new Promise((r) => setImmediate(r))
      await trx.updateTable('households').set({ member_count: sql`member_count + 1` }).where('code', '=', 'Y').execute()
      return true
    })
    const moved = await Promise.all(Array.from({ length: 100 }, moveOneMember))
    expect(moved.filter(Boolean)).toHaveLength(24)
    const rows = await database.db.selectFrom('households').select(['code', 'member_count']).orderBy('code').execute()
    expect(rows.map((r) => [r.code, r.member_count])).toEqual([['X', 1], ['Y', 29]])
  })
})
