import { WeChatError, type Code2SessionResult, type WeChatApi } from './wechat-api'

interface JsCode2SessionBody {
  openid?: string
  session_key?: string
  unionid?: string
  errcode?: number
  errmsg?: string
}

export class HttpWeChatApi implements WeChatApi {
  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
  ) {}

  async code2Session(code: string): Promise<Code2SessionResult> {
    const query = new URLSearchParams({ appid: this.appId, secret: this.secret, js_code: code, grant_type: 'authorization_code' })
    const body = await this.getJson<JsCode2SessionBody>(`/sns/jscode2session?${query}`)
    if (body.errcode || !body.openid || !body.session_key) {
      throw new WeChatError(body.errcode ?? -1, body.errmsg ?? 'missing openid')
    }
    return { openid: body.openid, sessionKey: body.session_key, ...(body.unionid && { unionid: body.unionid }) }
  }

  private async getJson<T>(pathAndQuery: string): Promise<T> {
    let res: Response
    try {
      res = await fetch(`${this.baseUrl}${pathAndQuery}`, { signal: AbortSignal.timeout(this.timeoutMs) })
    } catch (e) {
      throw new WeChatError(-1, `unreachable: ${(e as Error).message}`)
    }
    if (!res.ok) throw new WeChatError(-1, `HTTP ${res.status}`)
    return (await res.json()) as T
  }
}
