import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for api.weixin.qq.com that speaks its real formats, for tests and the local demo: HTTP 200 with
 * `{ openid, session_key }` on success and `{ errcode, errmsg }` on refusal, exactly as WeChat answers.
 */
export interface FakeWeChat {
  baseUrl: string
  /** Mints a login code for this openid, as `wx.login` would on a phone. One use, valid 5 minutes. */
  issueCode(openid: string): string
  /** The next jscode2session call fails with this errcode (e.g. -1 system busy), whatever it asks. */
  failNext(errcode: number): void
  /** The session_key jscode2session last handed out for this openid, so that tests can seal group data as WeChat does. */
  sessionKeyOf(openid: string): string | undefined
  /** The next `times` subscribe-message sends fail with this errcode (43101, 45009, 40001, -1 …), whatever they carry. */
  failNextSends(errcode: number, times?: number): void
  /** The subscribe messages accepted so far, in order, as they were posted. */
  sentMessages(): SentSubscribeMessage[]
  /** How many access tokens /cgi-bin/token has granted. */
  tokenGrants(): number
  close(): Promise<void>
}

export interface FakeWeChatOptions {
  appId: string
  secret: string
  host?: string
  port?: number
  /** jscode2session calls allowed per minute before 45011. */
  minuteQuota?: number
  /** The fake's clock, so that tests can let codes expire. */
  now?: () => Date
}

export interface SentSubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
}

const CODE_TTL_MS = 5 * 60 * 1000
const TOKEN_TTL_S = 7200
/** A newly granted token leaves the previous one valid for five more minutes, as WeChat does. */
const TOKEN_OVERLAP_MS = 5 * 60 * 1000

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40037: 'invalid template_id',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
  47003: 'argument invalid!',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
}

interface IssuedCode {
  openid: string
  sessionKey: string
  issuedAt: number
  used: boolean
}

/** WeChat appends a request id to every errmsg, e.g. "invalid code, rid: 6561f0a2-1b2c3d4e-5f6a7b8c". */
function rid(): string {
  return [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-')
}

function refusal(errcode: number, errmsg = ERRMSG[errcode] ?? 'system error') {
  return { errcode, errmsg: `${errmsg}, rid: ${rid()}` }
}

/** WeChat's limits on subscribe-message values, by the field's kind (the key without its number). */
const FIELD_RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => Array.from(v).length >= 1 && Array.from(v).length <= 20,
  name: (v) => Array.from(v).length >= 1 && Array.from(v).length <= 10,
  phrase: (v) => /^[\u4e00-\u9fa5]{1,5}$/.test(v),
  number: (v) => /^[-+]?\d+(\.\d+)?$/.test(v) && v.length <= 32,
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  date: (v) => /^\d{4}(年\d{1,2}月\d{1,2}日|-\d{2}-\d{2})( \d{1,2}:\d{2})?$/.test(v),
  time: (v) => /^(\d{4}(年\d{1,2}月\d{1,2}日|-\d{2}-\d{2}) )?\d{1,2}:\d{2}$/.test(v),
}

/** The first field WeChat would refuse with 47003, or null when all pass. */
function invalidField(data: unknown): string | null {
  if (!data || typeof data !== 'object') return 'data'
  for (const [key, field] of Object.entries(data as Record<string, unknown>)) {
    const value = (field as { value?: unknown } | null)?.value
    const rule = FIELD_RULES[key.replace(/\d+$/, '')]
    if (!rule || typeof value !== 'string' || !rule(value)) return `data.${key}.value`
  }
  return null
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; encoding=utf-8' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function startFakeWeChat(opts: FakeWeChatOptions): Promise<FakeWeChat> {
  const now = opts.now ?? (() => new Date())
  const minuteQuota = opts.minuteQuota ?? 5000
  const codes = new Map<string, IssuedCode>()
  const failures: number[] = []
  let quotaMinute = -1
  let quotaUsed = 0

  const issueCode = (openid: string) => {
    const code = randomBytes(16).toString('hex')
    codes.set(code, { openid, sessionKey: randomBytes(16).toString('base64'), issuedAt: now().getTime(), used: false })
    return code
  }

  const jscode2session = (query: URLSearchParams) => {
    if (query.get('appid') !== opts.appId) return refusal(40013)
    if (query.get('secret') !== opts.secret) return refusal(40125)
    const forced = failures.shift()
    if (forced !== undefined) return refusal(forced)
    const minute = Math.floor(now().getTime() / 60000)
    if (minute !== quotaMinute) {
      quotaMinute = minute
      quotaUsed = 0
    }
    if (++quotaUsed > minuteQuota) return refusal(45011)
    const issued = codes.get(query.get('js_code') ?? '')
    if (!issued || query.get('grant_type') !== 'authorization_code') return refusal(40029)
    if (issued.used) return refusal(40163)
    if (now().getTime() - issued.issuedAt > CODE_TTL_MS) return refusal(40029)
    issued.used = true
    return { openid: issued.openid, session_key: issued.sessionKey }
  }

  /** access token → when it stops being accepted (ms, on the fake's clock). */
  const tokens = new Map<string, number>()
  const sendFailures: number[] = []
  const sent: SentSubscribeMessage[] = []

  const grantToken = (query: URLSearchParams) => {
    if (query.get('grant_type') !== 'client_credential') return refusal(40002)
    if (query.get('appid') !== opts.appId) return refusal(40013)
    if (query.get('secret') !== opts.secret) return refusal(40001)
    const at = now().getTime()
    for (const [token, expiresAt] of tokens) tokens.set(token, Math.min(expiresAt, at + TOKEN_OVERLAP_MS))
    const token = randomBytes(24).toString('base64url')
    tokens.set(token, at + TOKEN_TTL_S * 1000)
    return { access_token: token, expires_in: TOKEN_TTL_S }
  }

  const sendSubscribe = (query: URLSearchParams, text: string) => {
    const token = query.get('access_token')
    if (!token) return refusal(41001)
    const forced = sendFailures.shift()
    if (forced !== undefined) return refusal(forced)
    const expiresAt = tokens.get(token)
    if (expiresAt === undefined) return refusal(40001)
    if (now().getTime() >= expiresAt) return refusal(42001)
    let message: SentSubscribeMessage
    try {
      message = JSON.parse(text) as SentSubscribeMessage
    } catch {
      return refusal(47001)
    }
    if (typeof message.touser !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(message.touser)) return refusal(40003)
    if (typeof message.template_id !== 'string' || !message.template_id) return refusal(40037)
    const field = invalidField(message.data)
    if (field) return refusal(47003, `argument invalid! ${field} invalid`)
    sent.push(message)
    return { errcode: 0, errmsg: 'ok' }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return sendJson(res, 200, jscode2session(url.searchParams))
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') return sendJson(res, 200, grantToken(url.searchParams))
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      readBody(req)
        .then((text) => sendJson(res, 200, sendSubscribe(url.searchParams, text)))
        .catch(() => sendJson(res, 200, refusal(47001)))
      return
    }
    if (req.method === 'POST' && url.pathname === '/__fake/codes') {
      readBody(req)
        .then((text) => {
          const openid = (JSON.parse(text) as { openid?: unknown }).openid
          if (typeof openid !== 'string' || !openid) return sendJson(res, 400, { errcode: 40003, errmsg: 'invalid openid' })
          sendJson(res, 200, { code: issueCode(openid) })
        })
        .catch(() => sendJson(res, 400, { errcode: 47001, errmsg: 'data format error' }))
      return
    }
    sendJson(res, 404, { errcode: 40066, errmsg: `invalid url, rid: ${rid()}` })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    baseUrl: `http://${host}:${address.port}`,
    issueCode,
    failNext: (errcode) => {
      failures.push(errcode)
    },
    sessionKeyOf: (openid) => [...codes.values()].filter((c) => c.openid === openid && c.used).at(-1)?.sessionKey,
    failNextSends: (errcode, times = 1) => {
      for (let i = 0; i < times; i++) sendFailures.push(errcode)
    },
    sentMessages: () => [...sent],
    tokenGrants: () => tokens.size,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      }),
  }
}
