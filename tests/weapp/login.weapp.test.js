// Signing in as the mini-program does it: 微信一键登录 → wx.login gives a code from the fake WeChat → the real
// server's wechat-login exchanges it through code2Session → the app keeps the session token in WeChat storage.
const { MiniProgram, api, TOKEN_KEY } = require('./harness/launch')
const { settle } = require('./harness/page-matrix')

let mp
afterEach(() => mp?.shutdown())

test('when a new WeChat user taps 微信一键登录, then the app leaves the login page signed in with a session the server accepts', async () => {
  mp = new MiniProgram({ openid: `new-user-${Date.now()}` })
  await mp.launch({ path: 'pages/me/index' })
  await settle(mp)
  await mp.page.tap('登录')
  await mp.waitForRoute('pages/login/index')
  await mp.page.tap('微信一键登录')
  await mp.waitForRoute('pages/me/index')
  await settle(mp)

  expect(mp.callsOf('login')).toHaveLength(1)
  const token = mp.storage.get(TOKEN_KEY)
  expect(typeof token).toBe('string')
  const me = await api(token, 'GET', '/api/me')
  expect(me.id).toEqual(expect.any(String))
  await mp.page.waitForText('退出登录')
})
