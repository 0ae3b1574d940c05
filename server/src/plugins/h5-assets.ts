import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** Webpack names code, styles and images after their content (`app.8908e484.js`): such a file never changes. */
const CONTENT_HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+(\.br|\.gz)?$/i

export const IMMUTABLE = 'public, max-age=31536000, immutable'
/** The shell names the current build's files: a phone must ask again every time, or it keeps an old build. */
export const REVALIDATE = 'no-cache'

function cacheHeaders(res: SetHeadersResponse, path: string) {
  res.setHeader('Cache-Control', CONTENT_HASHED.test(basename(path)) ? IMMUTABLE : REVALIDATE)
  // The same URL is answered as br, gzip or plain: caches on the way must keep them apart.
  res.setHeader('Vary', 'accept-encoding')
}

/**
 * One port serves the app and the API. Hashed files go out as the .br/.gz written at build time
 * (scripts/precompress-h5.js) and are cached for a year; index.html is compressed per request by @fastify/compress.
 */
export async function registerH5Assets(app: FastifyInstance, h5Dir: string) {
  const root = resolve(h5Dir)
  if (!existsSync(resolve(root, 'index.html'))) return
  await app.register(fastifyStatic, {
    root, prefix: '/', wildcard: true, index: ['index.html'],
    preCompressed: true, cacheControl: false, setHeaders: cacheHeaders,
  })
}
