import Taro from '@tarojs/taro'

/**
 * Back to the page the person came from. A page opened on its own (a reload, a shared link, a scanned code) has
 * nothing behind it, where navigateBack would do nothing at all: go to the tab instead.
 */
export function goBackOr(tab: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: tab })
}
