import { act, fireEvent, screen } from '@testing-library/react'
import HomePage from '@/pages/home/index'
import { RootStore } from '@/stores/root-store'
import { FakeApi } from '../../support/fake-api'
import { MemoryPreferences, MemoryTokens, renderWithStores } from '../../support/root'

const CARE_MODE = 'xuanfang.careMode'
const CHOSEN = 'xuanfang.careModeChosen'

function aPhone({ largeText, preferences = new MemoryPreferences() }: { largeText: boolean; preferences?: MemoryPreferences }) {
  const store = new RootStore({
    createApi: () => new FakeApi(), tokenStorage: new MemoryTokens(), preferences, wechatCode: () => Promise.resolve('c'),
    largeSystemFont: () => largeText,
  })
  renderWithStores(<HomePage />, store)
  return { store, preferences }
}

describe('关怀模式 offered on first launch', () => {
  it('when the phone text is large on first launch, then the home asks once whether to turn 关怀模式 on, and it is still off', () => {
    const { store } = aPhone({ largeText: true })

    expect(screen.getByText('开启关怀模式？')).toBeTruthy()
    expect(store.ui.careMode).toBe(false)
  })

  it('when 开启关怀模式 is tapped, then the home turns to 关怀模式, the offer goes, and both are remembered', () => {
    const { preferences } = aPhone({ largeText: true })

    act(() => fireEvent.click(screen.getByText('开启关怀模式')))

    expect(screen.queryByText('开启关怀模式？')).toBeNull()
    expect(screen.getByText('反诈宣防通').parentElement?.classList.contains('care-mode')).toBe(true)
    expect([preferences.getFlag(CARE_MODE), preferences.getFlag(CHOSEN)]).toEqual([true, true])
  })

  it('when 暂不开启 was chosen, then the next launch does not ask again and 关怀模式 stays off', () => {
    const { preferences } = aPhone({ largeText: true })
    act(() => fireEvent.click(screen.getByText('暂不开启')))
    document.body.innerHTML = ''

    const { store } = aPhone({ largeText: true, preferences })

    expect(screen.queryByText('开启关怀模式？')).toBeNull()
    expect(store.ui.careMode).toBe(false)
  })

  it('when the phone text is normal, then nothing is offered, and 关怀模式 is still reachable on the home as a switch', () => {
    const { store } = aPhone({ largeText: false })

    expect(screen.queryByText('开启关怀模式？')).toBeNull()
    act(() => fireEvent.click(screen.getByRole('switch', { name: '关怀模式' })))
    expect(store.ui.careMode).toBe(true)
    expect(screen.getByRole('switch', { name: '关怀模式' }).getAttribute('aria-checked')).toBe('true')
  })
})
