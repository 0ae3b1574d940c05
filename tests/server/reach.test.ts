import { sql } from 'kysely'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { aBulletin, aDeviceKey } from './helpers/bulletin-reach-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('reach figures on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  it('when 2 of 3 registered groups opened after 10 and 30 minutes, then the report shows them, the median and the missed group', async () => {
    const tree = await aRegionTree(t.db)
    const police = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const cadre = await aUser(t.db, { displayName: '王书记', roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const publishedAt = new Date(Date.now() - 24 * 3600_000)
    const bulletin = await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id, publishedAt })
    const groups = await t.db.insertInto('wechat_groups').values([
      { county_id: tree.county.id, opengid: 'g1', name: '平安群', tier: 1, region_id: tree.town.id, owner_id: cadre.id, labelled_at: new Date() },
      { county_id: tree.county.id, opengid: 'g2', name: '东村1组', tier: 2, region_id: tree.villages[0].id, owner_id: cadre.id, labelled_at: new Date() },
      { county_id: tree.county.id, opengid: 'g3', name: '东村2组', tier: 2, region_id: tree.villages[0].id, owner_id: cadre.id, labelled_at: new Date() },
    ]).returning(['id', 'opengid']).execute()
    const id = (g: string) => groups.find((x) => x.opengid === g)!.id
    const at = (min: number) => new Date(publishedAt.getTime() + min * 60_000)
    await t.db.insertInto('shares').values({ id: 'S000000001', bulletin_id: bulletin.id, county_id: tree.county.id, tier: 0, sharer_id: police.id }).execute()
    await t.db.insertInto('opens').values([
      { bulletin_id: bulletin.id, county_id: tree.county.id, group_id: id('g1'), reader_key: 'd:a', opened_at: at(10), share_id: 'S000000001' },
      { bulletin_id: bulletin.id, county_id: tree.county.id, group_id: id('g1'), reader_key: 'd:b', opened_at: at(50), share_id: 'S000000001' },
      { bulletin_id: bulletin.id, county_id: tree.county.id, group_id: id('g2'), reader_key: 'd:a', opened_at: at(30) },
      { bulletin_id: bulletin.id, county_id: tree.county.id, group_id: null, reader_key: aDeviceKey(), opened_at: at(5) },
    ]).execute()
    const token = await signIn(t, police.id)
    const res = await t.app.inject({ method: 'GET', url: `/api/bulletins/${bulletin.id}/reach`, headers: bearer(token) })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      bulletinId: bulletin.id, publishedAt: publishedAt.toISOString(), opens: 4, uniqueReaders: 3, shares: 1, withinHours: 6,
      tiers: [
        { tier: 1, groupsRegistered: 1, groupsReached: 1, medianMinutesToReach: 10 },
        { tier: 2, groupsRegistered: 2, groupsReached: 1, medianMinutesToReach: 30 },
      ],
      notReached: [{ groupId: id('g3'), name: '东村2组', tier: 2, ownerId: cadre.id, ownerName: '王书记' }],
    })
    const treeRes = await t.app.inject({ method: 'GET', url: `/api/bulletins/${bulletin.id}/tree`, headers: bearer(token) })
    expect(treeRes.json()).toEqual([expect.objectContaining({ id: 'S000000001', parentId: null, tier: 0, opens: 2 })])
  })

  it('when an admin of another town asks for the reach of this town\'s bulletin, then it is answered as an unknown bulletin', async () => {
    const tree = await aRegionTree(t.db)
    const police = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const bulletin = await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id })
    const otherTree = await aRegionTree(t.db)
    const stranger = await aUser(t.db, { roles: [{ role: 'admin', regionId: otherTree.town.id }] })
    const res = await t.app.inject({ method: 'GET', url: `/api/bulletins/${bulletin.id}/reach`, headers: bearer(await signIn(t, stranger.id)) })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('BULLETIN_NOT_FOUND')
  })

  it('when the daily range is reversed, then REACH_RANGE_INVALID; when valid, then one row per day', async () => {
    const tree = await aRegionTree(t.db)
    const police = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const token = await signIn(t, police.id)
    const bad = await t.app.inject({ method: 'GET', url: '/api/reach/daily?from=2026-03-05&to=2026-03-01', headers: bearer(token) })
    expect(bad.json().code).toBe('REACH_RANGE_INVALID')
    const ok = await t.app.inject({ method: 'GET', url: '/api/reach/daily?from=2026-03-01&to=2026-03-03', headers: bearer(token) })
    expect(ok.json().map((d: { date: string }) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03'])
  })

  it('when opens of two bulletins arrive at once over HTTP and in SQL, with repeats and readers in several groups, then the report\'s opens and readers equal a recount', async () => {
    const tree = await aRegionTree(t.db)
    const police = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const token = await signIn(t, police.id)
    const bulletins = [
      await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id }),
      await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id }),
    ]
    const groups = await t.db.insertInto('wechat_groups')
      .values([1, 2, 3].map((n) => ({ county_id: tree.county.id, opengid: `count-g${n}`, first_seen_at: new Date() })))
      .returning('id').execute()
    const readers = Array.from({ length: 40 }, () => aDeviceKey())
    const viaHttp = Array.from({ length: 300 }, (_, i) => t.app.inject({
      method: 'POST', url: '/api/public/opens', payload: { bulletinId: bulletins[i % 2].id, readerKey: readers[i % readers.length] },
    }))
    // The same readers again, now in groups, in separate statements racing the HTTP opens.
    const viaSql = Array.from({ length: 30 }, (_, i) => sql`
      INSERT INTO opens (bulletin_id, county_id, group_id, reader_key, opened_at)
      VALUES (${bulletins[i % 2].id}, ${tree.county.id}, ${groups[i % 3].id}, ${readers[i]}, now()),
             (${bulletins[i % 2].id}, ${tree.county.id}, ${groups[(i + 1) % 3].id}, ${readers[i]}, now())
      ON CONFLICT DO NOTHING`.execute(t.db))
    await Promise.all([...viaHttp, ...viaSql])

    for (const bulletin of bulletins) {
      const recount = await sql<{ opens: number; readers: number }>`
        SELECT count(*)::int AS opens, count(DISTINCT reader_key)::int AS readers FROM opens WHERE bulletin_id = ${bulletin.id}`.execute(t.db)
      expect(recount.rows[0].opens).toBeGreaterThan(recount.rows[0].readers)
      const res = await t.app.inject({ method: 'GET', url: `/api/bulletins/${bulletin.id}/reach`, headers: bearer(token) })
      expect(res.json()).toMatchObject({ opens: recount.rows[0].opens, uniqueReaders: recount.rows[0].readers })
    }
  })

  it('when a bulletin has no opens yet, then its report shows 0 opens and 0 readers', async () => {
    const tree = await aRegionTree(t.db)
    const police = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const bulletin = await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id })
    const res = await t.app.inject({ method: 'GET', url: `/api/bulletins/${bulletin.id}/reach`, headers: bearer(await signIn(t, police.id)) })
    expect(res.json()).toMatchObject({ opens: 0, uniqueReaders: 0, shares: 0 })
  })
})
