import { classifyWeChatErrcode } from '#core/outbox'
import { WeChatError, type Code2SessionResult, type SubscribeMessage, type WeChatApi } from './wechat-api'

/** A token is renewed this long before WeChat says it expires, so that no send goes out with a dying one. */
const TOKEN_REFRESH_MARGIN_S = 300

interface AccessTokenBody {
  access_token?: string
  expires_in?: number
  errcode?: number
  errmsg?: string
}

interface ReplyBody {
  errcode?: number
  errmsg?: string
}

interface JsCode2SessionBody {
  openid?: string
  session_key?: string
  unionid?: string
  errcode?: number
  errmsg?: string
}

export class HttpWeChatApi implements WeChatApi {
  private token: { value: string; renewAt: number } | null = null
  /** One token request at a time: each grant invalidates the previous token at WeChat within minutes. */
  private tokenRequest: Promise<string> | null = null

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getAccessToken(): Promise<string> {
    if (this.token && this.now().getTime() < this.token.renewAt) return this.token.value
    this.tokenRequest ??= this.fetchAccessToken().finally(() => {
      this.tokenRequest = null
    })
    return this.tokenRequest
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const token = await this.getAccessToken()
    const body = await this.postJson<ReplyBody>(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, message)
    if (!body.errcode) return
    if (classifyWeChatErrcode(body.errcode) === 'refresh_token' && this.token?.value === token) this.token = null
    throw new WeChatError(body.errcode, body.errmsg ?? 'unknown error')
  }

  private async fetchAccessToken(): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.appId, secret: this.secret })
    const body = await this.getJson<AccessTokenBody>(`/cgi-bin/token?${query}`)
    if (body.errcode || !body.access_token || !body.expires_in) {
      throw new WeChatError(body.errcode ?? -1, body.errmsg ?? 'missing access_token')
    }
    const margin = Math.min(TOKEN_REFRESH_MARGIN_S, body.expires_in / 2)
    this.token = { value: body.access_token, renewAt: this.now().getTime() + (body.expires_in - margin) * 1000 }
    return body.access_token
  }

  async code2Session(code: string): Promise<Code2SessionResult> {
    const query = new URLSearchParams({ appid: this.appId, secret: this.secret, js_code: code, grant_type: 'authorization_code' })
    const body = await this.getJson<JsCode2SessionBody>(`/sns/jscode2session?${query}`)
    if (body.errcode || !body.openid || !body.session_key) {
      throw new WeChatError(body.errcode ?? -1, body.errmsg ?? 'missing openid')
    }
    return { openid: body.openid, sessionKey: body.session_key, ...(body.unionid && { unionid: body.unionid }) }
  }

  private getJson<T>(pathAndQuery: string): Promise<T> {
    return this.requestJson<T>(pathAndQuery, {})
  }

  private postJson<T>(pathAndQuery: string, body: unknown): Promise<T> {
    return this.requestJson<T>(pathAndQuery, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  }

  private async requestJson<T>(pathAndQuery: string, init: RequestInit): Promise<T> {
    let res: Response
    try {
      res = await fetch(`${this.baseUrl}${pathAndQuery}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) })
    } catch (e) {
      throw new WeChatError(-1, `unreachable: ${(e as Error).message}`)
    }
    if (!res.ok) throw new WeChatError(-1, `HTTP ${res.status}`)
    return (await res.json()) as T
  }
}
