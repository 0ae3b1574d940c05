import { sql } from 'kysely'
import type { FraudTypeArticleInput } from '@/contract/knowledge'
import type { Role } from '@/core/roles'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { multipartFile } from './helpers/upload'

describe.each(ENGINES)('strings and timestamps at the edge on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const adminToken = async (role: Role = 'admin') => signIn(t, (await aUser(t.db, { roles: [{ role, regionId: tree.county.id }] })).id)
  const anArticle = (overrides: Partial<FraudTypeArticleInput> = {}): FraudTypeArticleInput => ({
    summary: '新的简介。', signs: ['要点一'], scripts: ['“话术一”'], advice: ['提示一'], ...overrides,
  })
  const putArticle = async (token: string, body: unknown) =>
    t.app.inject({ method: 'PUT', url: '/api/knowledge/fake_police', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: JSON.stringify(body) })
  const summaryStored = async () => (await t.db.selectFrom('fraud_type_articles').select('summary').where('fraud_type', '=', 'fake_police').executeTakeFirst())?.summary

  it('when a query parameter carries a NUL byte, then the answer is 400 INVALID_CHARACTERS in Chinese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/questions?fraudType=%00', headers: bearer(await adminToken()) })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'INVALID_CHARACTERS', message: expect.stringContaining('查询参数 fraudType 含有不允许的字符') })
  })

  it('when an array field of a body holds a lone surrogate, then the answer is 400 INVALID_CHARACTERS and nothing is written', async () => {
    const token = await adminToken()
    const before = await summaryStored()
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
    const res = await putArticle(token, anArticle({ summary: '改过的简介', advice: ['提示\uD800'] }))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ code: 'INVALID_CHARACTERS', message: expect.stringContaining('请求体 advice.0 含有不允许的字符'), details: [{ path: '/advice/0' }] })
    expect(await summaryStored()).toBe(before)
  })

  it('when a path parameter carries a NUL byte, then the answer is 400 INVALID_CHARACTERS', async () => {
    const res = await putArticle(await adminToken(), anArticle())
    expect(res.statusCode).toBe(200)
    const bad = await t.app.inject({ method: 'PUT', url: '/api/knowledge/fake%00police', headers: bearer(await adminToken()), payload: anArticle() })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('INVALID_CHARACTERS')
  })

  it('when a body key holds a lone low surrogate, then it is refused even though the key is not a known field', async () => {
    const res = await putArticle(await adminToken(), { ...anArticle(), ['x\uDC00']: 1 })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('INVALID_CHARACTERS')
  })

  it('when text holds emoji, rare Chinese characters and other scripts, then it is stored and read back exactly', async () => {
    const summary = '冒充公检法😀𠀀 — «test» ĳ'
    const res = await putArticle(await adminToken(), anArticle({ summary, advice: ['提示👍🏽'] }))
    expect(res.statusCode).toBe(200)
    const read = (await t.app.inject({ method: 'GET', url: '/api/public/knowledge/fake_police' })).json()
    expect(read).toMatchObject({ summary, advice: ['提示👍🏽'] })
  })

  it('when an uploaded file\'s name carries a NUL byte, then the import is refused with 400 INVALID_CHARACTERS', async () => {
    const { payload, headers } = multipartFile(Buffer.from('编码,名称\n'), { filename: 'a\u0000.csv', contentType: 'text/csv' })
    const res = await t.app.inject({ method: 'POST', url: '/api/households/import', payload, headers: { ...headers, ...bearer(await adminToken()) } })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('INVALID_CHARACTERS')
  })

  it.each([
    ['an expanded year', '+002026-12-06T08:00:00Z'],
    ['a zone written UTC+8', '2026-12-06 08:00:00 UTC+8'],
    ['no offset', '2026-12-06T08:00:00'],
  ])('when a timestamp query parameter has %s, then the answer is 400 naming the expected form', async (_, from) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/warnings?from=${encodeURIComponent(from)}`, headers: bearer(await adminToken()) })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('带时区的 ISO 8601') })
  })

  it('when a timestamp has an explicit offset, then it is accepted and the stored instant is the same in UTC', async () => {
    const token = await adminToken()
    const res = await t.app.inject({ method: 'POST', url: '/api/activities', headers: bearer(token), payload: {
      regionId: tree.villages[0].id, kind: 'market_day', title: '赶大集宣传', place: '集市', heldAt: '2026-11-18T09:30:00+08:00', organiser: '派出所',
      attendance: 10, targetGroups: [], materials: 0, summary: '',
    } })
    expect(res.statusCode).toBe(200)
    const row = (await sql<{ held_at: Date }>`SELECT held_at FROM activities`.execute(t.db)).rows[0]
    expect(new Date(row.held_at).toISOString()).toBe('2026-11-18T01:30:00.000Z')
  })
})
