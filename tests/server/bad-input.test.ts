import type { InjectOptions } from 'fastify'
import { aRegionTree, aUser, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { documentedRoutes } from './helpers/routes'

const REQUESTS_PER_ROUTE = 240
const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text)

/** A small seeded generator: a failing case can be replayed from its index. */
function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const BODIES: (string | Buffer)[] = [
  '{', '{"code":', '{"code": 1}', '{"code": null}', '{"code": {"$gt": ""}}', '{"code": ["a"]}', '{"personaId": 7}',
  '{}', '[]', 'null', '"text"', '42', 'true', '', '\u0000\u0001\u0002', '{"code": "' + 'x'.repeat(5000) + '"}',
  '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"x": 1}}}', '<xml/>', 'code=abc&x=1',
  Buffer.from([0xff, 0xfe, 0x00, 0x7b]), '{"code": "abc", "code": 1}', '{"code": "\uD800"}', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--',
]
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', 'multipart/form-data',
  'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/octet-stream', 'image/png', 'json', '',
]
const QUERIES = [
  'page=abc', 'page=-1', 'page=0', 'page=1e10', 'page=1.5', 'pageSize=0', 'pageSize=101', 'pageSize=abc', 'page=1&page=2',
  'dryRun=maybe', 'dryRun=', 'rootId=../../etc/passwd', 'rootId=%25', 'rootId=' + 'x'.repeat(300), "regionId=' OR 1=1 --",
  'regionId=%00', 'regionId=_', 'q=' + 'q'.repeat(500), 'q=%25%5F', 'q=%00', 'unknown=1', 'evil[]=1&evil[]=2', '%ZZ=%ZZ',
  'regionId[]=a', 'q[$ne]=1', 'page=' + '9'.repeat(400),
]
const PATH_VALUES = [
  'abc', '..', '%2e%2e%2f', '%00', 'x'.repeat(2000), '00000000-0000-0000-0000-00000000000g', "1' OR '1'='1", '%E4%BD%A0',
  '-1', '0', '{id}', '%ZZ', 'null', 'undefined', '00000000-0000-4000-8000-000000000000',
]

/** Every documented route gets hundreds of requests: the run grows with the API and slows on a busy machine. */
const FUZZ_TIMEOUT_MS = 240_000

describe.each(ENGINES)('bad input on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  it('when every documented route gets hundreds of malformed requests, then none answers 5xx, each refusal is Chinese JSON, and the server stays up', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.county.id }] })
    const adminToken = await signIn(t, admin.id)
    const expiredToken = await signIn({ ...t, now: () => new Date(t.now().getTime() - 24 * 365 * 3600_000) }, admin.id)
    const docs = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    const routes = documentedRoutes(docs)
    expect(routes.length).toBeGreaterThan(0)
    const random = prng(20261124)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]

    const authHeaders = async (path: string): Promise<Record<string, string>> => {
      const kind = pick(['none', 'admin', 'admin', 'forged', 'expired', 'garbled', 'huge', 'scheme'])
      // Logging out revokes the token it is sent with; give it a token of its own so the others stay valid.
      const valid = path === '/api/auth/logout' ? await signIn(t, admin.id) : adminToken
      switch (kind) {
        case 'none': return {}
        case 'admin': return { authorization: `Bearer ${valid}` }
        case 'forged': return { authorization: `Bearer ${Buffer.from(Array.from({ length: 32 }, () => Math.floor(random() * 256))).toString('base64url')}` }
        case 'expired': return { authorization: `Bearer ${expiredToken}` }
        case 'garbled': return { authorization: pick(['Bearer', 'Bearer  ', `Bearer ${valid}x`, `bearer ${valid}`, `Bearer ${valid.slice(1)}`, 'Bearer 你好']) }
        case 'huge': return { authorization: `Bearer ${'A'.repeat(8000)}` }
        default: return { authorization: `Token ${valid}` }
      }
    }

    const failures: string[] = []
    const statuses = new Set<number>()
    for (const route of routes) {
      for (let i = 0; i < REQUESTS_PER_ROUTE; i++) {
        const kind = pick(['body', 'body', 'oversized', 'query', 'path', 'method'])
        let url = route.path.replace(/\{\w+\}/g, () => (kind === 'path' ? pick(PATH_VALUES) : pick(PATH_VALUES.slice(-1))))
        const headers = await authHeaders(route.path)
        const options: InjectOptions = { method: route.method.toUpperCase() as InjectOptions['method'], url, headers }
        if (kind === 'body' || kind === 'oversized') {
          options.method = 'POST'
          options.payload = kind === 'oversized' ? `{"code":"${'x'.repeat(1024 * 1024 + 100)}"}` : pick(BODIES)
          const type = pick(CONTENT_TYPES)
          if (type) headers['content-type'] = type
        } else if (kind === 'query') {
          url = `${url}?${pick(QUERIES)}&${pick(QUERIES)}`
          options.url = url
        } else if (kind === 'method') {
          options.method = pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])
        }
        const res = await t.app.inject(options)
        statuses.add(res.statusCode)
        const label = `#${i} ${options.method} ${url.slice(0, 80)} [${kind}] → ${res.statusCode}`
        if (res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 200)}`)
        else if (res.statusCode >= 400) {
          let body: { code?: unknown; message?: unknown } | null = null
          try {
            body = res.json()
          } catch {
            failures.push(`${label}: not JSON: ${res.body.slice(0, 100)}`)
            continue
          }
          if (typeof body?.code !== 'string' || typeof body.message !== 'string' || !hasChinese(body.message)) {
            failures.push(`${label}: ${res.body.slice(0, 200)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    // The requests got past authentication into validation, parsing and the handlers, not just bounced at the door.
    expect([...statuses]).toEqual(expect.arrayContaining([400, 401, 404, 413, 415]))
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
  }, FUZZ_TIMEOUT_MS)
})
