import { doorPageUrl, doorTokenFrom, doorTokenFromParams } from '@/pages/door/door-link'

const TOKEN = 'Xq3_9aZ-0bYcDdEeFfGgHh'

describe('door links', () => {
  it('when a label URL is scanned, then its token is taken from the /h/ path', () => {
    expect(doorTokenFrom(`https://fz.example.cn/h/${TOKEN}`)).toBe(TOKEN)
  })

  it('when a bare token is scanned, then it is used as is', () => {
    expect(doorTokenFrom(TOKEN)).toBe(TOKEN)
  })

  it('when WeChat passes the label URL encoded in q, then the token is found', () => {
    expect(doorTokenFromParams({ q: encodeURIComponent(`https://fz.example.cn/h/${TOKEN}?from=door`) })).toBe(TOKEN)
  })

  it('when the page gets token, then it wins over q', () => {
    expect(doorTokenFromParams({ token: TOKEN, q: encodeURIComponent('https://fz.example.cn/h/other-token-123456') })).toBe(TOKEN)
  })

  it.each([
    ['a payment code', 'https://qr.alipay.com/fkx12345?t=1'],
    ['a sentence', '请扫描门牌'],
    ['nothing', ''],
  ])('when %s is scanned, then no token is found', (_what, scanned) => {
    expect(doorTokenFrom(scanned)).toBeNull()
  })

  it('when a door page URL is built, then the token goes in the token parameter', () => {
    expect(doorPageUrl(TOKEN)).toBe(`/pages/door/index?token=${TOKEN}`)
  })
})
