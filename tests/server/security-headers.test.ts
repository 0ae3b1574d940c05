import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const SHELL_SCRIPT = '!function(n){n.documentElement.style.fontSize="20px"}(document)'

/** A stand-in for the H5 build: the shell with Taro's inline script, as `npm run build:h5` writes it. */
function anH5Build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xuanfang-h5-'))
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html><html><head><script>${SHELL_SCRIPT}</script><script src="/js/app.js"></script></head><body><div id="app"></div></body></html>`)
  return dir
}

describe.each(ENGINES)('security headers on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine, { h5Dir: anH5Build() }) })
  afterEach(async () => { await t.close() })

  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]))

  it('when the H5 page is loaded, then its CSP allows the shell\'s own inline script by hash and forbids eval, inline scripts and framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    const csp = directives(String(res.headers['content-security-policy']))
    const hash = `'sha256-${createHash('sha256').update(SHELL_SCRIPT).digest('base64')}'`
    expect(csp.get('script-src')).toEqual(["'self'", hash, "'unsafe-hashes'", `'sha256-${createHash('sha256').update('javascript:;').digest('base64')}'`])
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'")
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-eval/)
  })

  it.each(['/', '/api/health', '/api/nowhere'])('when %s is requested, then the answer forbids framing and MIME sniffing and sends no Referer', async (url) => {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
  })

  it('when another origin asks, then no CORS header lets it read the answer', async () => {
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/health', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } })
    const get = await t.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } })
    for (const res of [preflight, get]) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
      expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    }
  })
})
