import { act, fireEvent, screen } from '@testing-library/react'
import { useRouter } from '@tarojs/taro'
import type { LoginResult } from '@/contract/auth'
import type { BulletinReach } from '@/contract/reach'
import BulletinReachPage from '@/packages/admin/pages/bulletin-reach/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const adminLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '李警官', roles: [{ role: 'admin', regionId: 't1', regionName: '柏林镇', regionPath: '/t1/' }] },
}
const aReach = (overrides: Partial<BulletinReach> = {}): BulletinReach => ({
  bulletinId: 'b1', publishedAt: '2026-11-29T00:00:00Z', opens: 7, uniqueReaders: 5, shares: 3, withinHours: 6,
  tiers: [
    { tier: 1, groupsRegistered: 4, groupsReached: 3, medianMinutesToReach: 12 },
    { tier: 2, groupsRegistered: 10, groupsReached: 2, medianMinutesToReach: null },
  ],
  notReached: [{ groupId: 'g9', name: '西岭村村民群', tier: 2, ownerId: 'u5', ownerName: '王书记' }],
  ...overrides,
})

async function openReach(api: FakeApi, params: Record<string, string>) {
  ;(useRouter as jest.Mock).mockReturnValue({ params })
  api.demoLogin = () => Promise.resolve(adminLogin)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('police')
  await act(async () => {
    renderWithStores(<BulletinReachPage />, store)
  })
}

describe('转发情况', () => {
  afterEach(() => (useRouter as jest.Mock).mockReturnValue({ params: {} }))

  it('when a bulletin’s reach shows, then each tier states its numbers and percentage in text, beside its bar', async () => {
    const api = new FakeApi()
    api.bulletinReach = () => Promise.resolve(aReach())

    await openReach(api, { id: 'b1' })

    expect(screen.getByText('打开 7 次 · 5 人 · 转发 3 次')).toBeTruthy()
    expect(screen.getByText('平安群：已到达 3 / 4 个（75%），中位 12 分钟到达')).toBeTruthy()
    expect(screen.getByText('村群：已到达 2 / 10 个（20%）')).toBeTruthy()
    expect(screen.getByRole('img', { name: '平安群到达 75%' })).toBeTruthy()
  })

  it('when groups were not reached, then each is listed with the cadre who owns it', async () => {
    const api = new FakeApi()
    api.bulletinReach = () => Promise.resolve(aReach())

    await openReach(api, { id: 'b1' })

    expect(screen.getByText('未到达的群（1 个）')).toBeTruthy()
    expect(screen.getByText('西岭村村民群（村群） · 负责人：王书记')).toBeTruthy()
  })

  it('when another window is chosen, then the reach is counted again within that many hours', async () => {
    const api = new FakeApi()
    const asked: number[] = []
    api.bulletinReach = (_id, hours) => {
      asked.push(hours)
      return Promise.resolve(aReach({ withinHours: hours }))
    }
    await openReach(api, { id: 'b1' })

    await act(async () => {
      fireEvent.click(screen.getByText('24 小时内'))
    })

    expect(asked).toEqual([6, 24])
    expect(screen.getByText('到达情况（发布后 24 小时内）')).toBeTruthy()
  })

  it('when cadres forwarded in the region, then the table shows each one’s forwarded and published counts', async () => {
    const api = new FakeApi()
    api.bulletinReach = () => Promise.resolve(aReach())
    api.cadreForwarding = () => Promise.resolve([{
      userId: 'u5', name: '王书记', regionName: '西岭村', groupsOwned: 2, bulletinsPublished: 5, bulletinsForwarded: 3, groupsReached: 2, lastForwardedAt: null,
    }])
    api.outbox = () => Promise.resolve([{
      id: 'o1', kind: 'bulletin_not_reached', userName: '王书记', status: 'failed', attempts: 5, lastErrcode: 43101, lastError: '用户拒绝接收', createdAt: '2026-11-29T01:00:00Z', sentAt: null,
    }])

    await openReach(api, { id: 'b1' })

    const row = screen.getAllByRole('row')[1]
    expect(row.textContent).toContain('王书记')
    expect(row.textContent).toContain('3/5')
    expect(screen.getByText(/王书记 · 发送失败（已尝试 5 次） · 用户拒绝接收/)).toBeTruthy()
  })
})
