import { DEMO_PERSONAS } from '../../server/src/seed/demo-personas'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('auth on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/auth/wechat-login', payload: { code } })
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })

  it('when a new WeChat user logs in with a fresh code, then a session is opened that /api/me accepts', async () => {
    const res = await login(t.wechat.issueCode('o_new_user'))
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.user).toMatchObject({ displayName: '微信用户', roles: [] })
    expect(new Date(body.expiresAt).getTime()).toBe(t.now().getTime() + t.config.sessionTtlHours * 3600_000)
    const who = await me(body.token)
    expect(who.statusCode).toBe(200)
    expect(who.json().id).toBe(body.user.id)
  })

  it('when the same openid logs in twice, then both sessions belong to one user and the WeChat session key is stored encrypted', async () => {
    const first = (await login(t.wechat.issueCode('o_twice'))).json()
    const second = (await login(t.wechat.issueCode('o_twice'))).json()
    expect(second.user.id).toBe(first.user.id)
    const sessions = await t.db.selectFrom('sessions').select(['token_hash', 'session_key_enc']).execute()
    expect(sessions).toHaveLength(2)
    for (const s of sessions) {
      expect(s.session_key_enc).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(s.token_hash).not.toBe(first.token)
    }
  })

  it('when ten first logins of one openid race, then they all succeed as one user', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => login(t.wechat.issueCode('o_racing'))))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200))
    expect(new Set(answers.map((a) => a.json().user.id)).size).toBe(1)
    expect(await t.db.selectFrom('users').select('id').where('openid', '=', 'o_racing').execute()).toHaveLength(1)
  })

  it('when a user with roles logs in, then /api/me lists the roles with region names', async () => {
    const tree = await aRegionTree(t.db)
    const user = await aUser(t.db, { displayName: '王书记', openid: 'o_cadre', roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const body = (await login(t.wechat.issueCode('o_cadre'))).json()
    expect(body.user).toEqual({
      id: user.id,
      displayName: '王书记',
      roles: [{ role: 'cadre', regionId: tree.villages[0].id, regionName: '东村', regionPath: tree.villages[0].path }],
    })
  })

  it('when many phones make their first request at the same moment, then each is answered as its own user with its own roles', async () => {
    const tree = await aRegionTree(t.db)
    const users = await Promise.all(Array.from({ length: 30 }, (_, i) => aUser(t.db, {
      displayName: `用户${i}`, roles: i % 3 === 0 ? [] : [{ role: i % 2 ? 'cadre' : 'grid_worker', regionId: i % 2 ? tree.villages[0].id : tree.grids[0][0].id }],
    })))
    const tokens = await Promise.all(users.map((u) => signIn(t, u.id)))
    const answers = await Promise.all(tokens.map((token) => me(token)))
    answers.forEach((res, i) => {
      expect(res.statusCode).toBe(200)
      expect(res.json().id).toBe(users[i].id)
      expect(res.json().roles.map((r: { role: string }) => r.role)).toEqual(i % 3 === 0 ? [] : [i % 2 ? 'cadre' : 'grid_worker'])
    })
  })

  it('when the code is unknown to WeChat, then the login is refused with 401 WECHAT_CODE_INVALID', async () => {
    const res = await login('not-a-code-wechat-issued')
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('WECHAT_CODE_INVALID')
  })

  it('when a code is used a second time, then the second login is refused with 401 WECHAT_CODE_INVALID', async () => {
    const code = t.wechat.issueCode('o_reuse')
    expect((await login(code)).statusCode).toBe(200)
    const again = await login(code)
    expect(again.statusCode).toBe(401)
    expect(again.json().code).toBe('WECHAT_CODE_INVALID')
  })

  it('when the code is older than five minutes, then the login is refused with 401 WECHAT_CODE_INVALID', async () => {
    const code = t.wechat.issueCode('o_slow')
    t.setNow(new Date(t.now().getTime() + 5 * 60_000 + 1000))
    expect((await login(code)).json().code).toBe('WECHAT_CODE_INVALID')
  })

  it('when WeChat is busy, then the login answers 502 WECHAT_UNAVAILABLE and the next try succeeds', async () => {
    t.wechat.failNext(-1)
    const busy = await login(t.wechat.issueCode('o_busy'))
    expect(busy.statusCode).toBe(502)
    expect(busy.json()).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: expect.stringMatching(/微信/) })
    expect((await login(t.wechat.issueCode('o_busy'))).statusCode).toBe(200)
  })

  it('when WeChat reports the minute quota reached, then the login answers 429 RATE_LIMITED', async () => {
    t.wechat.failNext(45011)
    const res = await login(t.wechat.issueCode('o_quota'))
    expect(res.statusCode).toBe(429)
    expect(res.json().code).toBe('RATE_LIMITED')
  })

  it('when the server is configured with the wrong app secret, then logins answer 502 WECHAT_UNAVAILABLE', async () => {
    const wrong = await startTestApp(engine, { wechatSecret: 'not-the-secret' })
    try {
      const res = await wrong.app.inject({ method: 'POST', url: '/api/auth/wechat-login', payload: { code: wrong.wechat.issueCode('o_x') } })
      expect(res.statusCode).toBe(502)
    } finally {
      await wrong.close()
    }
  })

  it('when the fake WeChat is asked over HTTP, then it answers in WeChat formats', async () => {
    const minted = await fetch(`${t.wechat.baseUrl}/__fake/codes`, { method: 'POST', body: JSON.stringify({ openid: 'o_http' }) })
    const { code } = await minted.json()
    const ask = (q: Record<string, string>) => fetch(`${t.wechat.baseUrl}/sns/jscode2session?${new URLSearchParams(q)}`).then((r) => r.json())
    const base = { appid: t.config.wechatAppId, secret: t.config.wechatSecret, js_code: code, grant_type: 'authorization_code' }
    expect(await ask({ ...base, appid: 'wx_other' })).toMatchObject({ errcode: 40013 })
    expect(await ask({ ...base, secret: 'other' })).toMatchObject({ errcode: 40125 })
    expect(await ask(base)).toEqual({ openid: 'o_http', session_key: expect.any(String) })
    expect(await ask(base)).toMatchObject({ errcode: 40163, errmsg: expect.stringMatching(/^code been used, rid: /) })
    expect(await ask({ ...base, js_code: 'nope' })).toMatchObject({ errcode: 40029, errmsg: expect.stringMatching(/^invalid code, rid: /) })
  })

  it('when the session has outlived its TTL, then requests with it answer 401 AUTH_EXPIRED', async () => {
    const { token } = (await login(t.wechat.issueCode('o_expiring'))).json()
    t.setNow(new Date(t.now().getTime() + t.config.sessionTtlHours * 3600_000 + 1000))
    const res = await me(token)
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('AUTH_EXPIRED')
  })

  it('when the user logs out, then the token no longer works', async () => {
    const { token } = (await login(t.wechat.issueCode('o_leaving'))).json()
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })
    expect(out.statusCode).toBe(204)
    const res = await me(token)
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('AUTH_INVALID')
  })

  it.each([
    ['a well-formed token nobody issued', `Bearer ${'A'.repeat(43)}`],
    ['a garbled token', 'Bearer not a token!'],
    ['an empty bearer', 'Bearer '],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
  ])('when a request carries %s, then it answers 401 AUTH_INVALID', async (_label, authorization) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'AUTH_INVALID', message: expect.stringMatching(/登录/) })
  })

  it('when a token is signed with another server secret, then it answers 401 AUTH_INVALID', async () => {
    const user = await aUser(t.db)
    const token = await signIn({ db: t.db, config: { ...t.config, sessionSecret: 'x'.repeat(40) } }, user.id)
    expect((await me(token)).json().code).toBe('AUTH_INVALID')
  })

  it('when nobody is signed in, then /api/me answers 401 AUTH_REQUIRED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me' })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('AUTH_REQUIRED')
  })

  it('when the server runs in demo mode, then it lists the seeded personas in their file order and signs them in', async () => {
    const tree = await aRegionTree(t.db)
    await aUser(t.db, { displayName: '张网格', demoPersona: 'grid_worker', roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
    await aUser(t.db, { displayName: '李警官', demoPersona: 'police', roles: [{ role: 'admin', regionId: tree.town.id }] })
    const list = await t.app.inject({ method: 'GET', url: '/api/auth/demo-personas' })
    expect(list.json().personas.map((p: { id: string }) => p.id)).toEqual(['police', 'grid_worker'])
    expect(list.json().personas[0]).toEqual({ id: 'police', label: DEMO_PERSONAS[0].label, displayName: '李警官', description: DEMO_PERSONAS[0].description })
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { personaId: 'grid_worker' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().user.roles).toEqual([expect.objectContaining({ role: 'grid_worker', regionId: tree.grids[0][0].id })])
    expect((await me(res.json().token)).statusCode).toBe(200)
  })

  it('when an unknown persona is asked for, then demo login answers 404 DEMO_PERSONA_UNKNOWN', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { personaId: 'nobody' } })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('DEMO_PERSONA_UNKNOWN')
  })

  it('when the server runs in wechat mode, then the demo routes do not exist', async () => {
    const prod = await startTestApp(engine, { authMode: 'wechat' })
    try {
      await aUser(prod.db, { displayName: '李警官', demoPersona: 'police' })
      const list = await prod.app.inject({ method: 'GET', url: '/api/auth/demo-personas' })
      const signin = await prod.app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { personaId: 'police' } })
      expect([list.statusCode, signin.statusCode]).toEqual([404, 404])
      expect(signin.json().code).toBe('NOT_FOUND')
    } finally {
      await prod.close()
    }
  })
})
