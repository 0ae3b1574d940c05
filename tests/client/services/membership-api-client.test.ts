import { ApiClient, type HttpRequest } from '@/services/api-client'
import { MemoryTokens } from '../support/root'

function recording(statusCode = 200, data: unknown = {}) {
  const http = jest.fn<ReturnType<HttpRequest>, Parameters<HttpRequest>>(() => Promise.resolve({ statusCode, data }))
  return { http, client: new ApiClient(new MemoryTokens('abc'), '', http) }
}

describe('ApiClient, joining routes', () => {
  it('when a door label is bound, then PUT /api/me/residence carries the door token', async () => {
    const { http, client } = recording()
    await client.bindResidence({ doorToken: 'door-1' })

    expect(http).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/me/residence', method: 'PUT', data: { doorToken: 'door-1' } }))
  })

  it('when the resident leaves, then DELETE /api/me/residence resolves on 204', async () => {
    const { http, client } = recording(204, '')
    await expect(client.leaveResidence()).resolves.toBeUndefined()

    expect(http.mock.calls[0][0]).toMatchObject({ url: '/api/me/residence', method: 'DELETE' })
  })

  it('when users are searched, then only the given filters go into the query string', async () => {
    const { http, client } = recording(200, { items: [], total: 0 })
    await client.managedUsers({ q: '张', role: 'grid_worker', page: 2, pageSize: 20 })

    expect(http.mock.calls[0][0].url).toBe('/api/users?q=%E5%BC%A0&role=grid_worker&page=2&pageSize=20')
  })

  it('when a role is moved, then the move is the body of POST /api/users/:id/roles/move', async () => {
    const { http, client } = recording()
    await client.moveUserRole('u 1', { role: 'cadre', fromRegionId: 'v1', toRegionId: 'v2' })

    expect(http.mock.calls[0][0]).toMatchObject({
      url: '/api/users/u%201/roles/move', method: 'POST', data: { role: 'cadre', fromRegionId: 'v1', toRegionId: 'v2' },
    })
  })

  it('when an invitation is accepted or revoked, then the code is in the path', async () => {
    const { http, client } = recording()
    await client.acceptInvitation('ABCDEFGH')
    await client.revokeInvitation('ABCDEFGH')

    expect(http.mock.calls.map((c) => `${c[0].method} ${c[0].url}`)).toEqual([
      'POST /api/invitations/ABCDEFGH/accept', 'POST /api/invitations/ABCDEFGH/revoke',
    ])
  })

  it('when a new demo user signs up, then the name goes to /api/auth/demo-signup', async () => {
    const { http, client } = recording()
    await client.demoSignup('李阿姨')

    expect(http.mock.calls[0][0]).toMatchObject({ url: '/api/auth/demo-signup', method: 'POST', data: { displayName: '李阿姨' } })
  })
})
