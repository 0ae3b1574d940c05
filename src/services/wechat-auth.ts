import Taro from '@tarojs/taro'
import { ApiError } from './api-client'

const LOGIN_FAILED = '微信登录失败，请稍后重试'

/** The one-time login code (valid 5 minutes) that the server exchanges through code2Session. WeChat only. */
export async function getWeChatLoginCode(): Promise<string> {
  let code: string | undefined
  try {
    code = (await Taro.login()).code
  } catch {
    throw new ApiError('WECHAT_LOGIN_FAILED', LOGIN_FAILED, 0)
  }
  if (!code) throw new ApiError('WECHAT_LOGIN_FAILED', LOGIN_FAILED, 0)
  return code
}
