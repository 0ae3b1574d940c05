import Taro, { useRouter } from '@tarojs/taro'
import { act, fireEvent, screen } from '@testing-library/react'
import JoinPage from '@/packages/account/pages/join/index'
import { invitationCodeFromParams } from '@/stores/invitation-store'
import { ApiError } from '@/services/api-client'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'
import { aLogin, aMe, aPreview, aRole } from '../../../../support/membership-factories'

async function renderJoin(api: FakeApi, params: Record<string, string>, signedIn = true) {
  jest.mocked(useRouter).mockReturnValue({ params } as never)
  api.demoSignup = () => Promise.resolve(aLogin(aMe()))
  const store = aRootStore(api)
  if (signedIn) await store.session.signUpDemo('李阿姨')
  await act(async () => {
    renderWithStores(<JoinPage />, store)
  })
  return store
}

describe('join page', () => {
  beforeEach(() => jest.clearAllMocks())

  it('when opened by the H5 redirect or a WeChat link QR code, then the code is read from code or q', () => {
    expect(invitationCodeFromParams({ code: 'abcd-efgh' })).toBe('ABCDEFGH')
    expect(invitationCodeFromParams({ q: encodeURIComponent('https://fz.example.cn/join/ABCDEFGH') })).toBe('ABCDEFGH')
    expect(invitationCodeFromParams({ q: encodeURIComponent('https://fz.example.cn/h/door-token') })).toBeNull()
    expect(invitationCodeFromParams({})).toBeNull()
  })

  it('when a grid worker invitation is accepted, then me has the role and the worker home opens', async () => {
    const api = new FakeApi()
    api.invitationPreview = () => Promise.resolve(aPreview())
    api.acceptInvitation = () => Promise.resolve({ me: aMe([aRole({ role: 'grid_worker', regionId: 'g1' })]) })
    const store = await renderJoin(api, { q: encodeURIComponent('https://fz.example.cn/join/ABCDEFGH') })

    expect(screen.getByText('王所长 邀请您加入')).toBeTruthy()
    expect(screen.getByText('网格员/民警')).toBeTruthy()
    expect(screen.getByText('区域：东胜村第1网格')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('接受'))
    })

    expect(store.session.isWorker).toBe(true)
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/home/index' })
  })

  it.each([
    ['INVITATION_EXPIRED', '邀请已过期', '邀请已过期，请联系邀请人重新生成'],
    ['INVITATION_REVOKED', '邀请已作废', '邀请已作废，请联系邀请人重新生成'],
    ['INVITATION_NOT_FOUND', '邀请码不对', '邀请码无效，请核对后重试'],
  ])('when the code is refused with %s, then the page says so in Chinese and offers to type the code again', async (code, title, message) => {
    const api = new FakeApi()
    api.invitationPreview = () => Promise.reject(new ApiError(code, '…', code === 'INVITATION_NOT_FOUND' ? 404 : 409))
    await renderJoin(api, { code: 'ABCDEFGH' })

    expect(screen.getByText(`⚠ ${title}`)).toBeTruthy()
    expect(screen.getByText(message)).toBeTruthy()
    expect(screen.getByText('查看邀请')).toBeTruthy()
  })

  it('when accepting is refused because it was used up meanwhile, then the message shows and nobody is sent away', async () => {
    const api = new FakeApi()
    api.invitationPreview = () => Promise.resolve(aPreview())
    api.acceptInvitation = () => Promise.reject(new ApiError('INVITATION_USED_UP', '…', 409))
    await renderJoin(api, { code: 'ABCDEFGH' })

    await act(async () => {
      fireEvent.click(screen.getByText('接受'))
    })

    expect(screen.getByText('邀请已被用完，请联系邀请人重新生成')).toBeTruthy()
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('when opened without a code, then the typed code is looked up', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.invitationPreview = (code) => {
      asked.push(code)
      return Promise.resolve(aPreview({ role: 'cadre', regionName: '柏林镇 东胜村' }))
    }
    await renderJoin(api, {})

    fireEvent.change(screen.getByPlaceholderText('如：ABCD-EFGH'), { target: { value: 'abcd efgh' } })
    await act(async () => {
      fireEvent.click(screen.getByText('查看邀请'))
    })

    expect(asked).toEqual(['ABCDEFGH'])
    expect(screen.getByText('村/社区干部')).toBeTruthy()
  })

  it('when nobody is signed in, then the page asks to sign in and come back', async () => {
    await renderJoin(new FakeApi(), { code: 'ABCDEFGH' }, false)

    expect(screen.getByText('邀请码 ABCD-EFGH')).toBeTruthy()
    fireEvent.click(screen.getByText('登录'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index?back=1' })
  })

  it('when the person already holds the role there, then there is no 接受 button', async () => {
    const api = new FakeApi()
    api.invitationPreview = () => Promise.resolve(aPreview({ alreadyHeld: true }))
    await renderJoin(api, { code: 'ABCDEFGH' })

    expect(screen.queryByText('接受')).toBeNull()
    expect(screen.getByText('✓ 您已经是这里的网格员/民警，无需再次接受')).toBeTruthy()
  })
})
