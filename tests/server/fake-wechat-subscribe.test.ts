import { startFakeWeChat, type FakeWeChat } from '../../server/src/wechat/fake-wechat-server'
import { HttpWeChatApi } from '../../server/src/wechat/http-wechat-api'
import { WeChatError, type SubscribeMessage } from '../../server/src/wechat/wechat-api'

/** The fake speaks WeChat's token and subscribe-message formats; no database is involved, so one engine suffices. */
describe('fake WeChat: access token and subscribe messages', () => {
  const appId = 'wx_fake_subscribe'
  const secret = 'fake-subscribe-secret'
  let current: Date
  let fake: FakeWeChat
  beforeEach(async () => {
    current = new Date('2026-11-29T02:00:00Z')
    fake = await startFakeWeChat({ appId, secret, now: () => current })
  })
  afterEach(async () => { await fake.close() })

  const hours = (h: number) => { current = new Date(current.getTime() + h * 3600_000) }
  const getToken = async (query: Record<string, string>) =>
    (await fetch(`${fake.baseUrl}/cgi-bin/token?${new URLSearchParams(query)}`)).json()
  const aToken = async () => (await getToken({ grant_type: 'client_credential', appid: appId, secret })).access_token as string
  const aMessage = (over: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
    touser: 'oAbCdEf0123456789_xyz-',
    template_id: 'tmpl-bulletin',
    page: 'pages/bulletin/index?id=b1',
    data: { thing1: { value: '柏林镇警情通报' }, time2: { value: '2026年11月29日 10:00' }, thing3: { value: '请及时转发到群' } },
    miniprogram_state: 'developer',
    lang: 'zh_CN',
    ...over,
  })
  const send = async (token: string | null, body: unknown) => {
    const query = token === null ? '' : `?access_token=${encodeURIComponent(token)}`
    const res = await fetch(`${fake.baseUrl}/cgi-bin/message/subscribe/send${query}`, { method: 'POST', body: JSON.stringify(body) })
    return res.json() as Promise<{ errcode: number; errmsg: string }>
  }

  describe('GET /cgi-bin/token', () => {
    it('when the app credentials are right, then a token valid for 7200 seconds is granted', async () => {
      const body = await getToken({ grant_type: 'client_credential', appid: appId, secret })
      expect(body).toEqual({ access_token: expect.stringMatching(/^[\w-]{20,}$/), expires_in: 7200 })
      expect(fake.tokenGrants()).toBe(1)
    })

    it.each([
      ['a wrong secret', { grant_type: 'client_credential', appid: appId, secret: 'nope' }, 40001],
      ['a wrong appid', { grant_type: 'client_credential', appid: 'wx_other', secret }, 40013],
      ['a wrong grant type', { grant_type: 'authorization_code', appid: appId, secret }, 40002],
    ])('when asked with %s, then WeChat refuses with its errcode and a request id', async (_case, query, errcode) => {
      const body = await getToken(query)
      expect(body).toEqual({ errcode, errmsg: expect.stringMatching(/, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) })
      expect(fake.tokenGrants()).toBe(0)
    })
  })

  describe('POST /cgi-bin/message/subscribe/send', () => {
    it('when the token and the message are good, then it answers ok and the message can be read back', async () => {
      expect(await send(await aToken(), aMessage())).toEqual({ errcode: 0, errmsg: 'ok' })
      expect(fake.sentMessages()).toEqual([aMessage()])
    })

    it('when the token is missing, unknown or expired, then 41001, 40001 and 42001 come back', async () => {
      const token = await aToken()
      expect((await send(null, aMessage())).errcode).toBe(41001)
      expect((await send('not-a-token', aMessage())).errmsg).toMatch(/^invalid credential, access_token is invalid or not latest/)
      hours(2)
      expect((await send(token, aMessage())).errmsg).toMatch(/^access_token expired, rid: /)
      expect(fake.sentMessages()).toEqual([])
    })

    it('when a new token is granted, then the previous one keeps working for five minutes only', async () => {
      const old = await aToken()
      await aToken()
      current = new Date(current.getTime() + 4 * 60_000)
      expect((await send(old, aMessage())).errcode).toBe(0)
      current = new Date(current.getTime() + 60_000)
      expect((await send(old, aMessage())).errcode).toBe(42001)
    })

    it.each([
      ['an empty openid', { touser: '' }, 40003, 'invalid openid'],
      ['no template', { template_id: '' }, 40037, 'invalid template_id'],
      ['a thing longer than 20 characters', { data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }, 47003, 'argument invalid! data.thing1.value invalid'],
      ['a time in another format', { data: { time2: { value: '11/29 10:00' } } }, 47003, 'argument invalid! data.time2.value invalid'],
      ['a field kind WeChat does not have', { data: { colour1: { value: '红' } } }, 47003, 'argument invalid! data.colour1.value invalid'],
    ])('when the message has %s, then it is refused as WeChat would', async (_case, over, errcode, errmsg) => {
      expect(await send(await aToken(), aMessage(over as Partial<SubscribeMessage>))).toEqual({ errcode, errmsg: expect.stringContaining(`${errmsg}, rid: `) })
      expect(fake.sentMessages()).toEqual([])
    })

    it('when told to fail the next two sends with 43101, then exactly two are refused with it and the third passes', async () => {
      const token = await aToken()
      fake.failNextSends(43101, 2)
      const answers = [await send(token, aMessage()), await send(token, aMessage()), await send(token, aMessage())]
      expect(answers.map((a) => a.errcode)).toEqual([43101, 43101, 0])
      expect(answers[0].errmsg).toMatch(/^user refuse to accept the msg, rid: /)
      expect(fake.sentMessages()).toHaveLength(1)
    })
  })

  describe('HttpWeChatApi against the fake', () => {
    const client = () => new HttpWeChatApi(fake.baseUrl, appId, secret, 5000, () => current)

    it('when several sends go out, then one token is fetched and reused', async () => {
      const api = client()
      await Promise.all([api.sendSubscribeMessage(aMessage()), api.sendSubscribeMessage(aMessage()), api.getAccessToken()])
      await api.sendSubscribeMessage(aMessage())
      expect(fake.tokenGrants()).toBe(1)
      expect(fake.sentMessages()).toHaveLength(3)
    })

    it('when the token is about to expire, then a new one is fetched before WeChat would refuse the old one', async () => {
      const api = client()
      const first = await api.getAccessToken()
      hours(1.95)
      expect(await api.getAccessToken()).not.toBe(first)
      expect(fake.tokenGrants()).toBe(2)
    })

    it('when WeChat rejects the token, then the refusal is thrown and the next send fetches a new token', async () => {
      const api = client()
      const first = await api.getAccessToken()
      fake.failNextSends(40001)
      await expect(api.sendSubscribeMessage(aMessage())).rejects.toEqual(expect.objectContaining({ errcode: 40001 }))
      await api.sendSubscribeMessage(aMessage())
      expect(await api.getAccessToken()).not.toBe(first)
      expect(fake.tokenGrants()).toBe(2)
    })

    it('when WeChat refuses the message itself, then the refusal is thrown and the token is kept', async () => {
      const api = client()
      fake.failNextSends(43101)
      const error = await api.sendSubscribeMessage(aMessage()).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WeChatError)
      expect(error).toMatchObject({ errcode: 43101 })
      await api.sendSubscribeMessage(aMessage())
      expect(fake.tokenGrants()).toBe(1)
    })
  })
})
