import { act, fireEvent, screen, within } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import type { LoginResult } from '@/contract/auth'
import type { GroupLabelInput, WeChatGroup } from '@/contract/groups'
import GroupLabelPage from '@/packages/admin/pages/group-label/index'
import GroupsPage from '@/packages/admin/pages/groups/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const cadreLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u2', displayName: '李书记', roles: [{ role: 'cadre', regionId: 'v1', regionName: '东胜村', regionPath: '/t1/v1/' }] },
}
const aGroup = (overrides: Partial<WeChatGroup> = {}): WeChatGroup => ({
  id: 'g1', name: null, tier: null, regionId: null, regionName: null, ownerId: null, ownerName: null,
  firstSeenAt: '2026-11-29T00:00:00Z', labelledAt: null, ...overrides,
})

async function openGroups(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(cadreLogin)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('cadre')
  await act(async () => {
    renderWithStores(<GroupsPage />, store)
  })
  return store
}

describe('群管理', () => {
  afterEach(() => (useRouter as jest.Mock).mockReturnValue({ params: {} }))

  it('when 标注并认领 is tapped, then the label form opens as a page of its own for that group', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([aGroup({ id: 'g7' })])
    await openGroups(api)

    fireEvent.click(screen.getByText('标注并认领'))

    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/group-label/index?id=g7' })
    expect(screen.queryByText('保存并认领')).toBeNull()
    expect(screen.getByText('未标注的群')).toBeTruthy()
  })

  it('when the cadre claims an unlabelled group on its page, then it is saved under their village as the chosen type and back leads to the updated list', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([aGroup()])
    const sent: GroupLabelInput[] = []
    api.labelGroup = (id, input) => {
      sent.push(input)
      return Promise.resolve(aGroup({ id, ...input, regionName: '东胜村', ownerId: 'u2', ownerName: '李书记', labelledAt: '2026-11-29T01:00:00Z' }))
    }
    const store = await openGroups(api)
    fireEvent.click(screen.getByText('标注并认领'))
    ;(useRouter as jest.Mock).mockReturnValue({ params: { id: 'g1' } })
    let labelPage!: ReturnType<typeof renderWithStores>
    await act(async () => {
      labelPage = renderWithStores(<GroupLabelPage />, store)
    })

    const form = within(labelPage.container)
    fireEvent.change(form.getByPlaceholderText('如：东胜村平安群'), { target: { value: '东胜村村民群' } })
    fireEvent.click(form.getByText('村群'))
    ;(Taro.navigateBack as jest.Mock).mockClear()
    await act(async () => {
      fireEvent.click(form.getByText('保存并认领'))
    })

    expect(sent).toEqual([{ name: '东胜村村民群', tier: 2, regionId: 'v1' }])
    expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
    expect(screen.getByText('东胜村村民群')).toBeTruthy()
    expect(screen.getByText(/村群 · 东胜村 · 我负责/)).toBeTruthy()
  })

  it('when the label page is opened afresh by its link, then it loads the groups and shows the form for that one', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([aGroup({ id: 'g1' }), aGroup({ id: 'g2', name: '塘河群' })])
    api.demoLogin = () => Promise.resolve(cadreLogin)
    const store = aRootStore(api)
    await store.session.loginWithDemoPersona('cadre')
    ;(useRouter as jest.Mock).mockReturnValue({ params: { id: 'g2' } })

    await act(async () => {
      renderWithStores(<GroupLabelPage />, store)
    })

    expect(screen.getByDisplayValue('塘河群')).toBeTruthy()
    expect(screen.getByText('保存并认领')).toBeTruthy()
  })

  it('when there are no groups yet, then the page explains how groups appear', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([])

    await openGroups(api)

    expect(screen.getByText('还没有微信群')).toBeTruthy()
  })

  it('when opened outside WeChat, then the reminder opt-in explains it is turned on in the mini-program', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([])

    await openGroups(api)

    expect(screen.getByText('通报转发提醒')).toBeTruthy()
    expect(screen.getByText('通报转发提醒是微信订阅消息，请在微信小程序中开启。')).toBeTruthy()
  })
})
