// Issue 14, point 5 (sharing): the bulletin page's share path carries the sharer's share id; a reader who opens the
// card from a WeChat group is attributed to that group through getGroupEnterInfo and the server's decryption, and
// the station sees the group reached on 转发情况. What the simulator cannot show: WeChat's own share sheet and a
// real shareTicket (both are WeChat's; here the ticket is any string and the group data is sealed as WeChat does).
const { MiniProgram, signedInStorage, wechatToken, TOKEN_KEY } = require('./harness/launch')
const { parseUrl } = require('./harness/mini-program')
const { settle } = require('./harness/page-matrix')
const { seededIds } = require('./harness/fixtures')
const { sealGroup, sessionKeyOf } = require('./harness/fake-group-data')

/** 东胜村平安群, a registered tier-1 group of the seed (server/src/seed/groups.ts). */
const DONGSHENG_SAFETY_GROUP = 'tGdemo0002'

let mp
afterEach(() => mp?.shutdown())

test('when a cadre shares a bulletin and a resident opens the card in 东胜村平安群, then 转发情况 counts that group as reached', async () => {
  const { bulletinId } = await seededIds()

  mp = new MiniProgram({ storage: await signedInStorage('cadre') })
  await mp.launch({ path: 'pages/bulletin/index', query: { id: bulletinId } })
  await mp.page.waitForText('电信网络诈骗警情通报')
  await settle(mp)
  expect(mp.callsOf('showShareMenu')[0]).toMatchObject({ withShareTicket: true })
  const shared = mp.page.instance.onShareAppMessage({ from: 'button' })
  expect(shared.path).toMatch(new RegExp(`^/pages/bulletin/index\\?id=${bulletinId}&share=[A-Za-z0-9_-]+$`))
  mp.shutdown()

  const reader = new MiniProgram({ openid: `reader-${Date.now()}` })
  reader.storage.set(TOKEN_KEY, await wechatToken(reader.openid))
  const sessionKey = await sessionKeyOf(reader.openid)
  reader.fakes.groupEnterInfo = () => sealGroup(sessionKey, DONGSHENG_SAFETY_GROUP)
  mp = reader
  const { route, query } = parseUrl(shared.path)
  await mp.launch({ path: route, query, scene: 1044, shareTicket: 'ticket-of-dongsheng-group' })
  await mp.page.waitForText('电信网络诈骗警情通报')
  await settle(mp)
  expect(mp.callsOf('getGroupEnterInfo')).toEqual([{ shareTicket: 'ticket-of-dongsheng-group' }])
  mp.shutdown()

  mp = new MiniProgram({ storage: await signedInStorage('police') })
  await mp.launch({ path: 'packages/admin/pages/bulletin-reach/index', query: { id: bulletinId } })
  await mp.page.waitForText('已到达 1 / 2 个')
})
