import Fastify from 'fastify'
import { sql } from 'kysely'
import { HOUSEHOLD_IMPORT_COLUMNS } from '@/core/households'
import { testConfig } from '../../server/src/config'
import { registerErrorHandler } from '../../server/src/plugins/error-handler'
import { acceptImportUploads, uploadedFile } from '../../server/src/plugins/import-upload'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { multipartFile } from './helpers/upload'
import { aZip, zeros } from './helpers/zip-builder'

const LIMITS = testConfig().imports
const header = Buffer.from(`<sheetData>${HOUSEHOLD_IMPORT_COLUMNS.join('')}</sheetData>`)

describe.each(ENGINES)('bounded imports on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  async function importAs(file: Buffer, url = '/api/households/import') {
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.county.id }] })
    const { payload, headers } = multipartFile(file, { filename: 'households.xlsx' })
    return t.app.inject({ method: 'POST', url, payload, headers: { ...headers, ...bearer(await signIn(t, admin.id)) } })
  }
  const householdCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM households`.execute(t.db)).rows[0].n

  it('when an .xlsx declares more inflated bytes than the limit (a zip bomb), then it is refused with 413 IMPORT_TOO_LARGE in Chinese before it is read', async () => {
    const bomb = aZip([{ name: '[Content_Types].xml', data: header }, { name: 'xl/worksheets/sheet1.xml', data: zeros(LIMITS.maxUnzippedBytes / 1024 / 1024 + 8) }])
    expect(bomb.length).toBeLessThan(LIMITS.maxUnzippedBytes / 100)
    const res = await importAs(bomb)
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ code: 'IMPORT_TOO_LARGE', message: expect.stringMatching(/^导入文件解压后过大.*解压后不超过 30 MB、不超过 200 个文件/) })
    expect(await householdCount()).toBe(0)
  })

  it('when an entry declares a small size but inflates far beyond it, then it is refused as too large', async () => {
    const liar = aZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(64), declaredSize: 1024 }])
    const res = await importAs(liar)
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('IMPORT_TOO_LARGE')
  })

  it('when an .xlsx holds more entries than the limit, then it is refused with 413', async () => {
    const many = aZip(Array.from({ length: LIMITS.maxZipEntries + 1 }, (_, i) => ({ name: `xl/media/${i}.xml`, data: Buffer.from('x') })))
    const res = await importAs(many, '/api/questions/import')
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('IMPORT_TOO_LARGE')
  })

  it('when a file starts like a zip but its directory is cut off, then it is refused as unreadable, not as a server error', async () => {
    const cut = aZip([{ name: 'xl/worksheets/sheet1.xml', data: header }]).subarray(0, 40)
    const res = await importAs(cut, '/api/regions/import')
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('IMPORT_FILE_UNREADABLE')
  })

  it('when six zip bombs arrive at once, then each is refused and the health check still answers', async () => {
    const bomb = aZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(64) }])
    const answers = await Promise.all([...Array.from({ length: 6 }, () => importAs(bomb)), t.app.inject({ method: 'GET', url: '/api/health' })])
    const refusals = answers.slice(0, 6).map((a) => `${a.statusCode} ${a.json().code}`)
    for (const refusal of refusals) expect(['413 IMPORT_TOO_LARGE', '429 IMPORT_BUSY']).toContain(refusal)
    expect(answers[6].statusCode).toBe(200)
    expect(await householdCount()).toBe(0)
  })
})

describe('import slots', () => {
  /** An app whose import route waits, holding its slot, until the test lets it finish. */
  async function gatedImports(concurrency: number) {
    const app = Fastify()
    registerErrorHandler(app)
    const gates: (() => void)[] = []
    await app.register(async (scope) => {
      await acceptImportUploads(scope, { ...LIMITS, concurrency })
      scope.post('/import', async (req) => {
        const { fileName } = await uploadedFile(req, '.csv')
        if (fileName === 'fail.csv') throw new Error('the import failed')
        await new Promise<void>((resolve) => gates.push(resolve))
        return { imported: fileName }
      })
    })
    const send = (fileName: string) => {
      const { payload, headers } = multipartFile(Buffer.from('a,b\n'), { filename: fileName, contentType: 'text/csv' })
      return app.inject({ method: 'POST', url: '/import', payload, headers })
    }
    const waitForGates = async (n: number) => { while (gates.length < n) await new Promise((r) => setImmediate(r)) }
    return { app, gates, send, waitForGates }
  }

  it('when more imports arrive than there are slots, then the extra one answers 429 IMPORT_BUSY in Chinese and a later one is read once a slot is free', async () => {
    const { app, gates, send, waitForGates } = await gatedImports(1)
    const first = send('first.csv')
    await waitForGates(1)
    const busy = await send('second.csv')
    expect(busy.statusCode).toBe(429)
    expect(busy.json()).toEqual({ code: 'IMPORT_BUSY', message: '正在处理其他导入，请稍后再试' })
    gates[0]()
    expect((await first).json()).toEqual({ imported: 'first.csv' })
    const third = send('third.csv')
    await waitForGates(2)
    gates[1]()
    expect((await third).json()).toEqual({ imported: 'third.csv' })
    await app.close()
  })

  it('when an import fails, then its slot is given back', async () => {
    const { app, gates, send, waitForGates } = await gatedImports(1)
    expect((await send('fail.csv')).statusCode).toBe(500)
    const next = send('next.csv')
    await waitForGates(1)
    gates[0]()
    expect((await next).statusCode).toBe(200)
    await app.close()
  })
})
