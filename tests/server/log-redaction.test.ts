import { Writable } from 'node:stream'
import { buildApp, type App } from '../../server/src/app'
import { testConfig } from '../../server/src/config'
import type { Database } from '../../server/src/db/database'
import { redactUrl } from '../../server/src/plugins/log-redaction'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { ENGINES, openTestDatabase } from './helpers/test-db'

describe('log redaction of URLs', () => {
  it.each([
    ['/h/Q2hhbmdlTWVQbGVhc2UxMjM', '/h/[redacted]'],
    ['/api/doors/Q2hhbmdlTWVQbGVhc2UxMjM?x=1', '/api/doors/[redacted]?x=1'],
    ['/join/JOIN-8F3K2', '/join/[redacted]'],
    ['/api/invitations/INV8F3K2/accept', '/api/invitations/[redacted]/accept'],
    ['/api/prize-claims/ABCDEFGHJKLM/redeem', '/api/prize-claims/[redacted]/redeem'],
    ['/api/households?q=13800138000&page=2', '/api/households?q=[redacted]&page=2'],
    ['/api/x?code=0a1b2c&token=zzz', '/api/x?code=[redacted]&token=[redacted]'],
    ['/api/public/bulletins?page=2', '/api/public/bulletins?page=2'],
  ])('when %s is logged, then it reads %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged)
  })
})

describe.each(ENGINES)('request logs on %s', (engine) => {
  let database: Database
  let app: App
  let lines: string[]
  beforeEach(async () => {
    database = await openTestDatabase(engine)
    lines = []
    const stream = new Writable({ write(chunk, _, done) { lines.push(String(chunk)); done() } })
    app = await buildApp({ config: testConfig(), database, logger: { level: 'info', stream } })
    app.get('/api/test/explode', async () => { throw new Error('could not store 13912345678 for Bearer leaked-token-value') })
    await app.ready()
  })
  afterEach(async () => {
    await app.close()
    await database.close()
  })

  it('when requests carry door tokens, invitation and prize codes, phone numbers and a bearer token, then none of them is in the log', async () => {
    const tree = await aRegionTree(database.db)
    const admin = await aUser(database.db, { roles: [{ role: 'admin', regionId: tree.county.id }] })
    const token = await signIn({ db: database.db, config: testConfig() }, admin.id)
    const secrets = ['Q2hhbmdlTWVQbGVhc2UxMjM', 'JOIN8F3K2', 'INV8F3K2', 'ABCDEFGHJKLM', '13800138000', '13912345678', token, 'leaked-token-value']
    for (const url of [
      '/h/Q2hhbmdlTWVQbGVhc2UxMjM', '/api/doors/Q2hhbmdlTWVQbGVhc2UxMjM', '/join/JOIN8F3K2', '/api/invitations/INV8F3K2',
      '/api/prize-claims/ABCDEFGHJKLM', '/api/households?q=13800138000', '/api/test/explode',
    ]) await app.inject({ method: 'GET', url, headers: bearer(token) })
    await app.inject({ method: 'POST', url: '/api/prize-claims/ABCDEFGHJKLM/redeem', headers: bearer(token) })

    const log = lines.join('')
    expect(lines.length).toBeGreaterThan(10)
    expect(log).toContain('[redacted]')
    for (const secret of secrets) expect(log).not.toContain(secret)
  })
})
