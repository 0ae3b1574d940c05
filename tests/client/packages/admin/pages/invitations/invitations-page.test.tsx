import Taro, { useRouter } from '@tarojs/taro'
import { act, fireEvent, screen } from '@testing-library/react'
import type { RegionNode } from '@/contract/regions'
import type { InvitationInput } from '@/contract/invitations'
import InvitationsPage from '@/packages/admin/pages/invitations/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aLogin, aMe, anInvitation, aRole } from '../../../../support/membership-factories'

const aNode = (overrides: Partial<RegionNode>): RegionNode => ({
  id: 'v-ds', parentId: null, level: 'village', name: '东胜村', path: '/c1/t-bl/v-ds/', householdCount: 10, ...overrides,
})

/** A cadre of 东胜村: may invite grid workers to its grids, nobody else. */
async function renderAsCadre(api: FakeApi) {
  jest.mocked(useRouter).mockReturnValue({ params: {} } as never)
  api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole({ role: 'cadre' })], { displayName: '王书记' })))
  api.regionTree = () => Promise.resolve({ nodes: [aNode({}), aNode({ id: 'g1', parentId: 'v-ds', level: 'grid', name: '第1网格', path: '/c1/t-bl/v-ds/g1/' })] })
  api.users = () => Promise.resolve({ items: [], total: 0 })
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('cadre')
  await act(async () => {
    renderWithStores(<InvitationsPage />, store)
  })
  return store
}

describe('邀请加入', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when a cadre makes an invitation, then the form goes with its defaults and the QR and ABCD-EFGH code show', async () => {
    const api = new FakeApi()
    const sent: InvitationInput[] = []
    api.createInvitation = (input) => {
      sent.push(input)
      return Promise.resolve(anInvitation())
    }
    await renderAsCadre(api)
    expect(screen.queryByText('派出所/反诈专班')).toBeNull()

    fireEvent.click(screen.getByText('网格员/民警'))
    fireEvent.click(screen.getByText('第1网格'))
    await act(async () => {
      fireEvent.click(screen.getByText('生成邀请'))
    })

    expect(sent).toEqual([{ role: 'grid_worker', regionId: 'g1', maxUses: 1, expiresInHours: 72 }])
    const qr = screen.getByRole('img', { name: '邀请二维码，邀请码 ABCD-EFGH' })
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    expect(screen.getAllByText('ABCD-EFGH').length).toBeGreaterThan(0)
    fireEvent.click(screen.getByText('复制邀请码'))
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD-EFGH' })
  })

  it('when no region is chosen, then nothing is sent and the form says what is missing', async () => {
    const api = new FakeApi()
    api.createInvitation = jest.fn(() => Promise.resolve(anInvitation()))
    await renderAsCadre(api)

    fireEvent.click(screen.getByText('网格员/民警'))
    await act(async () => {
      fireEvent.click(screen.getByText('生成邀请'))
    })

    expect(api.createInvitation).not.toHaveBeenCalled()
    expect(screen.getByText('请选择区域')).toBeTruthy()
  })

  it('when 作废 is confirmed with 确定, then the invitation is revoked and shows 已作废', async () => {
    const api = new FakeApi()
    api.invitations = () => Promise.resolve({ items: [anInvitation()] })
    api.revokeInvitation = jest.fn((code: string) => Promise.resolve(anInvitation({ code, status: 'revoked' })))
    await renderAsCadre(api)
    expect(screen.getByText('邀请码 ABCD-EFGH · 可使用')).toBeTruthy()

    fireEvent.click(screen.getByText('作废'))
    expect(api.revokeInvitation).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })

    expect(api.revokeInvitation).toHaveBeenCalledWith('ABCDEFGH')
    expect(screen.getByText('邀请码 ABCD-EFGH · 已作废')).toBeTruthy()
    expect(screen.queryByText('作废')).toBeNull()
  })

  it('when a grid worker opens it, then it says they may not invite', async () => {
    const api = new FakeApi()
    jest.mocked(useRouter).mockReturnValue({ params: {} } as never)
    api.demoLogin = () => Promise.resolve(aLogin(aMe([aRole({ role: 'grid_worker', regionId: 'g1' })])))
    const store = aRootStore(api)
    await store.session.loginWithDemoPersona('w')
    renderWithStores(<InvitationsPage />, store)

    expect(screen.getByText('您没有邀请他人的权限')).toBeTruthy()
  })
})
