// Issue 13 in WeChat's runtime: people who are not in the demo seed join through the built mini-program — a new
// WeChat user says where they live, taps 我住这里 at a door label opened by WeChat's scanner, and accepts a staff
// invitation whose QR code WeChat opens as a 普通链接二维码 (the URL arrives URL-encoded in `q`).
const { MiniProgram, api, demoToken, wechatToken, TOKEN_KEY } = require('./harness/launch')
const { settle } = require('./harness/page-matrix')
const { seededIds } = require('./harness/fixtures')

const RESIDENCE_PAGE = 'packages/account/pages/residence/index'
const JOIN_PAGE = 'packages/account/pages/join/index'
const DONGSHENG_VILLAGE = '500116115200'
const GRID_1 = '500116115200-01'

let mp
afterEach(() => mp?.shutdown())

const newOpenid = (what) => `weapp-${what}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`

async function newcomerSignedIn(what) {
  const openid = newOpenid(what)
  mp = new MiniProgram({ openid, storage: new Map() })
  mp.storage.set(TOKEN_KEY, await wechatToken(openid))
  return mp.storage.get(TOKEN_KEY)
}

test('when a new WeChat user signs in, then 我的 asks where they live and the village found by name becomes their home', async () => {
  mp = new MiniProgram({ openid: newOpenid('resident') })
  await mp.launch({ path: 'pages/me/index' })
  await settle(mp)
  await mp.page.tap('登录')
  await mp.waitForRoute('pages/login/index')
  await mp.page.tap('微信一键登录')
  await mp.waitForRoute('pages/me/index')
  await mp.page.waitForText('您住在哪个村（社区）？')
  await mp.page.tap('去登记 ›')
  await mp.waitForRoute(RESIDENCE_PAGE)
  await mp.page.waitForText('先选镇（街道）')
  mp.page.input('输入村（社区）名字，如：东胜', '东胜')
  await mp.page.waitForText('选这里')
  await mp.page.tap('选这里')
  await mp.page.tap('确定')
  await settle(mp)
  expect(mp.toasts).toContain('已登记为东胜村居民')

  const me = await api(mp.storage.get(TOKEN_KEY), 'GET', '/api/me')
  expect(me.roles).toEqual([expect.objectContaining({ role: 'resident', regionId: DONGSHENG_VILLAGE })])
})

test('when a new user opens a door label from WeChat\'s scanner and taps 我住这里, then they are a resident of that village and the quiz opens for them', async () => {
  const { doorUrl } = await seededIds()
  const token = await newcomerSignedIn('door')
  await mp.launch({ path: 'pages/door/index', query: { q: encodeURIComponent(doorUrl) }, scene: 1011 })
  await mp.page.waitForText('我住这里')
  await mp.page.tap('我住这里')
  await mp.page.waitForText('✓ 已登记为 东胜村 居民')

  const paper = await api(token, 'POST', '/api/quiz/today')
  expect(paper.questions).toHaveLength(5)
})

test('when a new user opens a staff invitation QR code in WeChat and taps 接受, then they see who invited them and arrive on the worker home', async () => {
  const police = await demoToken('police')
  const invitation = await api(police, 'POST', '/api/invitations', { role: 'grid_worker', regionId: GRID_1, maxUses: 1, expiresInHours: 24 })
  const token = await newcomerSignedIn('worker')
  await mp.launch({ path: JOIN_PAGE, query: { q: encodeURIComponent(invitation.url) }, scene: 1011 })
  await mp.page.waitForText('李警官')
  await mp.page.waitForText('东胜村第1网格')
  await mp.page.tap('接受')
  await mp.waitForRoute('packages/worker/pages/home/index')

  const me = await api(token, 'GET', '/api/me')
  expect(me.roles).toEqual([expect.objectContaining({ role: 'grid_worker', regionId: GRID_1 })])
  const again = await api(police, 'GET', '/api/invitations')
  expect(again.items.find((i) => i.code === invitation.code)).toMatchObject({ usedCount: 1, status: 'used_up' })
})
