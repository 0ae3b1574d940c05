import { buildApp } from '../../server/src/app'
import { testConfig } from '../../server/src/config'
import type { Database } from '../../server/src/db/database'
import { ENGINES, openTestDatabase } from './helpers/test-db'

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text)

describe.each(ENGINES)('error responses on %s', (engine) => {
  let database: Database
  beforeEach(async () => { database = await openTestDatabase(engine) })
  afterEach(async () => { await database.close() })

  async function appWithFailingRoute(failure: Error) {
    const app = await buildApp({ config: testConfig(), database })
    app.get('/api/test/explode', async () => { throw failure })
    await app.ready()
    return app
  }

  it.each(['9'.repeat(400), '1e400', '-1e999'])('when a page number of %#th kind overflows to Infinity, then it is refused as a 400 naming the field, not a 500', async (page) => {
    const app = await buildApp({ config: testConfig(), database })
    try {
      const res = await app.inject({ method: 'GET', url: `/api/public/bulletins?page=${page}` })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '查询参数字段 page 不符合要求' })
    } finally {
      await app.close()
    }
  })

  it('when a handler fails unexpectedly, then the caller gets a Chinese 500 with a request id and no internals', async () => {
    const failure = new Error('relation "secret_table" does not exist at /srv/app/server/src/repo.ts:42')
    const app = await appWithFailingRoute(failure)
    try {
      const res = await app.inject({ method: 'GET', url: '/api/test/explode' })
      expect(res.statusCode).toBe(500)
      const body = res.json()
      expect(body.code).toBe('INTERNAL')
      expect(hasChinese(body.message)).toBe(true)
      expect(body.requestId).toEqual(expect.any(String))
      expect(res.body).not.toMatch(/secret_table|repo\.ts|stack|at \//)
    } finally {
      await app.close()
    }
  })

  it('when a route does not exist, then the answer is a 404 with code NOT_FOUND in Chinese', async () => {
    const app = await appWithFailingRoute(new Error('unused'))
    try {
      const res = await app.inject({ method: 'GET', url: '/api/no/such/route' })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fff]/) })
    } finally {
      await app.close()
    }
  })

  it('when the database is gone, then health answers 503 with reachable false instead of crashing', async () => {
    const app = await buildApp({ config: testConfig(), database })
    await app.ready()
    try {
      await database.close()
      const res = await app.inject({ method: 'GET', url: '/api/health' })
      expect(res.statusCode).toBe(503)
      expect(res.json().database.reachable).toBe(false)
    } finally {
      await app.close()
      database = await openTestDatabase(engine) // afterEach closes a live one
    }
  })
})
