import Taro from '@tarojs/taro'
import { act, fireEvent, screen } from '@testing-library/react'
import type { ResidenceChoice } from '@/contract/residence'
import ResidencePage from '@/packages/account/pages/residence/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aLogin, aMe, aResidence, aRole, aTown } from '../../../../support/membership-factories'

const twoTowns = [aTown(), aTown({ id: 't-yl', name: '云门街道', villages: [{ id: 'v-dj', name: '东津沱社区' }] })]

async function renderSignedIn(api: FakeApi, roles = [] as ReturnType<typeof aRole>[]) {
  const sent: ResidenceChoice[] = []
  api.places = () => Promise.resolve({ towns: twoTowns })
  api.demoSignup = () => Promise.resolve(aLogin(aMe(roles)))
  api.bindResidence = (input) => {
    sent.push(input)
    return Promise.resolve({ residence: aResidence(), me: aMe([aRole()]) })
  }
  const store = aRootStore(api)
  await store.session.signUpDemo('李阿姨')
  await act(async () => {
    renderWithStores(<ResidencePage />, store)
  })
  return { store, sent }
}

describe('我住在哪里 page', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when 东胜 is typed and 东胜村 confirmed, then the village is bound and the page goes back', async () => {
    const { store, sent } = await renderSignedIn(new FakeApi())

    fireEvent.change(screen.getByPlaceholderText('输入村（社区）名字，如：东胜'), { target: { value: '东胜' } })
    expect(screen.queryByText('新华村')).toBeNull()
    fireEvent.click(screen.getByText('东胜村'))
    expect(screen.getByRole('dialog').textContent).toContain('您住在 柏林镇 东胜村 吗？')
    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })

    expect(sent).toEqual([{ villageId: 'v-ds' }])
    expect(store.session.roles.map((r) => r.role)).toEqual(['resident'])
    expect(Taro.navigateBack).toHaveBeenCalled()
  })

  it('when nothing is typed, then a town is picked first and then its village', async () => {
    const { sent } = await renderSignedIn(new FakeApi())

    fireEvent.click(screen.getByText('云门街道'))
    fireEvent.click(screen.getByText('东津沱社区'))
    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })

    expect(sent).toEqual([{ villageId: 'v-dj' }])
  })

  it('when the choice is cancelled, then nothing is bound', async () => {
    const { sent } = await renderSignedIn(new FakeApi())

    fireEvent.click(screen.getByText('柏林镇'))
    fireEvent.click(screen.getByText('新华村'))
    fireEvent.click(screen.getByText('取消'))

    expect(sent).toEqual([])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('when a resident opens it to move house, then the current village is shown', async () => {
    const api = new FakeApi()
    api.myResidence = () => Promise.resolve({ residence: aResidence() })
    await renderSignedIn(api, [aRole()])

    expect(screen.getByText('现在登记的居住地')).toBeTruthy()
    expect(screen.getByText('柏林镇 东胜村')).toBeTruthy()
  })

  it('when nothing matches, then the page says so and suggests typing less', async () => {
    await renderSignedIn(new FakeApi())

    fireEvent.change(screen.getByPlaceholderText('输入村（社区）名字，如：东胜'), { target: { value: '北京' } })

    expect(screen.getByText('没有找到这个村（社区）')).toBeTruthy()
  })
})
