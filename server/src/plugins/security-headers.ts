import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * The H5 shell's inline scripts (Taro's rem sizing script) by their sha256, so that script-src needs neither
 * 'unsafe-inline' nor 'unsafe-eval'. Read from the build being served: a rebuilt shell is hashed on start.
 */
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/**
 * Taro's H5 tab bar items are `<a href="javascript:;">`: with a click handler doing the work, the no-op URL still
 * counts as inline script. 'unsafe-hashes' with this one hash lets exactly that URL run, and nothing else.
 */
export const TAB_BAR_LINK = ["'unsafe-hashes'", sha256('javascript:;')]

export function inlineScriptHashes(h5Dir: string): string[] {
  const index = resolve(h5Dir, 'index.html')
  if (!existsSync(index)) return []
  const html = readFileSync(index, 'utf8')
  const hashes: string[] = []
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(sha256(m[1]))
  }
  return hashes
}

/**
 * Defensive headers on every answer, pages and API alike: a CSP the H5 build runs under (no eval, no inline
 * script but the shell's own, hashed), no framing at all (staff pages reveal phones and redeem prizes), no MIME
 * sniffing and no Referer (door-label URLs carry a token). CORS stays closed: no CORS plugin is registered, so
 * browsers keep other origins from reading answers.
 */
export async function registerSecurityHeaders(app: FastifyInstance, h5Dir: string) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...inlineScriptHashes(h5Dir), ...TAB_BAR_LINK],
        // Taro's H5 components and NutUI insert <style> elements at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Served over plain HTTP in the local demo; the TLS front decides about HSTS in production.
    strictTransportSecurity: false,
  })
}
