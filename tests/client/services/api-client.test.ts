import { SessionToken } from '@/stores/session-token'
import { ApiClient, ApiError, type HttpRequest } from '@/services/api-client'
import { MemoryTokens } from '../support/root'

const answering = (statusCode: number, data: unknown): HttpRequest => () => Promise.resolve({ statusCode, data })

describe('ApiClient', () => {
  it('when a token is stored, then requests carry it as a bearer token', async () => {
    const http = jest.fn(answering(200, { id: 'u1', displayName: '张三', roles: [] }))
    await new ApiClient(new MemoryTokens('abc'), 'http://api', http).me()

    expect(http).toHaveBeenCalledWith(expect.objectContaining({
      url: 'http://api/api/me', method: 'GET', header: expect.objectContaining({ Authorization: 'Bearer abc' }),
    }))
  })

  it('when listing households, then the query goes into the URL', async () => {
    const http = jest.fn(answering(200, { items: [], total: 0 }))
    await new ApiClient(new MemoryTokens(), '', http).households({ regionId: 'g1', q: '东胜 1号', page: 2, pageSize: 20 })

    expect(http.mock.calls[0][0].url).toBe('/api/households?regionId=g1&q=%E4%B8%9C%E8%83%9C%201%E5%8F%B7&page=2&pageSize=20')
  })

  it('when the server sends {code, message}, then the client rejects with an ApiError carrying them', async () => {
    const client = new ApiClient(new MemoryTokens('abc'), '', answering(403, { code: 'FORBIDDEN', message: '您没有权限执行此操作' }))

    await expect(client.regionTree()).rejects.toEqual(new ApiError('FORBIDDEN', '您没有权限执行此操作', 403))
  })

  it('when the network fails, then the error is NETWORK with a Chinese message', async () => {
    const client = new ApiClient(new MemoryTokens(), '', () => Promise.reject(new Error('request:fail')))

    await expect(client.me()).rejects.toMatchObject({ code: 'NETWORK', message: '网络不可用，请检查网络后重试', status: 0 })
  })

  it.each(['AUTH_INVALID', 'AUTH_EXPIRED'])('when the server answers 401 %s, then the stored token is cleared', async (code) => {
    const tokens = new MemoryTokens('abc')
    const client = new ApiClient(tokens, '', answering(401, { code, message: '请重新登录' }))

    await expect(client.me()).rejects.toBeInstanceOf(ApiError)
    expect(tokens.value).toBeNull()
  })

  it('when the server answers 401 USER_DEACTIVATED, then the session ends and says why where sign-in is asked for', async () => {
    const token = new SessionToken(new MemoryTokens('abc'))
    const client = new ApiClient(token, '', answering(401, { code: 'USER_DEACTIVATED', message: '该账号已被停用，如有疑问请联系派出所' }))

    await expect(client.me()).rejects.toMatchObject({ code: 'USER_DEACTIVATED' })
    expect(token.get()).toBeNull()
    expect(token.endedBecause).toBe('该账号已被停用，如有疑问请联系派出所')
    token.set('new-token')
    expect(token.endedBecause).toBeNull()
  })

  it('when the server answers 403, then the token is kept', async () => {
    const tokens = new MemoryTokens('abc')
    const client = new ApiClient(tokens, '', answering(403, { code: 'FORBIDDEN', message: '您没有权限执行此操作' }))

    await expect(client.me()).rejects.toBeInstanceOf(ApiError)
    expect(tokens.value).toBe('abc')
  })
})
