import type { BulletinReach, DailyReach, ShareTreeNode } from '@/contract/reach'
import { ApiError } from '@/services/api-client'
import { ReachStore, treeRows } from '@/stores/reach-store'
import { FakeApi } from '../support/fake-api'

const aReach = (overrides: Partial<BulletinReach> = {}): BulletinReach => ({
  bulletinId: 'b1', publishedAt: '2026-11-29T00:00:00Z', opens: 5, uniqueReaders: 4, shares: 3, withinHours: 6,
  tiers: [
    { tier: 1, groupsRegistered: 4, groupsReached: 3, medianMinutesToReach: 12 },
    { tier: 2, groupsRegistered: 0, groupsReached: 0, medianMinutesToReach: null },
  ],
  notReached: [], ...overrides,
})
const aNode = (id: string, parentId: string | null, tier: number): ShareTreeNode => ({
  id, parentId, tier, sharerName: null, groupName: null, createdAt: '2026-11-29T00:00:00Z', opens: 0,
})

describe('ReachStore', () => {
  it('when a bulletin’s reach loads, then each tier reads as reached / registered with a percentage', async () => {
    const api = new FakeApi()
    api.bulletinReach = () => Promise.resolve(aReach())
    const store = new ReachStore(api)

    await store.loadBulletin('b1')

    expect(store.tierLines).toEqual([
      { tier: 1, label: '平安群', reached: 3, registered: 4, percent: 75, medianMinutes: 12 },
      { tier: 2, label: '村群', reached: 0, registered: 0, percent: 0, medianMinutes: null },
    ])
  })

  it('when the window changes, then the reach is asked for again with that many hours', async () => {
    const api = new FakeApi()
    const asked: number[] = []
    api.bulletinReach = (_id, hours) => {
      asked.push(hours)
      return Promise.resolve(aReach({ withinHours: hours }))
    }
    const store = new ReachStore(api)

    await store.loadBulletin('b1')
    await store.loadBulletin('b1', 24)

    expect(asked).toEqual([6, 24])
    expect(store.reach?.withinHours).toBe(24)
  })

  it('when the reach is refused, then the error carries the server message', async () => {
    const api = new FakeApi()
    api.bulletinReach = () => Promise.reject(new ApiError('OUT_OF_SCOPE', '该数据不在您负责的辖区内', 403))
    const store = new ReachStore(api)

    await store.loadBulletin('b1')

    expect(store.state).toBe('error')
    expect(store.error).toBe('该数据不在您负责的辖区内')
  })

  it('when the share tree arrives in any order, then children follow their parents with their depth', () => {
    const rows = treeRows([aNode('c', 'b', 2), aNode('a', null, 0), aNode('b', 'a', 1), aNode('d', 'a', 1)])

    expect(rows.map((r) => `${r.node.id}${r.depth}`)).toEqual(['a0', 'b1', 'c2', 'd1'])
  })

  it('when a share’s parent is not in the tree, then it is shown at the top rather than lost', () => {
    expect(treeRows([aNode('x', 'gone', 3)]).map((r) => r.depth)).toEqual([0])
  })

  it('when the region loads, then the last 7 days and the last 30 days of cadres are asked for', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.dailyReach = (regionId, from, to) => {
      asked.push(`${regionId} ${from} ${to}`)
      return Promise.resolve([])
    }
    api.cadreForwarding = (regionId, days) => {
      asked.push(`${regionId} ${days}`)
      return Promise.resolve([])
    }
    const store = new ReachStore(api, () => new Date(2026, 10, 29, 12))

    await store.loadRegion('t1')

    expect(asked).toEqual(['t1 2026-11-23 2026-11-29', 't1 30'])
    expect(store.regionState).toBe('ready')
  })

  it('when another region is chosen before the first region\'s figures arrive, then the late figures never replace the newer ones', async () => {
    const api = new FakeApi()
    const pending = new Map<string, (days: DailyReach[]) => void>()
    api.dailyReach = (regionId) => new Promise((resolve) => pending.set(regionId, resolve))
    const aDay = (date: string, opens: number): DailyReach => ({ date, bulletins: 1, groupsReached: { tier1: 0, tier2: 0 }, opens, uniqueReaders: opens })
    const store = new ReachStore(api, () => new Date(2026, 10, 29, 12))

    const first = store.loadRegion('town-a')
    const second = store.loadRegion('town-b')
    pending.get('town-b')!([aDay('2026-11-29', 7)])
    await second
    pending.get('town-a')!([aDay('2026-11-29', 99)])
    await first

    expect(store.daily.map((d) => d.opens)).toEqual([7])
    expect(store.regionState).toBe('ready')
  })
})
