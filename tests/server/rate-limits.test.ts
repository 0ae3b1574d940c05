import { buildApp } from '../../server/src/app'
import { testConfig, type RateLimit, type RateLimitPolicy } from '../../server/src/config'
import { RATE_LIMITED_ROUTES } from '../../server/src/plugins/rate-limits'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const TIGHT: Record<RateLimitPolicy, RateLimit> = {
  signInPerAddress: { max: 3, windowSeconds: 60 },
  signInPerCode: { max: 2, windowSeconds: 300 },
  demoLogin: { max: 2, windowSeconds: 60 },
  prizeCodes: { max: 3, windowSeconds: 60 },
  invitationCodes: { max: 3, windowSeconds: 60 },
  phoneReveals: { max: 2, windowSeconds: 3600 },
  quizSubmit: { max: 2, windowSeconds: 60 },
  quizCalls: { max: 4, windowSeconds: 60 },
}

describe.each(ENGINES)('rate limits on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine, { rateLimits: TIGHT }) })
  afterEach(async () => { await t.close() })

  const login = (code: string, address = '203.0.113.7') =>
    t.app.inject({ method: 'POST', url: '/api/auth/wechat-login', payload: { code }, headers: { 'x-forwarded-for': address } })
  const expectLimited = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
    expect(res.statusCode).toBe(429)
    expect(res.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ (秒|分钟)后再试$/) })
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
  }

  it('when one address tries more sign-ins than allowed, then the next answers 429 in Chinese without asking WeChat, and another address may still sign in', async () => {
    for (let i = 0; i < TIGHT.signInPerAddress.max; i++) expect((await login(`bad-code-${i}`)).statusCode).not.toBe(429)
    expectLimited(await login(t.wechat.issueCode('o_after_limit')))
    expect((await login(t.wechat.issueCode('o_elsewhere'), '198.51.100.9')).statusCode).toBe(200)
  })

  it('when a client on the internet sends its own X-Forwarded-For, then it is not believed and cannot escape the per-address limit', async () => {
    const fromInternet = (i: number) => t.app.inject({ method: 'POST', url: '/api/auth/wechat-login', payload: { code: `spoof-${i}` }, remoteAddress: '203.0.113.50', headers: { 'x-forwarded-for': `198.51.100.${i}` } })
    for (let i = 0; i < TIGHT.signInPerAddress.max; i++) expect((await fromInternet(i)).statusCode).not.toBe(429)
    expectLimited(await fromInternet(99))
  })

  it('when one login code is tried from many addresses, then it is refused once the per-code limit is reached', async () => {
    const answers = []
    for (let i = 0; i <= TIGHT.signInPerCode.max; i++) answers.push(await login('the-same-code', `198.51.100.${i + 1}`))
    expect(answers.slice(0, -1).map((a) => a.statusCode)).not.toContain(429)
    expectLimited(answers[answers.length - 1])
  })

  it('when demo logins from one address exceed the limit, then the next answers 429', async () => {
    const demo = () => t.app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { personaId: 'no-such-persona' } })
    for (let i = 0; i < TIGHT.demoLogin.max; i++) expect((await demo()).statusCode).toBe(404)
    expectLimited(await demo())
  })

  it('when a staff member looks up more prize codes than allowed, then they are refused while a colleague still may', async () => {
    const tree = await aRegionTree(t.db)
    const staff = async () => signIn(t, (await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    const [busy, colleague] = [await staff(), await staff()]
    const lookUp = (token: string) => t.app.inject({ method: 'GET', url: '/api/prize-claims/ABCDEFGHJKLM', headers: bearer(token) })
    for (let i = 0; i < TIGHT.prizeCodes.max; i++) expect((await lookUp(busy)).statusCode).toBe(404)
    expectLimited(await lookUp(busy))
    expectLimited(await t.app.inject({ method: 'POST', url: '/api/prize-claims/ABCDEFGHJKLM/redeem', headers: bearer(busy) }))
    expect((await lookUp(colleague)).statusCode).toBe(404)
  })

  it('when someone tries more invitation codes than allowed, then the next try answers 429 whether looking or accepting', async () => {
    const token = await signIn(t, (await aUser(t.db)).id)
    const guess = (code: string) => t.app.inject({ method: 'GET', url: `/api/invitations/${code}`, headers: bearer(token) })
    for (let i = 0; i < TIGHT.invitationCodes.max; i++) expect((await guess(`ABCDEFG${i + 2}`)).statusCode).toBe(404)
    expectLimited(await guess('ABCDEFGH'))
    expectLimited(await t.app.inject({ method: 'POST', url: '/api/invitations/ABCDEFGH/accept', headers: bearer(token) }))
  })

  it('when new demo users are signed up from one address beyond the demo limit, then the next answers 429', async () => {
    const signUp = () => t.app.inject({ method: 'POST', url: '/api/auth/demo-signup', payload: { displayName: '新用户' } })
    for (let i = 0; i < TIGHT.demoLogin.max; i++) expect((await signUp()).statusCode).toBe(200)
    expectLimited(await signUp())
  })

  it('when a worker reveals more phone numbers than allowed, then the next reveal is refused and not audited', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0]
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })).id)
    const household = await aHousehold(t.db, { regionId: grid.id, phone: '13800138000' })
    const reveal = () => t.app.inject({ method: 'POST', url: `/api/households/${household.id}/phone`, headers: bearer(token) })
    for (let i = 0; i < TIGHT.phoneReveals.max; i++) expect((await reveal()).statusCode).toBe(200)
    const audited = async () => (await t.db.selectFrom('audit_log').select('id').execute()).length
    const before = await audited()
    expectLimited(await reveal())
    expect(await audited()).toBe(before)
  })

  it('when a resident submits the quiz more often than allowed, then the next submission answers 429', async () => {
    const tree = await aRegionTree(t.db)
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const submit = () => t.app.inject({ method: 'POST', url: '/api/quiz/today/submit', headers: bearer(token), payload: { attemptId: '00000000-0000-4000-8000-000000000000', token: 'not-a-token', answers: [{ questionId: '00000000-0000-4000-8000-000000000001', chosen: [0], seconds: 5 }] } })
    for (let i = 0; i < TIGHT.quizSubmit.max; i++) expect((await submit()).statusCode).not.toBe(429)
    expectLimited(await submit())
  })

  it('when a resident calls the quiz more often than allowed, across its routes, then the next call answers 429', async () => {
    const tree = await aRegionTree(t.db)
    const token = await signIn(t, (await aUser(t.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id)
    const calls = [
      () => t.app.inject({ method: 'GET', url: '/api/quiz/me', headers: bearer(token) }),
      () => t.app.inject({ method: 'GET', url: '/api/quiz/leaderboard', headers: bearer(token) }),
    ]
    for (let i = 0; i < TIGHT.quizCalls.max; i++) expect((await calls[i % 2]()).statusCode).not.toBe(429)
    expectLimited(await calls[0]())
  })

  it('when the API is documented, then every rate-limited route exists', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths as Record<string, Record<string, unknown>>
    for (const route of Object.keys(RATE_LIMITED_ROUTES)) {
      const [method, url] = route.split(' ')
      expect(paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]).toBeDefined()
    }
  })

  if (engine === 'pg') {
    it('when two server instances share one PostgreSQL, then sign-ins on both count towards one limit', async () => {
      const second = await buildApp({ config: testConfig({ ...t.config, rateLimits: TIGHT }), database: t.database, now: t.now })
      try {
        const on = (app: typeof second, i: number) => app.inject({ method: 'POST', url: '/api/auth/wechat-login', payload: { code: `code-${i}` }, headers: { 'x-forwarded-for': '192.0.2.1' } })
        const answers = [await on(t.app, 0), await on(second, 1), await on(t.app, 2), await on(second, 3)]
        expect(answers.slice(0, 3).map((a) => a.statusCode)).not.toContain(429)
        expectLimited(answers[3])
      } finally {
        await second.close()
      }
    })
  }
})
