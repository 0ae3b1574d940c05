/**
 * Everything the server asks of WeChat, behind one interface. The real client speaks HTTP to WECHAT_API_BASE;
 * tests and the local demo point that at the fake server in fake-wechat-server.ts, which speaks the same formats.
 */
export interface Code2SessionResult {
  openid: string
  sessionKey: string
  unionid?: string
}

export interface WeChatApi {
  /** `GET /sns/jscode2session`. Throws WeChatError with WeChat's errcode on refusal. */
  code2Session(code: string): Promise<Code2SessionResult>
}

/** A refusal from WeChat, carrying its numeric errcode (40029 invalid code, 40163 code used, 45011 rate limit, -1 busy). */
export class WeChatError extends Error {
  constructor(public readonly errcode: number, public readonly errmsg: string) {
    super(`WeChat error ${errcode}: ${errmsg}`)
  }
}
