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

  it('when an admin of another town asks for the reach of this town\'s bulletin, then it is refused as out of scope', async () => {
    const tree = await aRegionTree(t.db)
    const police = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const bulletin = await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id })
    const otherTree = await aRegionTree(t.db)
    const stranger = await aUser(t.db, { roles: [{ role: 'admin', regionId: otherTree.town.id }] })
    const res = await t.app.inject({ method: 'GET', url: `/api/bulletins/${bulletin.id}/reach`, headers: bearer(await signIn(t, stranger.id)) })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('OUT_OF_SCOPE')
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
})
