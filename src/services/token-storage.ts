import Taro from '@tarojs/taro'

/** Where the session token lives; the API client and the session store share one. */
export interface TokenStore {
  get(): string | null
  /** `endedBecause`: the server's words when it refused the session (e.g. the account was deactivated). */
  set(token: string | null, endedBecause?: string): void
}

const TOKEN_KEY = 'xuanfang.token'

/** Keeps the token in WeChat/H5 storage so that a restart keeps the user signed in. */
export class TokenStorage implements TokenStore {
  get(): string | null {
    const value: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof value === 'string' && value !== '' ? value : null
  }

  set(token: string | null): void {
    if (token) Taro.setStorageSync(TOKEN_KEY, token)
    else Taro.removeStorageSync(TOKEN_KEY)
  }
}
