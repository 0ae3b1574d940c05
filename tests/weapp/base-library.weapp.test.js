// Issue 14, points 2 and 3: the resident home on the current base library and on the oldest one the app declares
// (project.config.json libVersion, README), where WeChat lacks onNeedPrivacyAuthorization (2.32.3) and, in some
// clients, getGroupEnterInfo and requestSubscribeMessage. Each missing API must degrade, never blank a page.
const { MiniProgram, signedInStorage } = require('./harness/launch')
const { settle } = require('./harness/page-matrix')
const { seededIds } = require('./harness/fixtures')

const NEWER_APIS = ['onNeedPrivacyAuthorization', 'getGroupEnterInfo', 'requestSubscribeMessage']

afterEach(() => global.__mp?.shutdown())

async function start(personaId, options = {}, launch = {}) {
  const mp = new MiniProgram({ storage: await signedInStorage(personaId), ...options })
  global.__mp = mp
  await mp.launch(launch)
  await settle(mp)
  return mp
}

test('when 刘大爷 opens the app, then the home offers 看通报, 学防骗 and 每日答题', async () => {
  const mp = await start('resident')
  for (const entry of ['看通报', '学防骗', '每日答题']) await mp.page.waitForText(entry)
})

test('when the phone uses a large system font, then the home offers 关怀模式 once, and 开启关怀模式 leaves only 看通报, 学防骗 and 每日答题', async () => {
  const mp = await start('resident', { fontSizeSetting: 22 })
  await mp.page.waitForText('开启关怀模式？')
  await mp.page.tap('开启关怀模式')
  await settle(mp)
  for (const entry of ['看通报', '学防骗', '每日答题']) await mp.page.waitForText(entry)
  expect(mp.page.text()).not.toContain('领奖品')
  expect(mp.page.text()).not.toContain('开启关怀模式？')
})

test('when the phone uses the standard font, then 关怀模式 is not offered', async () => {
  const mp = await start('resident', { fontSizeSetting: 17 })
  await mp.page.waitForText('看通报')
  expect(mp.page.text()).not.toContain('开启关怀模式？')
})

test('when the base library lacks the privacy, group and subscribe APIs, then the resident home still offers 看通报, 学防骗 and 每日答题', async () => {
  const mp = await start('resident', { missingApis: NEWER_APIS })
  expect(global.wx.canIUse('onNeedPrivacyAuthorization')).toBe(false)
  for (const entry of ['看通报', '学防骗', '每日答题']) await mp.page.waitForText(entry)
  await mp.page.tap('学防骗')
  await settle(mp)
  expect(mp.page.route).toBe('pages/learn/index')
})

test('when the base library lacks requestSubscribeMessage, then 群管理 tells the cadre to upgrade WeChat instead of offering the reminder', async () => {
  const mp = await start('cadre', { missingApis: NEWER_APIS }, { path: 'packages/admin/pages/groups/index' })
  await mp.page.waitForText('当前微信版本不支持订阅消息')
  expect(mp.page.find('开启转发提醒')).toBeNull()
})

test('when a group card is opened on a base library without getGroupEnterInfo, then the bulletin shows and its open still counts', async () => {
  const { bulletinId } = await seededIds()
  const mp = await start('resident', { missingApis: NEWER_APIS }, { path: 'pages/bulletin/index', query: { id: bulletinId }, scene: 1044, shareTicket: 'ticket-from-a-group' })
  await mp.page.waitForText('电信网络诈骗警情通报')
  await settle(mp)
  expect(mp.callsOf('request').some((r) => r.method === 'POST' && r.url.endsWith('/api/public/opens'))).toBe(true)
})
