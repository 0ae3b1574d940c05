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

const CODE_TTL_MS = 5 * 60 * 1000

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
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

function refusal(errcode: number) {
  return { errcode, errmsg: `${ERRMSG[errcode] ?? 'system error'}, rid: ${rid()}` }
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

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return sendJson(res, 200, jscode2session(url.searchParams))
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      }),
  }
}
