import type { FastifyInstance } from 'fastify'
import { ERRORS } from '#core/errors'
import { AppError } from '../errors'

/**
 * PostgreSQL refuses NUL in text and lone surrogates in jsonb ("\ud800" is valid JSON but no Unicode), and the
 * `pg` driver turns a lone surrogate in text into U+FFFD: either a 500 or a value not stored as sent. So every
 * string that comes in (path, query, body, the headers we read, multipart fields and file names) passes this
 * one rule: stored as sent, or refused here with 400 INVALID_CHARACTERS.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Headers the server reads; the HTTP parser already refuses NUL in headers, this keeps the rule in one place. */
const READ_HEADERS = ['authorization', 'content-type', 'user-agent', 'x-forwarded-for', 'if-none-match'] as const

export const isStorableText = (text: string) => !UNSTORABLE.test(text)

/** Where the first unstorable string (or object key) in `value` is, as a JSON pointer; null when none. */
export function findUnstorable(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '/'
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}/${i}`)
      if (found !== null) return found
    }
    return null
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return `${path}/${encodeKey(key)}`
    const found = findUnstorable(item, `${path}/${key}`)
    if (found !== null) return found
  }
  return null
}

const encodeKey = (key: string) => key.replace(UNSTORABLE, '?')

const PLACES = { params: '路径参数', query: '查询参数', body: '请求体', headers: '请求头', multipart: '上传表单' } as const

export function unstorableIn(place: keyof typeof PLACES, path: string): AppError {
  return new AppError('INVALID_CHARACTERS', 400, `${PLACES[place]}${path === '/' ? '' : ` ${path.slice(1).replace(/\//g, '.')} `}${ERRORS.INVALID_CHARACTERS.replace(/^提交的内容/, '')}`, [{ path }])
}

/** Checks every request before validation, so no route can forget it. */
export function refuseUnstorableStrings(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const headers: Record<string, unknown> = {}
    for (const name of READ_HEADERS) headers[name] = request.headers[name]
    const parts = { params: request.params, query: request.query, body: request.body, headers } as const
    for (const place of Object.keys(parts) as (keyof typeof parts)[]) {
      const found = findUnstorable(parts[place])
      if (found !== null) throw unstorableIn(place, found)
    }
  })
}

/** Multipart names and text fields pass the same string rule as every other input. */
export function refuseUnstorablePart(part: { filename?: string; fieldname: string; fields?: Record<string, unknown> }) {
  for (const text of [part.fieldname, part.filename ?? '']) {
    if (findUnstorable(text) !== null) throw unstorableIn('multipart', `/${part.fieldname}`)
  }
  for (const [name, field] of Object.entries(part.fields ?? {})) {
    const value = (field as { value?: unknown } | undefined)?.value
    if (findUnstorable(name) !== null || findUnstorable(value) !== null) throw unstorableIn('multipart', `/${name}`)
  }
}
