import { sql } from 'kysely'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { aBulletin, aDeviceKey, anOpengid, groupPayload, sealGroupInfo } from './helpers/bulletin-reach-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('shares and opens on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  async function aPublishedBulletin(opts: { retractedAt?: Date } = {}) {
    const tree = await aRegionTree(t.db)
    const police = await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })
    const bulletin = await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id, ...opts })
    return { tree, police, policeToken: await signIn(t, police.id), bulletin }
  }
  /** A reader who logged in through WeChat, with the session key the fake handed out. */
  async function aWeChatReader() {
    const openid = `o${Math.random().toString(36).slice(2)}`
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/wechat-login', payload: { code: t.wechat.issueCode(openid) } })
    expect(res.statusCode).toBe(200)
    return { token: res.json().token as string, sessionKey: t.wechat.sessionKeyOf(openid)! }
  }
  const share = (bulletinId: string, body: object, token?: string) =>
    t.app.inject({ method: 'POST', url: `/api/public/bulletins/${bulletinId}/shares`, payload: body, headers: token ? bearer(token) : {} })
  const open = (body: object, token?: string) => t.app.inject({ method: 'POST', url: '/api/public/opens', payload: body, headers: token ? bearer(token) : {} })
  const countOpens = async () => (await t.db.selectFrom('opens').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n

  it('when the station shares first, then tier 0; a cadre sharing from it tier 1; a resident sharing from that tier 2', async () => {
    const { tree, policeToken, bulletin } = await aPublishedBulletin()
    const station = (await share(bulletin.id, {}, policeToken)).json()
    expect(station).toEqual({ id: expect.stringMatching(/^[0-9A-Za-z]{10}$/), tier: 0, path: `/pages/bulletin/index?id=${bulletin.id}&share=${station.id}` })
    const cadre = await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const tier1 = (await share(bulletin.id, { parentShareId: station.id }, await signIn(t, cadre.id))).json()
    expect(tier1.tier).toBe(1)
    const tier2 = (await share(bulletin.id, { parentShareId: tier1.id, readerKey: aDeviceKey() })).json()
    expect(tier2.tier).toBe(2)
    const row = await t.db.selectFrom('shares').selectAll().where('id', '=', tier2.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ parent_id: tier1.id, sharer_id: null, reader_key: expect.stringMatching(/^d:/) })
  })

  it('when the same sharer shares twice from the same place, then the same share comes back', async () => {
    const { policeToken, bulletin } = await aPublishedBulletin()
    const first = (await share(bulletin.id, {}, policeToken)).json()
    expect((await share(bulletin.id, {}, policeToken)).json()).toEqual(first)
  })

  it('when the parent share is unknown or of another bulletin, then the share is made at tier 1 with no parent', async () => {
    const { tree, police, policeToken, bulletin } = await aPublishedBulletin()
    const other = await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id })
    const foreign = (await share(other.id, {}, policeToken)).json()
    for (const parentShareId of ['ZZZZZZZZZZ', foreign.id, 'bad id!']) {
      const made = await share(bulletin.id, { parentShareId, readerKey: aDeviceKey() })
      expect(made.statusCode).toBe(200)
      expect(made.json().tier).toBe(1)
      expect((await t.db.selectFrom('shares').select('parent_id').where('id', '=', made.json().id).executeTakeFirstOrThrow()).parent_id).toBeNull()
    }
  })

  it('when the parent chain loops, then the share is refused with SHARE_LOOP', async () => {
    const { policeToken, bulletin } = await aPublishedBulletin()
    const a = (await share(bulletin.id, {}, policeToken)).json()
    const b = (await share(bulletin.id, { parentShareId: a.id, readerKey: aDeviceKey() })).json()
    await t.db.updateTable('shares').set({ parent_id: b.id }).where('id', '=', a.id).execute()
    const res = await share(bulletin.id, { parentShareId: b.id, readerKey: aDeviceKey() })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('SHARE_LOOP')
  })

  it('when an anonymous reader shares or opens without a valid device key, then READER_REQUIRED', async () => {
    const { bulletin } = await aPublishedBulletin()
    expect((await share(bulletin.id, { readerKey: 'nope' })).json().code).toBe('READER_REQUIRED')
    expect((await open({ bulletinId: bulletin.id })).json().code).toBe('READER_REQUIRED')
  })

  it('when a WeChat reader opens from a group, then the group is registered under the county and the open counted once', async () => {
    const { tree, bulletin } = await aPublishedBulletin()
    const reader = await aWeChatReader()
    const opengid = anOpengid()
    const body = () => ({ bulletinId: bulletin.id, scene: 1044, group: sealGroupInfo(reader.sessionKey, groupPayload(t.config.wechatAppId, opengid)) })
    const first = await open(body(), reader.token)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ counted: true, group: { id: expect.any(String), name: null, tier: null } })
    const group = await t.db.selectFrom('wechat_groups').selectAll().where('opengid', '=', opengid).executeTakeFirstOrThrow()
    expect(group.county_id).toBe(tree.county.id)
    expect((await open(body(), reader.token)).json()).toEqual({ counted: false, group: first.json().group })
    expect(await countOpens()).toBe(1)
  })

  it('when the same reader opens from two groups and directly, then three opens count', async () => {
    const { bulletin } = await aPublishedBulletin()
    const reader = await aWeChatReader()
    for (const opengid of [anOpengid(), anOpengid()]) {
      expect((await open({ bulletinId: bulletin.id, group: sealGroupInfo(reader.sessionKey, groupPayload(t.config.wechatAppId, opengid)) }, reader.token)).json().counted).toBe(true)
    }
    expect((await open({ bulletinId: bulletin.id }, reader.token)).json().counted).toBe(true)
    expect((await open({ bulletinId: bulletin.id }, reader.token)).json().counted).toBe(false)
    expect(await countOpens()).toBe(3)
  })

  it('when many identical opens arrive at once, then exactly one is counted', async () => {
    const { bulletin } = await aPublishedBulletin()
    const readerKey = aDeviceKey()
    const answers = await Promise.all(Array.from({ length: 20 }, () => open({ bulletinId: bulletin.id, readerKey })))
    expect(answers.filter((a) => a.json().counted)).toHaveLength(1)
    expect(await countOpens()).toBe(1)
  })

  it('when group info is forged or garbled, then the open counts without a group and says GROUP_INFO_INVALID', async () => {
    const { bulletin } = await aPublishedBulletin()
    const reader = await aWeChatReader()
    const forged = sealGroupInfo('ZmZmZmZmZmZmZmZmZmZmZg==', groupPayload(t.config.wechatAppId, anOpengid()))
    const otherApp = sealGroupInfo(reader.sessionKey, groupPayload('wx_someone_else', anOpengid()))
    for (const group of [forged, otherApp, { encryptedData: '!!garbled!!', iv: 'xx' }]) {
      const res = await open({ bulletinId: bulletin.id, group }, reader.token)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ group: null, notices: [{ code: 'GROUP_INFO_INVALID' }] })
    }
    expect(await countOpens()).toBe(1)
    expect(await t.db.selectFrom('wechat_groups').selectAll().execute()).toEqual([])
  })

  it('when the session has no WeChat key (demo login) or none at all, then the open counts without a group: GROUP_SESSION_EXPIRED', async () => {
    const { bulletin } = await aPublishedBulletin()
    const group = sealGroupInfo('ZmZmZmZmZmZmZmZmZmZmZg==', groupPayload(t.config.wechatAppId, anOpengid()))
    const demo = await signIn(t, (await aUser(t.db)).id)
    expect((await open({ bulletinId: bulletin.id, group }, demo)).json()).toMatchObject({ counted: true, group: null, notices: [{ code: 'GROUP_SESSION_EXPIRED' }] })
    expect((await open({ bulletinId: bulletin.id, readerKey: aDeviceKey(), group })).json()).toMatchObject({ counted: true, notices: [{ code: 'GROUP_SESSION_EXPIRED' }] })
  })

  it('when the share id does not exist, then the open counts without a share and says SHARE_NOT_FOUND', async () => {
    const { bulletin } = await aPublishedBulletin()
    const res = await open({ bulletinId: bulletin.id, shareId: 'ZZZZZZZZZZ', readerKey: aDeviceKey() })
    expect(res.json()).toMatchObject({ counted: true, notices: [{ code: 'SHARE_NOT_FOUND' }] })
    expect((await t.db.selectFrom('opens').select('share_id').executeTakeFirstOrThrow()).share_id).toBeNull()
  })

  it('when a bulletin is retracted, unknown or not yet published, then opens and shares are refused with 410 / 404', async () => {
    const { tree, police, bulletin: retracted } = await aPublishedBulletin({ retractedAt: new Date() })
    const scheduled = await aBulletin(t.db, { regionId: tree.town.id, createdBy: police.id, publishedAt: new Date(Date.now() + 3600_000) })
    const readerKey = aDeviceKey()
    expect((await open({ bulletinId: retracted.id, readerKey })).statusCode).toBe(410)
    expect((await share(retracted.id, { readerKey })).json().code).toBe('BULLETIN_RETRACTED')
    expect((await open({ bulletinId: scheduled.id, readerKey })).statusCode).toBe(404)
    expect((await open({ bulletinId: '00000000-0000-4000-8000-000000000000', readerKey })).json().code).toBe('BULLETIN_NOT_FOUND')
    expect(await countOpens()).toBe(0)
  })

  it('when a reader opened from a group through a share and then shares, then the new share records that group', async () => {
    const { policeToken, bulletin } = await aPublishedBulletin()
    const station = (await share(bulletin.id, {}, policeToken)).json()
    const reader = await aWeChatReader()
    const opened = await open({ bulletinId: bulletin.id, shareId: station.id, group: sealGroupInfo(reader.sessionKey, groupPayload(t.config.wechatAppId, anOpengid())) }, reader.token)
    const mine = (await share(bulletin.id, { parentShareId: station.id }, reader.token)).json()
    const row = await t.db.selectFrom('shares').select(['group_id', 'tier']).where('id', '=', mine.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ group_id: opened.json().group.id, tier: 1 })
  })
})
