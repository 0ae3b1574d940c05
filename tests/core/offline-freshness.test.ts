import { freshnessBanner, usableSavedPlan, whenSaved, type SavedPlan } from '@/core/offline-freshness'

const NOW = new Date('2026-12-06T02:00:00Z') // 10:00 in China
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000)

const aSavedPlan = (overrides: Partial<SavedPlan<string[]>> = {}): SavedPlan<string[]> => ({
  userId: 'worker-1', gridId: 'grid-1', savedAt: hoursAgo(1).toISOString(), plan: ['h1', 'h2'], ...overrides,
})

describe('saying when kept data was fetched', () => {
  it('when it was fetched earlier today in China, then it reads 今天 and the China time', () => {
    expect(whenSaved(new Date('2026-12-06T00:30:00Z'), NOW)).toBe('今天 08:30')
  })

  it('when it was fetched before China midnight although the same UTC day, then it reads 昨天', () => {
    expect(whenSaved(new Date('2026-12-05T15:59:00Z'), NOW)).toBe('昨天 23:59')
  })

  it('when it is older than yesterday, then it reads the month and day', () => {
    expect(whenSaved(new Date('2026-12-01T23:10:00Z'), NOW)).toBe('12月2日 07:10')
  })
})

describe('the banner over a page', () => {
  it('when the phone is offline and the page shows kept data, then it says 离线 and when that data was fetched', () => {
    expect(freshnessBanner({ offline: true, savedAt: new Date('2026-12-06T00:30:00Z') }, NOW)).toBe('离线 · 上次更新 今天 08:30')
  })

  it('when the network is there but too slow and kept data is shown, then it says 网络不畅 rather than 离线', () => {
    expect(freshnessBanner({ offline: false, savedAt: new Date('2026-12-06T00:30:00Z') }, NOW)).toBe('网络不畅 · 上次更新 今天 08:30')
  })

  it('when the phone is offline and nothing kept is on screen, then it still says what will happen', () => {
    expect(freshnessBanner({ offline: true, savedAt: null }, NOW)).toBe('离线 · 已保存的内容可以查看，联网后自动更新')
  })

  it('when the phone is online and everything is fresh, then there is no banner', () => {
    expect(freshnessBanner({ offline: false, savedAt: null }, NOW)).toBeNull()
  })
})

describe('a patrol plan kept on the phone', () => {
  it('when the same worker asks for the same grid on the same China day, then the kept plan is used', () => {
    expect(usableSavedPlan(aSavedPlan(), 'worker-1', 'grid-1', NOW)?.plan).toEqual(['h1', 'h2'])
  })

  it('when another worker signs in on the shared phone, then the kept plan is not shown to them', () => {
    expect(usableSavedPlan(aSavedPlan(), 'worker-2', 'grid-1', NOW)).toBeNull()
  })

  it('when nobody is signed in, then the kept plan is not shown', () => {
    expect(usableSavedPlan(aSavedPlan(), null, 'grid-1', NOW)).toBeNull()
  })

  it('when the worker looks at another grid, then the kept plan of the first grid is not shown', () => {
    expect(usableSavedPlan(aSavedPlan(), 'worker-1', 'grid-2', NOW)).toBeNull()
  })

  it('when the plan was kept yesterday in China (though only 11 hours ago), then it is no longer today\'s plan', () => {
    expect(usableSavedPlan(aSavedPlan({ savedAt: '2026-12-05T15:00:00Z' }), 'worker-1', 'grid-1', NOW)).toBeNull()
  })

  it('when the kept time is unreadable or in the future, then the plan is not trusted', () => {
    expect(usableSavedPlan(aSavedPlan({ savedAt: 'soon' }), 'worker-1', 'grid-1', NOW)).toBeNull()
    expect(usableSavedPlan(aSavedPlan({ savedAt: hoursAgo(-2).toISOString() }), 'worker-1', 'grid-1', NOW)).toBeNull()
  })
})
