import type { DoorView } from '@/contract/doors'
import type { HouseholdDetail, HouseholdSummary } from '@/contract/households'
import { ApiError } from '@/services/api-client'
import { DoorStore, NO_TOKEN_MESSAGE, type DoorApi } from '@/stores/door-store'

const aHousehold = (overrides: Partial<HouseholdDetail> = {}): HouseholdDetail => ({
  id: 'h1', code: 'DS-001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组3号', headName: '张*华',
  phoneMasked: '138****1234', tags: ['独居老人'], memberCount: 1, labelVersion: 1, firstVisitAt: null,
  lastVisitAt: null, pledgedAt: null, appInstalled: false, callWarningOn: false, geo: null, ...overrides,
})
const publicView: DoorView = { kind: 'public', advice: { station: '柏林派出所', hotline: '96110', tips: ['不要转账到安全账户'] } }

class FakeDoorApi implements DoorApi {
  tokens: string[] = []
  answer: (token: string) => Promise<DoorView> = () => Promise.resolve({ kind: 'household', household: aHousehold() })
  household = (id: string) => Promise.resolve(aHousehold({ id }))
  door = (token: string) => {
    this.tokens.push(token)
    return this.answer(token)
  }
}

describe('DoorStore', () => {
  it('when a worker opens their own door, then the masked household is shown', async () => {
    const api = new FakeDoorApi()
    const doors = new DoorStore(api)

    await doors.open('tok-aaaaaaaaaaaaaaaaaaa')

    expect(doors.isHousehold).toBe(true)
    expect(doors.household?.headName).toBe('张*华')
    expect(doors.advice).toBeNull()
  })

  it('when a resident opens a door, then only the public advice is kept and nothing about the household', async () => {
    const api = new FakeDoorApi()
    api.answer = () => Promise.resolve(publicView)
    const doors = new DoorStore(api)

    await doors.open('tok-aaaaaaaaaaaaaaaaaaa')

    expect(doors.advice?.hotline).toBe('96110')
    expect(doors.household).toBeNull()
    expect(doors.isHousehold).toBe(false)
  })

  it.each([
    ['LABEL_UNKNOWN', 404, '门牌二维码无效，请联系网格员'],
    ['LABEL_REVOKED', 410, '该门牌二维码已作废，请使用新门牌'],
    ['OUT_OF_SCOPE', 403, '该住户不在您负责的网格内'],
  ])('when the server answers %s, then its code and Chinese message are shown', async (code, status, message) => {
    const api = new FakeDoorApi()
    api.answer = () => Promise.reject(new ApiError(code, message, status))
    const doors = new DoorStore(api)

    await doors.open('tok-aaaaaaaaaaaaaaaaaaa')

    expect(doors.state).toBe('error')
    expect(doors.problem).toEqual({ code, message })
    expect(doors.household).toBeNull()
  })

  it('when the page has no token, then it asks to scan again without calling the server', async () => {
    const api = new FakeDoorApi()
    const doors = new DoorStore(api)

    await doors.open(null)

    expect(doors.problem?.message).toBe(NO_TOKEN_MESSAGE)
    expect(api.tokens).toEqual([])
  })

  it('when the same door is refreshed without signal, then the household loaded before stays', async () => {
    const api = new FakeDoorApi()
    const doors = new DoorStore(api)
    await doors.open('tok-aaaaaaaaaaaaaaaaaaa')
    api.answer = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))

    await doors.open('tok-aaaaaaaaaaaaaaaaaaa')

    expect(doors.isHousehold).toBe(true)
  })

  it('when an older answer arrives after a newer door opened, then the newer door stays', async () => {
    const api = new FakeDoorApi()
    let answerFirst: (view: DoorView) => void = () => {}
    api.answer = (token) => (token === 'first-token-aaaaaaaaaaa'
      ? new Promise((resolve) => { answerFirst = resolve })
      : Promise.resolve({ kind: 'household', household: aHousehold({ id: 'h2', code: 'DS-002' }) }))
    const doors = new DoorStore(api)

    const first = doors.open('first-token-aaaaaaaaaaa')
    await doors.open('second-token-aaaaaaaaaa')
    answerFirst({ kind: 'household', household: aHousehold() })
    await first

    expect(doors.household?.code).toBe('DS-002')
  })

  it('when a household is chosen from the patrol plan, then the form needs no further request', async () => {
    const api = new FakeDoorApi()
    const household = jest.fn(api.household)
    api.household = household
    const doors = new DoorStore(api)
    const summary: HouseholdSummary = aHousehold({ id: 'h9', code: 'DS-009' })

    doors.choose(summary)
    await doors.ensureHousehold('h9')

    expect(doors.household?.code).toBe('DS-009')
    expect(household).not.toHaveBeenCalled()
  })

  it('when a form is opened by link for another household, then that household is loaded by id', async () => {
    const doors = new DoorStore(new FakeDoorApi())

    await doors.ensureHousehold('h7')

    expect(doors.household?.id).toBe('h7')
    expect(doors.state).toBe('ready')
  })
})
