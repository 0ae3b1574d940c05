import { act, fireEvent, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MePage from '@/pages/me/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'
import { aDissuaderLogin, anAdminLogin } from '../../support/warning-factories'

async function renderMe(login = aDissuaderLogin()) {
  const api = new FakeApi()
  api.demoLogin = () => Promise.resolve(login)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('x')
  await act(async () => {
    renderWithStores(<MePage />, store)
  })
}

describe('预警处置 entry on 我的', () => {
  it('when a dissuader is signed in, then 预警处置 opens their queue', async () => {
    await renderMe()

    fireEvent.click(screen.getByText('预警处置'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/warnings/index' })
  })

  it('when an admin without the dissuader role is signed in, then there is no 预警处置 entry', async () => {
    await renderMe(anAdminLogin())

    expect(screen.queryByText('预警处置')).toBeNull()
  })
})
