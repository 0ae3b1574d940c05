import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const CHINESE = /[\u4e00-\u9fff]/

/** Sends raw bytes to the listening server and resolves with the status and the JSON body it answered. */
function rawRequest(port: number, bytes: string): Promise<{ status: number; body: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let answer = ''
    socket.on('data', (chunk) => { answer += chunk.toString('utf8') })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head, body] = answer.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) })
    })
  })
}

describe.each(ENGINES)('every error in the app\'s format on %s', (engine) => {
  let t: TestApp
  let port: number
  beforeEach(async () => {
    t = await startTestApp(engine)
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    port = (t.app.server.address() as AddressInfo).port
  })
  afterEach(async () => { await t.close() })

  it('when the headers are larger than Node accepts, then the answer is 431 HEADERS_TOO_LARGE in Chinese, not Node\'s English', async () => {
    const res = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`)
    expect(res).toEqual({ status: 431, body: { code: 'HEADERS_TOO_LARGE', message: '请求头过大' } })
  })

  it('when the request cannot be parsed as HTTP, then the answer is 400 BAD_REQUEST in Chinese', async () => {
    const res = await rawRequest(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ code: 'BAD_REQUEST', message: '请求格式不正确' })
  })

  it('when a path parameter is not valid percent-encoding, then the answer is 400 URL_MALFORMED in Chinese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/knowledge/%E0%A4%A' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ code: 'URL_MALFORMED', message: '请求地址格式不正确' })
  })

  describe('body refusals', () => {
    const send = async (payload: string | Buffer, contentType: string) => {
      const tree = await aRegionTree(t.db)
      const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.county.id }] })
      return t.app.inject({ method: 'PUT', url: '/api/knowledge/fake_police', headers: { ...bearer(await signIn(t, admin.id)), 'content-type': contentType }, payload })
    }

    it.each([
      ['JSON that does not parse', '{"summary": ', 'application/json', 400, 'INVALID_JSON'],
      ['a body over 1 MB', `{"summary":"${'a'.repeat(1_100_000)}"}`, 'application/json', 413, 'BODY_TOO_LARGE'],
      ['a content type the server does not read', '<summary/>', 'application/xml', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ])('when a request sends %s, then the answer is {code, message} in Chinese', async (_, payload, contentType, status, code) => {
      const res = await send(payload, contentType)
      expect(res.statusCode).toBe(status)
      expect(res.json()).toEqual({ code, message: expect.stringMatching(CHINESE) })
    })
  })
})
