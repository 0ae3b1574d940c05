import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult } from '@/contract/auth'
import type { PrizeClaim, PrizeOffer } from '@/contract/prizes'
import { ApiError } from '@/services/api-client'
import PrizesPage from '@/packages/account/pages/prizes/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aLogin = (): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '刘大爷', roles: [{ role: 'resident', regionId: 'v1', regionName: '东胜村', regionPath: '/t/v1/' }] },
})

const anOffer = (over: Partial<PrizeOffer> = {}): PrizeOffer => ({
  id: 'p1', name: '反诈宣传折扇', description: '印有防骗口诀', remaining: 50, pickupPlace: '柏林派出所', validTo: '2026-12-31',
  unmet: [], claimedByMe: 0, perUserLimit: 1, ...over,
})

const aClaim = (over: Partial<PrizeClaim> = {}): PrizeClaim => ({
  id: 'c1', prizeId: 'p1', prizeName: '反诈宣传折扇', code: 'K7Q2M9XA', pickupPlace: '柏林派出所',
  claimedAt: '2026-11-29T02:00:00Z', redeemedAt: null, ...over,
})

async function renderPrizes(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(aLogin())
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('resident')
  await act(async () => {
    renderWithStores(<PrizesPage />, store)
  })
  return store
}

describe('领奖品 page', () => {
  it('when a prize has an unmet condition, then its reason is shown in words and it cannot be claimed', async () => {
    const api = new FakeApi()
    api.prizeOffers = () => Promise.resolve([anOffer({ id: 'p2', name: '防骗手提袋', unmet: ['今日答题需达到 80 分'] })])
    api.myPrizeClaims = () => Promise.resolve([])
    await renderPrizes(api)

    expect(screen.getByText('✗ 今日答题需达到 80 分')).toBeTruthy()
    expect(screen.queryByText('领取 防骗手提袋')).toBeNull()
  })

  it('when a prize is claimed and confirmed, then one claim goes up and its code shows in big text with a QR image', async () => {
    const api = new FakeApi()
    const claims: PrizeClaim[] = []
    const claimed: string[] = []
    api.prizeOffers = () => Promise.resolve([anOffer()])
    api.myPrizeClaims = () => Promise.resolve([...claims])
    api.claimPrize = (id) => {
      claimed.push(id)
      claims.push(aClaim())
      return Promise.resolve(aClaim())
    }
    await renderPrizes(api)

    fireEvent.click(screen.getByText('领取 反诈宣传折扇'))
    expect(claimed).toEqual([]) // nothing is claimed before the confirmation
    await act(async () => {
      fireEvent.click(screen.getByText('确认领取'))
    })

    expect(claimed).toEqual(['p1'])
    expect(screen.getByText('K7Q2 M9XA')).toBeTruthy()
    // The picture only appears once the QR code has been drawn from the code.
    expect(await screen.findByLabelText('兑换码 K7Q2M9XA 的二维码')).toBeTruthy()
  })

  it('when the confirmation is cancelled, then nothing is claimed', async () => {
    const api = new FakeApi()
    const claimed: string[] = []
    api.prizeOffers = () => Promise.resolve([anOffer()])
    api.myPrizeClaims = () => Promise.resolve([])
    api.claimPrize = (id) => {
      claimed.push(id)
      return Promise.resolve(aClaim())
    }
    await renderPrizes(api)

    fireEvent.click(screen.getByText('领取 反诈宣传折扇'))
    fireEvent.click(screen.getByText('再想想'))

    expect(claimed).toEqual([])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('when the stock ran out meanwhile, then the server reason is shown and the offers are reloaded', async () => {
    const api = new FakeApi()
    let offerLoads = 0
    api.prizeOffers = () => {
      offerLoads++
      return Promise.resolve([anOffer()])
    }
    api.myPrizeClaims = () => Promise.resolve([])
    api.claimPrize = () => Promise.reject(new ApiError('PRIZE_OUT_OF_STOCK', '奖品已领完', 409))
    await renderPrizes(api)

    fireEvent.click(screen.getByText('领取 反诈宣传折扇'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认领取'))
    })

    expect(screen.getByText('领取失败：奖品已领完')).toBeTruthy()
    expect(offerLoads).toBe(2)
  })

  it('when a claim was already redeemed, then it says so in words and shows no code to present', async () => {
    const api = new FakeApi()
    api.prizeOffers = () => Promise.resolve([])
    api.myPrizeClaims = () => Promise.resolve([aClaim({ redeemedAt: '2026-11-29T05:00:00Z' })])
    await renderPrizes(api)

    expect(screen.getByText('✓ 已兑换（2026-11-29）')).toBeTruthy()
    expect(screen.queryByText('K7Q2 M9XA')).toBeNull()
  })
})
