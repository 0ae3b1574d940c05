import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult } from '@/contract/auth'
import type { MeRole } from '@/contract/common'
import type { RedemptionView } from '@/contract/prizes'
import { ApiError } from '@/services/api-client'
import RedeemPage from '@/packages/admin/pages/redeem/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aLogin = (role: MeRole['role']): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u9', displayName: '李警官', roles: [{ role, regionId: 't1', regionName: '柏林镇', regionPath: '/t1/' }] },
})

const aView = (over: Partial<RedemptionView> = {}): RedemptionView => ({
  code: 'K7Q2M9XA', prizeName: '反诈宣传折扇', claimantName: '刘*', claimedAt: '2026-11-29T02:00:00Z', redeemedAt: null, redeemedByName: null, ...over,
})

async function renderRedeem(api: FakeApi, role: MeRole['role'] = 'admin') {
  api.demoLogin = () => Promise.resolve(aLogin(role))
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('police')
  renderWithStores(<RedeemPage />, store)
}

async function lookUp(code: string) {
  fireEvent.change(screen.getByPlaceholderText('输入兑换码'), { target: { value: code } })
  await act(async () => {
    fireEvent.click(screen.getByText('查询兑换码'))
  })
}

describe('兑换核销 page', () => {
  it('when a typed code is looked up, then the claim shows with the masked name, ignoring spaces in the code', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.prizeClaim = (code) => {
      asked.push(code)
      return Promise.resolve(aView())
    }
    await renderRedeem(api)

    await lookUp('K7Q2 M9XA')

    expect(asked).toEqual(['K7Q2M9XA'])
    expect(screen.getByText('领取人：刘*')).toBeTruthy()
    expect(screen.getByText('确认兑换')).toBeTruthy()
  })

  it('when 确认兑换 is tapped twice, then the prize is redeemed exactly once and success is said in words', async () => {
    const api = new FakeApi()
    let redeemed = 0
    api.prizeClaim = () => Promise.resolve(aView())
    api.redeemPrizeClaim = () => {
      redeemed++
      return Promise.resolve(aView({ redeemedAt: '2026-11-29T06:00:00Z', redeemedByName: '李警官' }))
    }
    await renderRedeem(api)
    await lookUp('K7Q2M9XA')

    await act(async () => {
      fireEvent.click(screen.getByText('确认兑换'))
      fireEvent.click(screen.getByText('确认兑换'))
    })

    expect(redeemed).toBe(1)
    expect(screen.getByText('✓ 兑换成功，请把奖品交给领取人')).toBeTruthy()
    expect(screen.queryByText('确认兑换')).toBeNull()
  })

  it('when the code was already redeemed, then a clear message says so and there is no 确认兑换', async () => {
    const api = new FakeApi()
    api.prizeClaim = () => Promise.resolve(aView({ redeemedAt: '2026-11-28T06:00:00Z', redeemedByName: '王书记' }))
    await renderRedeem(api)

    await lookUp('K7Q2M9XA')

    // The time is shown in the phone's own time zone.
    expect(screen.getByText(/^✗ 此码已兑换过，不能再发奖品（2026-11-28 \d\d:00，由 王书记 核销）$/)).toBeTruthy()
    expect(screen.queryByText('确认兑换')).toBeNull()
  })

  it('when another desk redeemed it first, then the server message shows and the claim is shown as redeemed', async () => {
    const api = new FakeApi()
    let lookups = 0
    api.prizeClaim = () => {
      lookups++
      return Promise.resolve(lookups === 1 ? aView() : aView({ redeemedAt: '2026-11-29T06:00:00Z', redeemedByName: '王书记' }))
    }
    api.redeemPrizeClaim = () => Promise.reject(new ApiError('PRIZE_ALREADY_REDEEMED', '该兑换码已兑换', 409))
    await renderRedeem(api)
    await lookUp('K7Q2M9XA')

    await act(async () => {
      fireEvent.click(screen.getByText('确认兑换'))
    })

    expect(screen.getByText('该兑换码已兑换')).toBeTruthy()
    expect(screen.getByText(/此码已兑换过/)).toBeTruthy()
  })

  it('when nothing is typed, then a message asks for the code and nothing is looked up', async () => {
    const api = new FakeApi()
    await renderRedeem(api)

    await act(async () => {
      fireEvent.click(screen.getByText('查询兑换码'))
    })

    expect(screen.getByText('请输入或扫描兑换码')).toBeTruthy()
  })

  it('when a grid worker opens the page, then it says they have no permission', async () => {
    await renderRedeem(new FakeApi(), 'grid_worker')

    expect(screen.getByText('您没有兑换核销的权限')).toBeTruthy()
  })
})
