import { bulletinReach, cadreForwarding, dailyRollup, dayRange, groupRegionFits, median, notReached, tierReach, type RegisteredGroupReach } from '@/core/reach'

const PUBLISHED = new Date('2026-03-02T00:00:00Z')
const after = (minutes: number) => new Date(PUBLISHED.getTime() + minutes * 60_000)
let serial = 0
const aGroup = (tier: 1 | 2, firstOpenAfterMinutes: number | null, extra: Partial<RegisteredGroupReach> = {}): RegisteredGroupReach => ({
  groupId: `g${++serial}`, name: `群${serial}`, tier, ownerId: 'u1', ownerName: '王书记',
  firstOpenAt: firstOpenAfterMinutes === null ? null : after(firstOpenAfterMinutes), ...extra,
})

describe('median', () => {
  it('when the count is odd, then the middle value; when even, then the mean of the two middle ones', () => {
    expect(median([9, 1, 5])).toBe(5)
    expect(median([10, 2, 4, 8])).toBe(6)
    expect(median([])).toBeNull()
  })
})

describe('tier reach', () => {
  it('when 2 of 3 平安群 opened after 10 and 25 minutes and 1 of 2 村群 after 90, then medians are 17.5 and 90', () => {
    const groups = [aGroup(1, 10), aGroup(1, 25), aGroup(1, null), aGroup(2, 90), aGroup(2, null)]
    expect(tierReach(groups, PUBLISHED)).toEqual([
      { tier: 1, groupsRegistered: 3, groupsReached: 2, medianMinutesToReach: 17.5 },
      { tier: 2, groupsRegistered: 2, groupsReached: 1, medianMinutesToReach: 90 },
    ])
  })

  it('when no group of a tier is registered, then that tier shows 0 of 0 and no median', () => {
    expect(tierReach([aGroup(1, 3)], PUBLISHED)[1]).toEqual({ tier: 2, groupsRegistered: 0, groupsReached: 0, medianMinutesToReach: null })
  })

  it('when a group opened 6 h 1 min after publishing and another never, then both are not reached within 6 hours', () => {
    const late = aGroup(2, 361, { name: '乙' })
    const never = aGroup(2, null, { name: '甲' })
    const onTime = aGroup(2, 360)
    expect(notReached([late, never, onTime], PUBLISHED, 6).map((g) => g.groupId).sort()).toEqual([late.groupId, never.groupId].sort())
  })

  it('when the figures are put together, then the report carries totals, tiers and the missed groups with owners', () => {
    const missed = aGroup(1, null, { ownerId: 'u9', ownerName: '李主任' })
    const report = bulletinReach({ bulletinId: 'b1', publishedAt: PUBLISHED, groups: [aGroup(1, 4), missed], opens: 12, uniqueReaders: 10, shares: 3, withinHours: 6 })
    expect(report).toMatchObject({ bulletinId: 'b1', publishedAt: PUBLISHED.toISOString(), opens: 12, uniqueReaders: 10, shares: 3, withinHours: 6 })
    expect(report.tiers[0]).toEqual({ tier: 1, groupsRegistered: 2, groupsReached: 1, medianMinutesToReach: 4 })
    expect(report.notReached).toEqual([{ groupId: missed.groupId, name: missed.name, tier: 1, ownerId: 'u9', ownerName: '李主任' }])
  })
})

describe('daily rollup', () => {
  it('when the range is three days and one day has figures, then three rows with zeros on the quiet days', () => {
    const days = dayRange('2026-02-28', '2026-03-02')!
    expect(days).toEqual(['2026-02-28', '2026-03-01', '2026-03-02'])
    const busy = { date: '2026-03-01', bulletins: 1, groupsReached: { tier1: 2, tier2: 7 }, opens: 40, uniqueReaders: 31 }
    expect(dailyRollup(days, [busy])).toEqual([
      { date: '2026-02-28', bulletins: 0, groupsReached: { tier1: 0, tier2: 0 }, opens: 0, uniqueReaders: 0 },
      busy,
      { date: '2026-03-02', bulletins: 0, groupsReached: { tier1: 0, tier2: 0 }, opens: 0, uniqueReaders: 0 },
    ])
  })

  it('when the range is reversed, longer than 92 days or not a date, then there is no range', () => {
    expect(dayRange('2026-03-02', '2026-03-01')).toBeNull()
    expect(dayRange('2026-01-01', '2026-04-03')).toBeNull()
    expect(dayRange('2026-01-01', '2026-04-02')).toHaveLength(92)
    expect(dayRange('x', '2026-04-02')).toBeNull()
  })
})

describe('cadre forwarding', () => {
  it('when a town bulletin and a village bulletin covered 东村 and its cadre shared one twice, then 2 published, 1 forwarded', () => {
    const rows = cadreForwarding({
      cadres: [
        { userId: 'east', name: '王书记', regionName: '东村', regionPath: '/c/t/east/' },
        { userId: 'west', name: '李主任', regionName: '西村', regionPath: '/c/t/west/' },
      ],
      bulletins: [{ id: 'town', regionPath: '/c/t/' }, { id: 'eastOnly', regionPath: '/c/t/east/' }],
      shares: [
        { sharerId: 'east', bulletinId: 'town', createdAt: new Date('2026-03-01T01:00:00Z') },
        { sharerId: 'east', bulletinId: 'town', createdAt: new Date('2026-03-01T02:00:00Z') },
        { sharerId: 'west', bulletinId: 'town', createdAt: new Date('2026-03-01T03:00:00Z') },
      ],
      groups: [{ ownerId: 'east', reached: true }, { ownerId: 'east', reached: false }, { ownerId: 'west', reached: true }],
    })
    expect(rows).toEqual([
      { userId: 'east', name: '王书记', regionName: '东村', groupsOwned: 2, bulletinsPublished: 2, bulletinsForwarded: 1, groupsReached: 1, lastForwardedAt: '2026-03-01T02:00:00.000Z' },
      { userId: 'west', name: '李主任', regionName: '西村', groupsOwned: 1, bulletinsPublished: 1, bulletinsForwarded: 1, groupsReached: 1, lastForwardedAt: '2026-03-01T03:00:00.000Z' },
    ])
  })
})

describe('group regions', () => {
  it('when a 平安群 is put on a town or village and a 村群 on a village, then it fits; a 村群 on a town does not', () => {
    expect(groupRegionFits(1, 'town')).toBe(true)
    expect(groupRegionFits(1, 'village')).toBe(true)
    expect(groupRegionFits(2, 'village')).toBe(true)
    expect(groupRegionFits(2, 'town')).toBe(false)
    expect(groupRegionFits(1, 'grid')).toBe(false)
  })
})
