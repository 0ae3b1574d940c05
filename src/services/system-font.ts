import Taro from '@tarojs/taro'
import type { SystemFont } from '@/core/care-mode'

/** How large the person set the phone's or the browser's text; unknown counts as the standard size. */
export function readSystemFont(): SystemFont {
  try {
    if (process.env.TARO_ENV === 'h5') {
      // 'medium' is the browser's default size as its user set it; the root element's own size is Taro's rem
      // scale (20–40 px by the screen's width), not anyone's choice.
      const probe = document.createElement('div')
      probe.style.fontSize = 'medium'
      document.body.appendChild(probe)
      const px = parseFloat(getComputedStyle(probe).fontSize)
      probe.remove()
      return { browserDefaultPx: Number.isFinite(px) ? px : 16 }
    }
    return { wechatFontPx: Taro.getSystemInfoSync().fontSizeSetting }
  } catch {
    return { wechatFontPx: undefined }
  }
}
