import type { InjectOptions } from 'fastify'
import { FRAUD_TYPE_KEYS } from '@/core/fraud-types'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aHousehold, aRegionTree, aUser, signIn } from './helpers/factories'
import { multipartFile } from './helpers/upload'
import { BAD_TIMESTAMPS, NASTY_STRINGS, prng, SchemaFuzzer, type Schema } from './helpers/schema-fuzz'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { aZip, zeros } from './helpers/zip-builder'

/** At least 10,000 per engine in CI; `FUZZ_REQUESTS=100000 npm run test:unit -- tests/server/schema-fuzz.test.ts` for a long run. */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000)
const SEED = Number(process.env.FUZZ_SEED ?? 20261206)
const CHINESE = /[\u4e00-\u9fff]/

interface Operation {
  method: string
  path: string
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]
  body?: Schema
  /** Documented as multipart/form-data uploads (imports and photos). */
  multipart: boolean
}

function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema: Schema }> }; description?: string; summary?: string }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(), path, parameters: op.parameters, body: op.requestBody?.content?.['application/json']?.schema,
    multipart: /multipart\/form-data/.test(`${op.description ?? ''}`) || path.endsWith('/photos'),
  })))
}

const ENCODINGS: ((json: string) => { payload: string | Buffer; type: string })[] = [
  (json) => ({ payload: json, type: 'application/json' }),
  (json) => ({ payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), type: 'application/json; charset=utf-8' }),
  (json) => ({ payload: Buffer.from(json, 'utf16le'), type: 'application/json; charset=utf-16' }),
  (json) => ({ payload: Buffer.concat([Buffer.from(json.slice(0, -1)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(json.slice(-1))]), type: 'application/json' }),
  (json) => ({ payload: json, type: 'text/plain' }),
  (json) => ({ payload: new URLSearchParams({ json }).toString(), type: 'application/x-www-form-urlencoded' }),
  (json) => ({ payload: json, type: 'application/json; charset=latin1' }),
  (json) => ({ payload: json.slice(0, Math.max(1, json.length >> 1)), type: 'application/json' }),
  () => ({ payload: '', type: 'application/json' }),
  (json) => ({ payload: json, type: 'application/vnd.api+json' }),
]

/** Percent-encodes a path value; a lone surrogate, which UTF-8 cannot hold, goes out as the bytes of an invalid sequence. */
function encodePathValue(value: string): string {
  return value.replace(/[\uD800-\uDFFF]/g, '\u0000SURROGATE').split('\u0000SURROGATE').map(encodeURIComponent).join('%ED%A0%80')
}

describe.each(ENGINES)('schema-driven fuzz on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  it(`when ${REQUESTS} requests are generated from the OpenAPI schemas, then none answers 5xx and every refusal is {code, message} in Chinese`, async () => {
    // The question bank and library, as on every start: without them the quiz answers 503 on purpose.
    await seedResidentContent(t.db)
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.county.id }] })
    const worker = await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
    const tokens = [await signIn(t, admin.id), await signIn(t, admin.id), await signIn(t, worker.id)]
    const households = [await aHousehold(t.db, { regionId: tree.grids[0][0].id, phone: '13800138000' }), await aHousehold(t.db, { regionId: tree.grids[1][0].id })]
    const regionIds = [tree.county.id, tree.town.id, ...tree.villages.map((v) => v.id), ...tree.grids.flat().map((g) => g.id)]
    const pools = { uuids: [admin.id, worker.id, ...households.map((h) => h.id)], regionIds, codes: [...households.map((h) => h.code), ...FRAUD_TYPE_KEYS], now: t.now() }
    const random = prng(SEED)
    const fuzz = new SchemaFuzzer(random, pools)
    const operations = operationsOf((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json())
    expect(operations.length).toBeGreaterThan(50)

    const failures: string[] = []
    const statuses = new Map<number, number>()
    for (let i = 0; i < REQUESTS; i++) {
      const op = operations[i % operations.length]
      const kind = fuzz.pick(op.multipart ? ['multipart', 'multipart', 'path', 'query', 'encoding'] : ['valid', 'body', 'body', 'body', 'path', 'query', 'query', 'encoding', 'auth'])
      const pathValue = (name: string, schema: Schema) => (kind === 'path' ? String(fuzz.breakLeaf(schema, fuzz.valid(schema))) : String(fuzz.valid(schema) ?? name))
      let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodePathValue(pathValue(name, op.parameters?.find((p) => p.name === name)?.schema ?? { type: 'string' })))
      const query = new URLSearchParams()
      for (const p of op.parameters?.filter((x) => x.in === 'query') ?? []) {
        if (!p.required && fuzz.chance(0.5)) continue
        const value = kind === 'query' && fuzz.chance(0.7) ? fuzz.breakLeaf(p.schema, fuzz.valid(p.schema)) : fuzz.valid(p.schema)
        if (value !== undefined) query.append(p.name, typeof value === 'object' ? JSON.stringify(value) : String(value))
      }
      if (kind === 'query' && fuzz.chance(0.3)) query.append(fuzz.pick(['page', 'from', 'regionId', 'q']), fuzz.pick([...NASTY_STRINGS, ...BAD_TIMESTAMPS]))
      if ([...query].length) url += `?${query}`

      const headers: Record<string, string> = {}
      const auth = kind === 'auth' ? fuzz.pick(['', 'Bearer', `Bearer ${'A'.repeat(5000)}`, 'Bearer \u00ff\u00fe', `Basic ${tokens[0]}`]) : `Bearer ${fuzz.pick(tokens)}`
      if (auth) headers.authorization = auth
      const options: InjectOptions = { method: op.method as InjectOptions['method'], url, headers }
      if (kind === 'multipart') {
        const file = fuzz.pick([Buffer.from('编码,名称\n1,\u0000\n'), aZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(1), declaredSize: 10 }]), Buffer.from([0xff, 0xd8, 0xff, 0x00]), Buffer.alloc(0), Buffer.from('PK\u0003\u0004broken')])
        const part = multipartFile(file, { field: fuzz.pick(['file', 'photo', 'thumbnail', 'x\u0000']), filename: fuzz.pick(['a.xlsx', 'a.csv', '照片.jpg', '../../x', 'a\u0000.csv']), contentType: fuzz.pick(['text/csv', 'image/jpeg', 'application/octet-stream']) })
        options.payload = part.payload
        headers['content-type'] = fuzz.chance(0.8) ? part.headers['content-type'] : 'multipart/form-data'
      } else if (op.body || kind === 'encoding') {
        const valid = fuzz.valid(op.body)
        const value = kind === 'valid' || kind === 'auth' ? valid : kind === 'body' ? fuzz.broken(op.body, valid) : valid
        const json = JSON.stringify(value ?? null)
        const encoded = kind === 'encoding' ? fuzz.pick(ENCODINGS)(json) : { payload: json, type: 'application/json' }
        options.payload = encoded.payload
        headers['content-type'] = encoded.type
      }
      // Logging out would revoke a token the next requests use.
      if (op.path === '/api/auth/logout') headers.authorization = `Bearer ${await signIn(t, admin.id)}`

      const res = await t.app.inject(options)
      // FUZZ_TRACE=<part of a path> prints the requests to those routes, to see what the generator sends.
      if (process.env.FUZZ_TRACE && url.includes(process.env.FUZZ_TRACE)) console.log(`${op.method} ${url} [${kind}] ${res.statusCode} ${String(options.payload).slice(0, 150)} ${res.body.slice(0, 120)}`)
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
      const label = `seed ${SEED} #${i} ${options.method} ${url.slice(0, 100)} [${kind}] → ${res.statusCode}`
      if (res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 200)}`)
      else if (res.statusCode >= 400) {
        let body: { code?: unknown; message?: unknown } | null = null
        try { body = res.json() } catch { failures.push(`${label}: not JSON: ${res.body.slice(0, 100)}`); continue }
        if (typeof body?.code !== 'string' || typeof body.message !== 'string' || !CHINESE.test(body.message)) failures.push(`${label}: ${res.body.slice(0, 200)}`)
      }
      if (failures.length >= 20) break
    }

    expect(failures).toEqual([])
    // The run reached handlers, not only the validator: some requests were accepted, and the server is still up.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 404]))
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS)
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
  }, 300_000)
})
