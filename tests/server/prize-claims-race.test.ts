import type { Kysely } from 'kysely'
import type { DB } from '../../server/src/db/schema'
import { hashSessionToken, newSessionToken } from '../../server/src/modules/auth/tokens'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const DAY_MS = 24 * 3600_000

/** Many residents signed in at once, written in a few statements: a thousand logins one by one would be the test. */
async function manySignedInResidents(t: TestApp, villageId: string, count: number): Promise<string[]> {
  const users = await t.db.insertInto('users').values(Array.from({ length: count }, (_, i) => ({ display_name: `居民${i}` }))).returning('id').execute()
  await t.db.insertInto('role_assignments').values(users.map((u) => ({ user_id: u.id, role: 'resident' as const, region_id: villageId }))).execute()
  const tokens = users.map(() => newSessionToken())
  await t.db.insertInto('sessions').values(users.map((u, i) => ({
    token_hash: hashSessionToken(t.config.sessionSecret, tokens[i]), user_id: u.id, expires_at: new Date(t.now().getTime() + DAY_MS),
  }))).execute()
  return tokens
}

async function aPrize(db: Kysely<DB>, tree: RegionTree, createdBy: string, opts: { stock: number; perUserLimit: number }): Promise<string> {
  const now = Date.now()
  const row = await db.insertInto('prizes').values({
    county_id: tree.county.id, region_id: tree.town.id, name: '反诈宣传折扇', stock: opts.stock, per_user_limit: opts.perUserLimit, min_score: null, min_streak: null,
    valid_from: new Date(now - DAY_MS), valid_to: new Date(now + 30 * DAY_MS), pickup_place: '柏林派出所警务室', created_by: createdBy,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

describe.each(ENGINES)('prize claims racing on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  let adminId: string
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
    adminId = (await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })).id
  })
  afterEach(async () => { await t.close() })

  const claim = (token: string, prizeId: string) => t.app.inject({ method: 'POST', url: `/api/prizes/${prizeId}/claims`, headers: bearer(token) })
  const grantedOf = async (prizeId: string) => {
    const prize = await t.db.selectFrom('prizes').select('granted').where('id', '=', prizeId).executeTakeFirstOrThrow()
    const claims = await t.db.selectFrom('prize_claims').select('code').where('prize_id', '=', prizeId).execute()
    return { granted: prize.granted, claims: claims.length, codes: new Set(claims.map((c) => c.code)).size }
  }

  it('when 1,000 residents claim a prize with stock 10 at once, then exactly 10 get it and the others are told it is gone', async () => {
    const prizeId = await aPrize(t.db, tree, adminId, { stock: 10, perUserLimit: 1 })
    const tokens = await manySignedInResidents(t, tree.villages[0].id, 1000)
    const results = await Promise.all(tokens.map((token) => claim(token, prizeId)))
    const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {})
    expect(byStatus).toEqual({ 200: 10, 409: 990 })
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(new Set(['PRIZE_OUT_OF_STOCK']))
    expect(await grantedOf(prizeId)).toEqual({ granted: 10, claims: 10, codes: 10 })
  }, 120_000)

  it('when one resident claims a prize 50 times at once with a limit of 1, then one claim is granted and 49 reach the limit', async () => {
    const prizeId = await aPrize(t.db, tree, adminId, { stock: 100, perUserLimit: 1 })
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const results = await Promise.all(Array.from({ length: 50 }, () => claim(token, prizeId)))
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1)
    expect(results.filter((r) => r.statusCode === 409 && r.json().code === 'PRIZE_LIMIT_REACHED')).toHaveLength(49)
    expect(await grantedOf(prizeId)).toEqual({ granted: 1, claims: 1, codes: 1 })
  }, 60_000)

  it('when one resident claims 50 times at once with a limit of 2, then exactly 2 are granted', async () => {
    const prizeId = await aPrize(t.db, tree, adminId, { stock: 100, perUserLimit: 2 })
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const results = await Promise.all(Array.from({ length: 50 }, () => claim(token, prizeId)))
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2)
    expect(new Set(results.filter((r) => r.statusCode !== 200).map((r) => r.json().message))).toEqual(new Set(['每人限领 2 份，您已领取 2 份']))
    expect(await grantedOf(prizeId)).toEqual({ granted: 2, claims: 2, codes: 2 })
  }, 60_000)

  it('when one resident claims 20 times at once with a limit of 3, then exactly 3 are granted', async () => {
    const prizeId = await aPrize(t.db, tree, adminId, { stock: 100, perUserLimit: 3 })
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const results = await Promise.all(Array.from({ length: 20 }, () => claim(token, prizeId)))
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3)
    expect((await grantedOf(prizeId)).granted).toBe(3)
  }, 60_000)

  describe('after the prize has sold out', () => {
    let prizeId: string
    let late: string
    beforeEach(async () => {
      prizeId = await aPrize(t.db, tree, adminId, { stock: 1, perUserLimit: 1 })
      const [first, second] = await manySignedInResidents(t, tree.villages[0].id, 2)
      expect((await claim(first, prizeId)).statusCode).toBe(200)
      late = second
      expect((await claim(late, prizeId)).json().code).toBe('PRIZE_OUT_OF_STOCK')
    })

    it('when an admin raises the stock, then the next claim is granted at once', async () => {
      const prize = await t.db.selectFrom('prizes').selectAll().where('id', '=', prizeId).executeTakeFirstOrThrow()
      const raised = await t.app.inject({
        method: 'PUT', url: `/api/prizes/${prizeId}`, headers: bearer(await signIn(t, adminId)), payload: {
          regionId: prize.region_id, name: prize.name, description: prize.description, stock: 2, perUserLimit: 1, minScore: null, minStreak: null,
          validFrom: new Date(prize.valid_from).toISOString(), validTo: new Date(prize.valid_to).toISOString(), pickupPlace: prize.pickup_place,
        },
      })
      expect(raised.statusCode).toBe(200)
      expect((await claim(late, prizeId)).statusCode).toBe(200)
      expect(await grantedOf(prizeId)).toEqual({ granted: 2, claims: 2, codes: 2 })
    })

    it('when the stock is raised in the database by another server, then claims are refused for at most a second and granted after', async () => {
      await t.db.updateTable('prizes').set({ stock: 2 }).where('id', '=', prizeId).execute()
      expect((await claim(late, prizeId)).json().code).toBe('PRIZE_OUT_OF_STOCK')
      t.setNow(new Date(t.now().getTime() + 1_001))
      expect((await claim(late, prizeId)).statusCode).toBe(200)
    })

    it('when a resident of another town claims it, then they are still told it is not for their region', async () => {
      const stranger = (await aRegionTree(t.db)).villages[0].id
      const [token] = await manySignedInResidents(t, stranger, 1)
      const res = await claim(token, prizeId)
      expect([res.statusCode, res.json().code]).toEqual([403, 'PRIZE_OUT_OF_REGION'])
    })
  })
})
