import type { PrizeAdminItem } from '@/contract/prizes'
import { PrizeAdminStore, toPrizeInput } from '@/stores/prize-admin-store'

const aPrizeItem = (over: Partial<PrizeAdminItem> = {}): PrizeAdminItem => ({
  id: 'p1', regionId: 't1', regionName: '柏林镇', name: '反诈宣传折扇', description: '', stock: 50, granted: 0, redeemed: 0, perUserLimit: 1,
  minScore: null, minStreak: null, validFrom: '2026-11-30T16:00:00.000Z', validTo: '2026-12-31T15:59:59.000Z', pickupPlace: '柏林派出所',
  ...over,
} as PrizeAdminItem)

describe('prize admin', () => {
  it('when the station sets a prize from one day to another, then the server gets the start of the first and the end of the last day, China time', () => {
    const store = new PrizeAdminStore({} as never, () => new Date('2026-12-05T16:30:00Z'))
    store.startNew()
    store.editDraft({ name: '折扇', stock: '20', validFrom: '2026-12-06', validTo: '2026-12-31' })
    const input = toPrizeInput(store.draft!, 't1')
    expect(input.validFrom).toBe('2026-12-06T00:00:00+08:00')
    expect(input.validTo).toBe('2026-12-31T23:59:59+08:00')
    expect(new Date(input.validTo).toISOString()).toBe('2026-12-31T15:59:59.000Z')
  })

  it('when a new prize is started just after midnight China time, then it runs from and to that China day', () => {
    const store = new PrizeAdminStore({} as never, () => new Date('2026-12-05T16:30:00Z'))

    store.startNew()

    expect(store.draft).toMatchObject({ validFrom: '2026-12-06', validTo: '2026-12-06' })
  })

  it('when a saved prize is edited, then its dates show as the China-time days they were set for and save unchanged', () => {
    const store = new PrizeAdminStore({} as never)
    store.startEdit(aPrizeItem())
    expect(store.draft).toMatchObject({ validFrom: '2026-12-01', validTo: '2026-12-31' })
    expect(toPrizeInput(store.draft!, 't1')).toMatchObject({ validFrom: '2026-12-01T00:00:00+08:00', validTo: '2026-12-31T23:59:59+08:00' })
  })
})
