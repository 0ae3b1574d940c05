import Taro, { useRouter } from '@tarojs/taro'
import { act, fireEvent, screen } from '@testing-library/react'
import type { DoorView } from '@/contract/doors'
import type { ResidenceChoice } from '@/contract/residence'
import DoorPage from '@/pages/door/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, MemoryTokens, renderWithStores } from '../../support/root'
import { aLogin, aMe, aResidence, aRole } from '../../support/membership-factories'

const advice: DoorView = { kind: 'public', advice: { station: '柏林派出所', hotline: '96110', tips: ['不轻信陌生来电'] } }

function aResidentApi() {
  const api = new FakeApi()
  const sent: ResidenceChoice[] = []
  api.door = () => Promise.resolve(advice)
  api.demoSignup = () => Promise.resolve(aLogin(aMe()))
  api.bindResidence = (input) => {
    sent.push(input)
    return Promise.resolve({ residence: aResidence({ householdCode: 'BL-0012' }), me: aMe([aRole()]) })
  }
  jest.mocked(useRouter).mockReturnValue({ params: { token: 'door-token-1' } } as never)
  return { api, sent }
}

describe('door page, 我住这里', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when a signed-in person without a village taps 我住这里, then the door binds them and 每日答题 is offered', async () => {
    const { api, sent } = aResidentApi()
    const store = aRootStore(api)
    await store.session.signUpDemo('李阿姨')
    renderWithStores(<DoorPage />, store)

    const button = await screen.findByText('我住这里')
    await act(async () => {
      fireEvent.click(button)
    })

    expect(sent).toEqual([{ doorToken: 'door-token-1' }])
    expect(screen.getByText('✓ 已登记为 东胜村 居民')).toBeTruthy()
    expect(store.session.roles.map((r) => r.role)).toEqual(['resident'])
    fireEvent.click(screen.getByText('每日答题'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/quiz/index' })
  })

  it('when a signed-out person taps 我住这里, then they sign in first and the door binds them on their return', async () => {
    const { api, sent } = aResidentApi()
    const store = aRootStore(api)
    renderWithStores(<DoorPage />, store)

    fireEvent.click(await screen.findByText('我住这里'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index?back=1' })
    expect(sent).toEqual([])

    await act(async () => {
      await store.session.signUpDemo('李阿姨')
    })

    expect(sent).toEqual([{ doorToken: 'door-token-1' }])
    expect(screen.getByText('✓ 已登记为 东胜村 居民')).toBeTruthy()
  })

  it('when someone signed in on this phone taps 我住这里 before the server has said who they are, then the door binds them without asking them to sign in', async () => {
    const { api, sent } = aResidentApi()
    let answerMe: (me: ReturnType<typeof aMe>) => void = () => {}
    api.me = () => new Promise((resolve) => { answerMe = resolve })
    const store = aRootStore(api, new MemoryTokens('stored-token'))
    void store.session.loadMe()
    renderWithStores(<DoorPage />, store)

    fireEvent.click(await screen.findByText('我住这里'))
    expect(Taro.navigateTo).not.toHaveBeenCalled()
    await act(async () => {
      answerMe(aMe())
    })

    expect(sent).toEqual([{ doorToken: 'door-token-1' }])
    expect(screen.getByText('✓ 已登记为 东胜村 居民')).toBeTruthy()
  })

  it('when a resident of another village opens the label, then their village is named and 我住这里 can change it', async () => {
    const { api } = aResidentApi()
    api.demoSignup = () => Promise.resolve(aLogin(aMe([aRole({ regionName: '新华村', regionId: 'v-xh' })])))
    const store = aRootStore(api)
    await store.session.signUpDemo('李阿姨')
    renderWithStores(<DoorPage />, store)

    expect(await screen.findByText('您现在登记的居住地是 新华村，如果搬到了这里，点下方按钮更改')).toBeTruthy()
    expect(screen.getByText('我住这里')).toBeTruthy()
  })
})
