/**
 * Everything the server asks of WeChat, behind one interface. The real client speaks HTTP to WECHAT_API_BASE;
 * tests and the local demo point that at the fake server in fake-wechat-server.ts, which speaks the same formats.
 */
export interface Code2SessionResult {
  openid: string
  sessionKey: string
  unionid?: string
}

/** The body of `POST /cgi-bin/message/subscribe/send`, in WeChat's own field names. */
export interface SubscribeMessage {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
  miniprogram_state: 'developer' | 'trial' | 'formal'
  lang: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
}

export interface WeChatApi {
  /** `GET /sns/jscode2session`. Throws WeChatError with WeChat's errcode on refusal. */
  code2Session(code: string): Promise<Code2SessionResult>
  /** `GET /cgi-bin/token`, cached until shortly before it expires. Throws WeChatError on refusal. */
  getAccessToken(): Promise<string>
  /**
   * `POST /cgi-bin/message/subscribe/send` with the cached token. Throws WeChatError on refusal; after a token
   * error (40001, 42001) the cached token is dropped, so the next call fetches a new one.
   */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>
}

/** A refusal from WeChat, carrying its numeric errcode (40029 invalid code, 40163 code used, 45011 rate limit, -1 busy). */
export class WeChatError extends Error {
  constructor(public readonly errcode: number, public readonly errmsg: string) {
    super(`WeChat error ${errcode}: ${errmsg}`)
  }
}
