import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

/** Code that compresses well, like a real bundle: a few KB of repeated statements. */
const BUNDLE = Array.from({ length: 400 }, (_, i) => `var x${i}=document.getElementById("a${i}");`).join('\n')

/** An H5 build as `npm run build:h5` leaves it, compressed by the same post-build step. */
function anH5Build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xuanfang-h5-'))
  mkdirSync(join(dir, 'js'))
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html><html><head><script src="/js/app.0a1b2c3d.js"></script></head><body><div id="app"></div>${'<p>反诈宣防通</p>'.repeat(100)}</body></html>`)
  writeFileSync(join(dir, 'js', 'app.0a1b2c3d.js'), BUNDLE)
  writeFileSync(join(dir, 'sw.js'), `self.__precache=[{url:"js/app.0a1b2c3d.js",revision:null}];\n${BUNDLE}`)
  execFileSync(process.execPath, [join(__dirname, '../../scripts/precompress-h5.js'), dir])
  return dir
}

describe.each(ENGINES)('H5 compression and caching on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine, { h5Dir: anH5Build() }) })
  afterEach(async () => { await t.close() })

  const get = (url: string, acceptEncoding: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': acceptEncoding } })

  it('when a phone that accepts brotli asks for a hashed script, then it gets the brotli file, cached for a year as immutable', async () => {
    const res = await get('/js/app.0a1b2c3d.js', 'gzip, deflate, br')

    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(BUNDLE)
  })

  it('when a phone accepts only gzip, then the hashed script comes gzipped, still immutable', async () => {
    const res = await get('/js/app.0a1b2c3d.js', 'gzip')

    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(gunzipSync(res.rawPayload).toString()).toBe(BUNDLE)
  })

  it('when a client accepts no compression, then the hashed script comes as it is', async () => {
    const res = await get('/js/app.0a1b2c3d.js', 'identity')

    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.payload).toBe(BUNDLE)
  })

  it('when the app shell is loaded, then it comes compressed and must be revalidated every time', async () => {
    const res = await get('/', 'gzip, deflate, br')

    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(brotliDecompressSync(res.rawPayload).toString()).toContain('反诈宣防通')
  })

  it('when the browser checks for a new service worker, then sw.js must be revalidated every time, never kept for a year', async () => {
    const res = await get('/sw.js', 'gzip, deflate, br')

    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(brotliDecompressSync(res.rawPayload).toString()).toContain('self.__precache')
  })

  it('when an API answer is large enough, then it comes compressed for a client that accepts gzip', async () => {
    const res = await get('/api/docs/json', 'gzip')

    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).info.title).toBe('反诈宣防通 API')
  })
})
