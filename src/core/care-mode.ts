/**
 * When to offer 关怀模式 on its own: a person who made their phone's text larger reads small type with effort.
 * Pure: the platform's reading of the system text size comes in as data.
 */

/**
 * WeChat's `fontSizeSetting` is the size, in px, chosen in 我-设置-通用-字体大小 (WeChat's own API docs, quoted in
 * Taro's typings). Its 标准 step is 16–17 px, so 20 px means the person moved the slider at least two steps up.
 */
export const LARGE_WECHAT_FONT_PX = 20

/** Every browser's default text size is 16 px ('medium'); a larger one was set by the person in its settings. */
export const BROWSER_DEFAULT_FONT_PX = 16

export type SystemFont = { wechatFontPx: number | undefined } | { browserDefaultPx: number }

export function isLargeSystemFont(font: SystemFont): boolean {
  if ('wechatFontPx' in font) return (font.wechatFontPx ?? 0) >= LARGE_WECHAT_FONT_PX
  return font.browserDefaultPx > BROWSER_DEFAULT_FONT_PX
}

/** Offered once: only while the person has never chosen, either way, on the offer or on 我的. */
export function shouldOfferCareMode(largeSystemFont: boolean, alreadyChosen: boolean): boolean {
  return largeSystemFont && !alreadyChosen
}
