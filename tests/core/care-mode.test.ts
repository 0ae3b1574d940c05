import { isLargeSystemFont, shouldOfferCareMode } from '@/core/care-mode'

describe('isLargeSystemFont', () => {
  it('when WeChat\'s text size is 20 px or more, then it is large, and 17 px (标准) is not', () => {
    expect([20, 24, 17, 16].map((px) => isLargeSystemFont({ wechatFontPx: px }))).toEqual([true, true, false, false])
  })

  it('when WeChat does not tell the size, then it is not large', () => {
    expect(isLargeSystemFont({ wechatFontPx: undefined })).toBe(false)
  })

  it('when the browser\'s default text is above 16 px, then it is large, and 16 px is not', () => {
    expect([20, 17, 16].map((px) => isLargeSystemFont({ browserDefaultPx: px }))).toEqual([true, true, false])
  })
})

describe('shouldOfferCareMode', () => {
  it('when the text is large and nobody has chosen yet, then 关怀模式 is offered', () => {
    expect(shouldOfferCareMode(true, false)).toBe(true)
  })

  it('when the person already chose either way, or the text is normal, then it is not offered', () => {
    expect([shouldOfferCareMode(true, true), shouldOfferCareMode(false, false)]).toEqual([false, false])
  })
})
