// WeChat's side of the suite, in its own process: the project's fake WeChat (code2Session, subscribe sends) plus
// what a phone's WeChat would know and a test needs: a login code for "this phone's user", and the session key
// that user's login handed out, so that a test can seal group data (getGroupEnterInfo) as WeChat does.
// Prints one JSON line { wechatBase, controlBase } once both listen.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startFakeWeChat } from '../../../server/src/wechat/fake-wechat-server'

const appId = process.env.WECHAT_APPID ?? 'wx0000000000demo00'
const secret = process.env.WECHAT_SECRET ?? 'demo-wechat-secret'

async function main() {
  const fake = await startFakeWeChat({ appId, secret, host: '127.0.0.1', port: 0 })
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control')
    const openid = url.searchParams.get('openid') ?? ''
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (!openid) return send(400, { error: 'openid required' })
    if (url.pathname === '/code') return send(200, { code: fake.issueCode(openid) })
    if (url.pathname === '/session-key') return send(200, { sessionKey: fake.sessionKeyOf(openid) ?? null })
    send(404, { error: 'not found' })
  })
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', () => resolve()))
  const { port } = control.address() as AddressInfo
  console.log(JSON.stringify({ wechatBase: fake.baseUrl, controlBase: `http://127.0.0.1:${port}` }))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
