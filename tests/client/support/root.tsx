import type { ReactElement } from 'react'
import { render } from '@testing-library/react'
import type { Api } from '@/services/api-client'
import type { PreferenceStore } from '@/services/preferences'
import type { TokenStore } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { StoresProvider } from '@/stores/stores-context'

export class MemoryTokens implements TokenStore {
  constructor(public value: string | null = null) {}
  get() { return this.value }
  set(token: string | null) { this.value = token }
}

export class MemoryPreferences implements PreferenceStore {
  flags = new Map<string, boolean>()
  getFlag(key: string) { return this.flags.get(key) ?? false }
  setFlag(key: string, value: boolean) { this.flags.set(key, value) }
}

/** Pass an Api to use as is, or a factory to wrap the session token (to test the real client against fake HTTP). */
export function aRootStore(api: Api | ((token: TokenStore) => Api), tokens: TokenStore = new MemoryTokens()): RootStore {
  return new RootStore({
    createApi: typeof api === 'function' ? api : () => api,
    tokenStorage: tokens,
    preferences: new MemoryPreferences(),
    wechatCode: () => Promise.resolve('wx-code'),
  })
}

export function renderWithStores(ui: ReactElement, store: RootStore) {
  return render(<StoresProvider store={store}>{ui}</StoresProvider>)
}
