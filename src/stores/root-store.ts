import { reaction } from 'mobx'
import { isLargeSystemFont } from '@/core/care-mode'
import { ApiClient, type Api } from '@/services/api-client'
import { TaroPreferences, type PreferenceStore } from '@/services/preferences'
import { TokenStorage, type TokenStore } from '@/services/token-storage'
import { getWeChatLoginCode } from '@/services/wechat-auth'
import { realTimers, TaroConnectivityEvents, type ConnectivityEvents, type Timers } from '@/services/network'
import { TaroOfflineStorage, type OfflineStorage } from '@/services/offline-storage'
import { readerKey } from '@/services/reader-key'
import { readSystemFont } from '@/services/system-font'
import { groupInfo } from '@/services/share-launch'
import { BulletinStore } from './bulletin-store'
import { DoorStore } from './door-store'
import { KnowledgeStore } from './knowledge-store'
import { QuizStore } from './quiz-store'
import { ResidenceStore } from './residence-store'
import { SessionStore } from './session-store'
import { SessionToken } from './session-token'
import type { StoreContext, StoreFactory, UserScoped } from './store-context'
import { UiStore } from './ui-store'
import { VisitQueueStore } from './visit-queue-store'
import type { PhotoPicker } from '@/services/activity-photos'

export interface RootDeps {
  /** Builds the API client around the session's token, which it reads on every request and clears on 401. */
  createApi: (token: TokenStore) => Api
  tokenStorage: TokenStore
  preferences: PreferenceStore
  /** Whether the person enlarged the phone's text: 关怀模式 is then offered once. Tests leave it out (normal text). */
  largeSystemFont?: () => boolean
  wechatCode: () => Promise<string>
  /** Door-to-door work kept on the phone; the defaults are the real device, tests pass fakes. */
  offlineStorage?: OfflineStorage
  connectivity?: ConnectivityEvents
  timers?: Timers
  /** Choosing and compressing activity photos; tests pass a fake. */
  photoPicker?: PhotoPicker
}

/**
 * Stores that hold nothing of one person: the session itself, the phone's display preferences, and the offline
 * queue, whose records carry their worker and are uploaded only under that worker's session.
 */
export const USER_INDEPENDENT_STORES = ['session', 'ui', 'queue'] as const

/**
 * Created once at app start; pages reach it through useStores(). It holds the stores every package needs; the stores
 * of one subpackage's pages are created on first use through useStore(factory), so their code stays in that subpackage.
 */
export class RootStore {
  readonly session: SessionStore
  readonly ui: UiStore
  readonly queue: VisitQueueStore
  readonly doors: DoorStore
  readonly bulletins: BulletinStore
  readonly knowledge: KnowledgeStore
  readonly quiz: QuizStore
  readonly residence: ResidenceStore
  readonly #context: StoreContext
  readonly #created = new Map<StoreFactory<UserScoped>, UserScoped>()

  /**
   * Every store that holds what one signed-in person may see, emptied when they sign out or someone else signs in
   * on the same phone: those created on use always are; a store added to RootStore must be listed here or in
   * USER_INDEPENDENT_STORES (a test checks).
   */
  get userScoped(): UserScoped[] {
    return [this.doors, this.bulletins, this.knowledge, this.quiz, this.residence, ...this.#created.values()]
  }

  constructor(deps: RootDeps) {
    const token = new SessionToken(deps.tokenStorage)
    const api = deps.createApi(token)
    const storage = deps.offlineStorage ?? new TaroOfflineStorage()
    this.session = new SessionStore(api, token, deps.wechatCode, storage)
    this.ui = new UiStore(deps.preferences, deps.largeSystemFont)
    this.queue = new VisitQueueStore({
      api, storage, timers: deps.timers ?? realTimers, random: Math.random, currentUserId: () => this.session.me?.id ?? null,
    })
    this.queue.listen(deps.connectivity ?? new TaroConnectivityEvents())
    this.doors = new DoorStore(api)
    this.bulletins = new BulletinStore({
      api, readerKey: () => readerKey(storage), groupInfo, isSignedIn: () => this.session.isSignedIn,
    })
    this.knowledge = new KnowledgeStore(api)
    this.quiz = new QuizStore({ api, now: () => Date.now() })
    this.residence = new ResidenceStore(api, this.session)
    this.#context = {
      api, session: this.session, queue: this.queue, storage, photoPicker: deps.photoPicker, now: () => new Date(),
    }
    // Lives as long as the app: data loaded for one user is dropped when they sign out or someone else signs in.
    // Not when the stored session's user first loads at start-up: that would drop a door page's answer in flight.
    reaction(
      () => this.session.me?.id,
      (_id, previousId) => {
        if (previousId) for (const store of this.userScoped) store.reset()
      },
    )
    // Once records have gone up, the open door shows the server's fresh state (last visit, pledge) again.
    reaction(
      () => this.queue.pendingCount,
      (pending, before) => {
        if (pending < before && this.doors.isHousehold && this.doors.token) void this.doors.open(this.doors.token)
      },
    )
    // Records kept while signed out, or from before the app was closed, go up as soon as someone is signed in.
    reaction(
      () => this.session.me?.id,
      (id) => {
        if (id && this.queue.pendingCount > 0) void this.queue.sync()
      },
    )
  }

  /** The one store this factory builds, created the first time any page asks for it. */
  store<T extends UserScoped>(factory: StoreFactory<T>): T {
    let store = this.#created.get(factory)
    if (!store) {
      store = factory(this.#context)
      this.#created.set(factory, store)
    }
    return store as T
  }
}

export function createRootStore(): RootStore {
  return new RootStore({
    createApi: (token) => new ApiClient(token),
    tokenStorage: new TokenStorage(),
    preferences: new TaroPreferences(),
    largeSystemFont: () => isLargeSystemFont(readSystemFont()),
    wechatCode: getWeChatLoginCode,
  })
}
