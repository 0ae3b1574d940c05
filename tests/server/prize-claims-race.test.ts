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

  it('when one resident claims 20 times at once with a limit of 3, then exactly 3 are granted', async () => {
    const prizeId = await aPrize(t.db, tree, adminId, { stock: 100, perUserLimit: 3 })
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const results = await Promise.all(Array.from({ length: 20 }, () => claim(token, prizeId)))
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3)
    expect((await grantedOf(prizeId)).granted).toBe(3)
  }, 60_000)
})
