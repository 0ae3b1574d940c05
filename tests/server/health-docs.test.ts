import { readMigrations } from '../../server/src/db/migrator'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { documentedRoutes, registeredApiRoutes } from './helpers/routes'

const APP_VERSION: string = require('../../package.json').version

describe.each(ENGINES)('health and API docs on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  it('when health is asked, then it reports the engine, reachability, server version and latest migration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      status: 'ok',
      version: APP_VERSION,
      database: { engine, reachable: true, serverVersion: expect.stringMatching(/^\d+(\.\d+)?/), schemaVersion: readMigrations().at(-1)!.version },
    })
  })

  it('when the database is gone, then health answers 503 degraded without details', async () => {
    await t.database.close()
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'degraded', version: APP_VERSION, database: { engine, reachable: false } })
    t.database.close = async () => {}
  })

  it('when liveness and readiness are asked of a running instance, then both answer 200', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).json()).toEqual({ status: 'ok' })
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect([ready.statusCode, ready.json()]).toEqual([200, { ready: true }])
  })

  it('when the database is gone, then the instance is still live but not ready', async () => {
    await t.database.close()
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200)
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false, reason: '数据库不可达' }])
    t.database.close = async () => {}
  })

  it('when the schema lacks the newest migration, then the instance is not ready and says which it has', async () => {
    const [previous, latest] = readMigrations().slice(-2).map((m) => m.version)
    await t.db.deleteFrom('schema_migrations').where('version', '=', latest).execute()
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect([ready.statusCode, ready.json()]).toEqual([503, { ready: false, reason: `数据库结构不是最新（${previous}，应为 ${latest}）` }])
  })

  it('when the OpenAPI document is asked, then it lists exactly the /api routes the server registered, each tagged', async () => {
    await t.app.ready()
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(documentedRoutes(doc)).toEqual(registeredApiRoutes(t.app))
    expect(registeredApiRoutes(t.app).length).toBeGreaterThanOrEqual(12)
    for (const ops of Object.values(doc.paths) as Record<string, { tags?: string[] }>[]) {
      for (const op of Object.values(ops)) expect(op.tags?.length).toBeGreaterThan(0)
    }
  })
})
