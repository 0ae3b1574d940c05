import type { Kysely } from 'kysely'
import type { PrizeAdminItem, PrizeClaim, PrizeInput, PrizeOffer } from '@/contract/prizes'
import type { Role } from '@/core/roles'
import type { DB } from '../../server/src/db/schema'
import { insertDemoPrizes } from '../../server/src/seed/prizes'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const DAY_MS = 24 * 3600_000

/** A scored quiz written straight into quiz_attempts: prizes only read the score and the date. */
async function aScoredAttempt(db: Kysely<DB>, userId: string, countyId: string, quizDate: string, score: number) {
  await db.insertInto('quiz_attempts').values({
    county_id: countyId, user_id: userId, quiz_date: quizDate, question_ids: [], token_hash: 'x', started_at: new Date(), submitted_at: new Date(),
    answers: '[]', correct: score / 20, score,
  }).execute()
}

describe.each(ENGINES)('prizes on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const userWith = (role: Role, regionId: string, displayName = '刘大爷') => aUser(t.db, { displayName, roles: [{ role, regionId }] })
  const tokenFor = async (role: Role, regionId: string, displayName?: string) => signIn(t, (await userWith(role, regionId, displayName)).id)
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) })
  const anInput = (overrides: Partial<PrizeInput> = {}): PrizeInput => ({
    regionId: tree.town.id, name: '防骗手提袋', description: '印有反诈标语的帆布袋', stock: 20, perUserLimit: 1, minScore: null, minStreak: null,
    validFrom: new Date(t.now().getTime() - DAY_MS).toISOString(), validTo: new Date(t.now().getTime() + 30 * DAY_MS).toISOString(),
    pickupPlace: '柏林派出所警务室', ...overrides,
  })
  async function aPrize(overrides: Partial<PrizeInput> = {}): Promise<PrizeAdminItem> {
    const res = await send('POST', '/api/prizes', await tokenFor('admin', tree.town.id, '李警官'), anInput(overrides))
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  async function claimAs(token: string, prizeId: string): Promise<PrizeClaim> {
    const res = await send('POST', `/api/prizes/${prizeId}/claims`, token)
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const chinaDate = (daysAgo: number) => new Date(t.now().getTime() + 8 * 3600_000 - daysAgo * DAY_MS).toISOString().slice(0, 10)

  it('when a town admin creates a prize, then it is listed for management with nothing granted', async () => {
    const admin = await tokenFor('admin', tree.town.id)
    const res = await send('POST', '/api/prizes', admin, anInput({ minScore: 80 }))
    expect(res.statusCode).toBe(200)
    const item: PrizeAdminItem = res.json()
    expect(item).toMatchObject({ name: '防骗手提袋', stock: 20, granted: 0, redeemed: 0, minScore: 80, minStreak: null })
    expect((await send('GET', '/api/prizes/manage', admin)).json()).toEqual([item])
  })

  it('when a village admin or a cadre creates a prize for the town, then it is refused', async () => {
    const villageAdmin = await send('POST', '/api/prizes', await tokenFor('admin', tree.villages[0].id), anInput())
    expect([villageAdmin.statusCode, villageAdmin.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
    const cadre = await send('POST', '/api/prizes', await tokenFor('cadre', tree.villages[0].id), anInput({ regionId: tree.villages[0].id }))
    expect([cadre.statusCode, cadre.json().code]).toEqual([403, 'FORBIDDEN'])
  })

  it('when the end comes before the start, then 400 PRIZE_INVALID names the problem', async () => {
    const res = await send('POST', '/api/prizes', await tokenFor('admin', tree.town.id), anInput({ validTo: new Date(t.now().getTime() - 2 * DAY_MS).toISOString() }))
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'PRIZE_INVALID', '奖品设置不符合要求：截止时间必须晚于开始时间'])
  })

  it('when the stock is lowered below what was handed out, then the update is refused', async () => {
    const prize = await aPrize({ stock: 5 })
    await claimAs(await tokenFor('resident', tree.villages[0].id), prize.id)
    await claimAs(await tokenFor('resident', tree.villages[1].id), prize.id)
    const res = await send('PUT', `/api/prizes/${prize.id}`, await tokenFor('admin', tree.town.id), anInput({ stock: 1 }))
    expect([res.statusCode, res.json().message]).toEqual([400, '奖品设置不符合要求：库存不能少于已领出的 2 份'])
    const ok = await send('PUT', `/api/prizes/${prize.id}`, await tokenFor('admin', tree.town.id), anInput({ stock: 2 }))
    expect(ok.json()).toMatchObject({ stock: 2, granted: 2 })
  })

  it('when a resident without a quiz looks at a prize needing 80 points, then the offer says why in Chinese and a claim is refused', async () => {
    const prize = await aPrize({ minScore: 80 })
    const resident = await tokenFor('resident', tree.villages[0].id)
    const offers: PrizeOffer[] = (await send('GET', '/api/prizes', resident)).json()
    expect(offers).toEqual([expect.objectContaining({ id: prize.id, remaining: 20, claimedByMe: 0, unmet: ['需每日答题得分达到 80 分（您还没有答过题）'] })])
    const res = await send('POST', `/api/prizes/${prize.id}/claims`, resident)
    expect([res.statusCode, res.json()]).toEqual([403, { code: 'PRIZE_NOT_ELIGIBLE', message: '需每日答题得分达到 80 分（您还没有答过题）' }])
  })

  it('when the resident scored 80 and kept a 2-day streak, then a prize needing both may be claimed', async () => {
    const prize = await aPrize({ minScore: 80, minStreak: 2 })
    const user = await userWith('resident', tree.villages[0].id)
    await aScoredAttempt(t.db, user.id, tree.county.id, chinaDate(1), 60)
    await aScoredAttempt(t.db, user.id, tree.county.id, chinaDate(0), 80)
    const token = await signIn(t, user.id)
    expect((await send('GET', '/api/prizes', token)).json()[0].unmet).toEqual([])
    const claim = await claimAs(token, prize.id)
    expect(claim).toMatchObject({ prizeId: prize.id, prizeName: '防骗手提袋', pickupPlace: '柏林派出所警务室', redeemedAt: null })
    expect(claim.code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
  })

  it('when a resident claims a second time with a limit of 1, then 409 PRIZE_LIMIT_REACHED and one claim stays', async () => {
    const prize = await aPrize()
    const token = await tokenFor('resident', tree.villages[0].id)
    await claimAs(token, prize.id)
    const again = await send('POST', `/api/prizes/${prize.id}/claims`, token)
    expect([again.statusCode, again.json()]).toEqual([409, { code: 'PRIZE_LIMIT_REACHED', message: '每人限领 1 份，您已领取 1 份' }])
    expect((await send('GET', '/api/prizes/my-claims', token)).json()).toHaveLength(1)
  })

  it('when the prize has ended or not yet started, then the claim is refused with the time in Chinese', async () => {
    const prize = await aPrize({ validTo: new Date(t.now().getTime() + DAY_MS).toISOString() })
    const token = await tokenFor('resident', tree.villages[0].id)
    t.setNow(new Date(t.now().getTime() + 2 * DAY_MS))
    const expired = await send('POST', `/api/prizes/${prize.id}/claims`, token)
    expect([expired.statusCode, expired.json().code]).toEqual([409, 'PRIZE_EXPIRED'])
    expect(expired.json().message).toMatch(/^该奖品已于 \d+月\d+日 \d\d:\d\d 截止领取$/)
    const later = await aPrize({ validFrom: new Date(t.now().getTime() + DAY_MS).toISOString() })
    const early = await send('POST', `/api/prizes/${later.id}/claims`, token)
    expect([early.statusCode, early.json().code]).toEqual([409, 'PRIZE_NOT_STARTED'])
    expect(early.json().message).toMatch(/^该奖品 \d+月\d+日 \d\d:\d\d 开始领取$/)
  })

  it('when a resident of another town claims, then 403 PRIZE_OUT_OF_REGION and the prize is not offered to them', async () => {
    const prize = await aPrize()
    const other = await aRegionTree(t.db)
    const stranger = await tokenFor('resident', other.villages[0].id)
    expect((await send('GET', '/api/prizes', stranger)).json()).toEqual([])
    const res = await send('POST', `/api/prizes/${prize.id}/claims`, stranger)
    expect([res.statusCode, res.json()]).toEqual([403, { code: 'PRIZE_OUT_OF_REGION', message: '该奖品只限本辖区居民领取' }])
  })

  it('when staff look up and redeem a code, then the claimant is masked and a second redemption gets 409', async () => {
    const prize = await aPrize()
    const claim = await claimAs(await tokenFor('resident', tree.villages[0].id, '刘建国'), prize.id)
    const staff = await tokenFor('cadre', tree.villages[0].id, '王书记')
    const looked = await send('GET', `/api/prize-claims/${claim.code.toLowerCase()}`, staff)
    expect(looked.json()).toMatchObject({ code: claim.code, prizeName: '防骗手提袋', claimantName: '刘*国', redeemedAt: null })
    const redeemed = await send('POST', `/api/prize-claims/${claim.code}/redeem`, staff)
    expect(redeemed.statusCode).toBe(200)
    expect(redeemed.json()).toMatchObject({ redeemedAt: t.now().toISOString(), redeemedByName: '王书记' })
    const again = await send('POST', `/api/prize-claims/${claim.code}/redeem`, staff)
    expect([again.statusCode, again.json()]).toEqual([409, { code: 'REDEMPTION_ALREADY_DONE', message: '该兑换码已经兑换过了' }])
    expect((await send('GET', '/api/prizes/my-claims', await signIn(t, (await t.db.selectFrom('prize_claims').select('user_id').executeTakeFirstOrThrow()).user_id))).json()[0].redeemedAt)
      .toBe(t.now().toISOString())
  })

  it('when two staff redeem the same code at once, then exactly one wins', async () => {
    const prize = await aPrize()
    const claim = await claimAs(await tokenFor('resident', tree.villages[0].id), prize.id)
    const [a, b] = [await tokenFor('admin', tree.town.id), await tokenFor('cadre', tree.villages[0].id)]
    const results = await Promise.all([a, b, a, b].map((s) => send('POST', `/api/prize-claims/${claim.code}/redeem`, s)))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409])
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'prize.redeem').execute()
    expect(audit).toHaveLength(1)
  })

  it('when a code is unknown, or staff of another town or a resident try to redeem, then they are refused', async () => {
    const prize = await aPrize()
    const claim = await claimAs(await tokenFor('resident', tree.villages[0].id), prize.id)
    const unknown = await send('GET', '/api/prize-claims/ABCDEFGHJKLM', await tokenFor('admin', tree.town.id))
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'REDEMPTION_CODE_UNKNOWN'])
    const other = await aRegionTree(t.db)
    const foreign = await send('POST', `/api/prize-claims/${claim.code}/redeem`, await tokenFor('admin', other.town.id))
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'REDEMPTION_CODE_UNKNOWN'])
    const resident = await send('POST', `/api/prize-claims/${claim.code}/redeem`, await tokenFor('resident', tree.villages[0].id))
    expect([resident.statusCode, resident.json().code]).toEqual([403, 'FORBIDDEN'])
  })

  it('when the demo prizes are seeded, then the fan may be claimed at once and the bag asks for 80 points', async () => {
    const admin = await userWith('admin', tree.town.id, '李警官')
    await insertDemoPrizes(t.db, { townId: tree.town.id, createdBy: admin.id, now: t.now() })
    const offers: PrizeOffer[] = (await send('GET', '/api/prizes', await tokenFor('resident', tree.villages[0].id))).json()
    expect(offers.map((o) => [o.name, o.remaining, o.perUserLimit, o.unmet]).sort()).toEqual([
      ['反诈宣传折扇', 100, 1, []],
      ['防骗手提袋', 20, 1, ['需每日答题得分达到 80 分（您还没有答过题）']],
    ].sort())
    expect(offers.every((o) => o.pickupPlace === '柏林派出所警务室')).toBe(true)
  })
})
