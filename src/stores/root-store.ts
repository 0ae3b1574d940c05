import { reaction } from 'mobx'
import { ApiClient, type Api } from '@/services/api-client'
import { TaroPreferences, type PreferenceStore } from '@/services/preferences'
import { TokenStorage, type TokenStore } from '@/services/token-storage'
import { getWeChatLoginCode } from '@/services/wechat-auth'
import { HouseholdStore } from './household-store'
import { RegionStore } from './region-store'
import { SessionStore } from './session-store'
import { SessionToken } from './session-token'
import { UiStore } from './ui-store'

export interface RootDeps {
  /** Builds the API client around the session's token, which it reads on every request and clears on 401. */
  createApi: (token: TokenStore) => Api
  tokenStorage: TokenStore
  preferences: PreferenceStore
  wechatCode: () => Promise<string>
}

/** Created once at app start; pages reach it through useStores(). */
export class RootStore {
  readonly session: SessionStore
  readonly regions: RegionStore
  readonly households: HouseholdStore
  readonly ui: UiStore

  constructor(deps: RootDeps) {
    const token = new SessionToken(deps.tokenStorage)
    const api = deps.createApi(token)
    this.session = new SessionStore(api, token, deps.wechatCode)
    this.regions = new RegionStore(api)
    this.households = new HouseholdStore(api)
    this.ui = new UiStore(deps.preferences)
    // Lives as long as the app: data loaded for one user is dropped when they sign out or someone else signs in.
    reaction(
      () => this.session.me?.id,
      () => {
        this.regions.reset()
        this.households.reset()
      },
    )
  }
}

export function createRootStore(): RootStore {
  return new RootStore({
    createApi: (token) => new ApiClient(token),
    tokenStorage: new TokenStorage(),
    preferences: new TaroPreferences(),
    wechatCode: getWeChatLoginCode,
  })
}
