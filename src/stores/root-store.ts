import Taro from '@tarojs/taro'
import { reaction } from 'mobx'
import { ApiClient, type Api } from '@/services/api-client'
import { TaroPreferences, type PreferenceStore } from '@/services/preferences'
import { TokenStorage, type TokenStore } from '@/services/token-storage'
import { getWeChatLoginCode } from '@/services/wechat-auth'
import { realTimers, TaroConnectivityEvents, type ConnectivityEvents, type Timers } from '@/services/network'
import { TaroOfflineStorage, type OfflineStorage } from '@/services/offline-storage'
import { newUuid } from '@/services/uuid'
import { readerKey } from '@/services/reader-key'
import { groupInfo } from '@/services/share-launch'
import { BulletinAdminStore } from './bulletin-admin-store'
import { BulletinStore } from './bulletin-store'
import { CoverageStore } from './coverage-store'
import { DoorStore } from './door-store'
import { GroupStore } from './group-store'
import { SubscriptionStore } from './subscription-store'
import { HouseholdAdminStore } from './household-admin-store'
import { HouseholdImportStore } from './household-import-store'
import { HouseholdStore } from './household-store'
import { LabelStore } from './label-store'
import { PatrolStore } from './patrol-store'
import { PledgeStore } from './pledge-store'
import { ReachStore } from './reach-store'
import { PledgeViewStore } from './pledge-view-store'
import { RegionStore } from './region-store'
import { SessionStore } from './session-store'
import { SessionToken } from './session-token'
import { UiStore } from './ui-store'
import { VisitQueueStore } from './visit-queue-store'
import { KnowledgeStore } from './knowledge-store'
import { LearnPosterStore } from './learn-poster-store'
import { PrizeAdminStore } from './prize-admin-store'
import { PrizeStore } from './prize-store'
import { QuestionAdminStore } from './question-admin-store'
import { QuizStore } from './quiz-store'
import { RedeemStore } from './redeem-store'
import { ActivityStore } from './activity-store'
import { taroPhotoPicker, type PhotoPicker } from '@/services/activity-photos'
import { WarningAdminStore } from './warning-admin-store'
import { WarningDetailStore } from './warning-detail-store'
import { WarningFormStore } from './warning-form-store'
import { WarningImportStore } from './warning-import-store'
import { WarningStore } from './warning-store'
import { ReportStore } from './report-store'
import { ResidenceStore } from './residence-store'
import { InvitationStore } from './invitation-store'
import { UserAdminStore } from './user-admin-store'

export interface RootDeps {
  /** Builds the API client around the session's token, which it reads on every request and clears on 401. */
  createApi: (token: TokenStore) => Api
  tokenStorage: TokenStore
  preferences: PreferenceStore
  wechatCode: () => Promise<string>
  /** Door-to-door work kept on the phone; the defaults are the real device, tests pass fakes. */
  offlineStorage?: OfflineStorage
  connectivity?: ConnectivityEvents
  timers?: Timers
  /** Choosing and compressing activity photos; tests pass a fake. */
  photoPicker?: PhotoPicker
}

/** What sign-out empties: a store's data as the previous person saw it. */
export interface UserScoped {
  reset(): void
}

/**
 * Stores that hold nothing of one person: the session itself, the phone's display preferences, and the offline
 * queue, whose records carry their worker and are uploaded only under that worker's session.
 */
export const USER_INDEPENDENT_STORES = ['session', 'ui', 'queue'] as const

/** Created once at app start; pages reach it through useStores(). */
export class RootStore {
  readonly session: SessionStore
  readonly regions: RegionStore
  readonly households: HouseholdStore
  readonly coverage: CoverageStore
  readonly labels: LabelStore
  readonly householdAdmin: HouseholdAdminStore
  readonly householdImport: HouseholdImportStore
  readonly ui: UiStore
  readonly queue: VisitQueueStore
  readonly doors: DoorStore
  readonly patrol: PatrolStore
  readonly pledge: PledgeStore
  readonly bulletins: BulletinStore
  readonly bulletinAdmin: BulletinAdminStore
  readonly reach: ReachStore
  readonly groups: GroupStore
  readonly subscriptions: SubscriptionStore
  readonly pledgeView: PledgeViewStore
  readonly knowledge: KnowledgeStore
  readonly learnPosters: LearnPosterStore
  readonly quiz: QuizStore
  readonly prizes: PrizeStore
  readonly questionAdmin: QuestionAdminStore
  readonly prizeAdmin: PrizeAdminStore
  readonly redeem: RedeemStore
  readonly activities: ActivityStore
  readonly warnings: WarningStore
  readonly warningDetail: WarningDetailStore
  readonly warningAdmin: WarningAdminStore
  readonly warningForm: WarningFormStore
  readonly warningImport: WarningImportStore
  readonly reports: ReportStore
  readonly residence: ResidenceStore
  readonly invitations: InvitationStore
  readonly userAdmin: UserAdminStore

  /**
   * Every store that holds what one signed-in person may see, emptied when they sign out or someone else signs in
   * on the same phone. A store added to RootStore must be listed here or in USER_INDEPENDENT_STORES (a test checks).
   */
  get userScoped(): UserScoped[] {
    return [
      this.regions, this.households, this.coverage, this.labels, this.householdAdmin, this.householdImport, this.doors,
      this.patrol, this.pledge, this.pledgeView, this.quiz, this.prizes, this.redeem, this.activities, this.warnings,
      this.warningAdmin, this.reports, this.residence, this.invitations, this.userAdmin, this.bulletins, this.bulletinAdmin,
      this.reach, this.groups, this.subscriptions, this.warningDetail, this.warningForm, this.warningImport,
      this.questionAdmin, this.prizeAdmin, this.learnPosters, this.knowledge,
    ]
  }

  constructor(deps: RootDeps) {
    const token = new SessionToken(deps.tokenStorage)
    const api = deps.createApi(token)
    const storage = deps.offlineStorage ?? new TaroOfflineStorage()
    this.session = new SessionStore(api, token, deps.wechatCode, storage)
    this.regions = new RegionStore(api)
    this.households = new HouseholdStore(api)
    this.coverage = new CoverageStore(api)
    this.labels = new LabelStore(api)
    this.householdAdmin = new HouseholdAdminStore(api)
    this.householdImport = new HouseholdImportStore(api)
    this.ui = new UiStore(deps.preferences)
    this.queue = new VisitQueueStore({
      api, storage, timers: deps.timers ?? realTimers, random: Math.random, currentUserId: () => this.session.me?.id ?? null,
    })
    this.queue.listen(deps.connectivity ?? new TaroConnectivityEvents())
    this.doors = new DoorStore(api)
    this.patrol = new PatrolStore(api, { storage, currentUserId: () => this.session.me?.id ?? null, now: () => new Date() })
    this.pledge = new PledgeStore({ api, storage, queue: this.queue, newId: newUuid, now: () => new Date() })
    this.bulletins = new BulletinStore({
      api, readerKey: () => readerKey(storage), groupInfo, isSignedIn: () => this.session.isSignedIn,
    })
    this.bulletinAdmin = new BulletinAdminStore(api)
    this.reach = new ReachStore(api)
    this.groups = new GroupStore(api)
    this.subscriptions = new SubscriptionStore(api)
    this.pledgeView = new PledgeViewStore(api)
    this.knowledge = new KnowledgeStore(api)
    this.learnPosters = new LearnPosterStore(api)
    this.quiz = new QuizStore({ api, now: () => Date.now() })
    this.prizes = new PrizeStore(api)
    this.questionAdmin = new QuestionAdminStore(api)
    this.prizeAdmin = new PrizeAdminStore(api)
    this.redeem = new RedeemStore(api)
    this.activities = new ActivityStore(api, deps.photoPicker ?? taroPhotoPicker)
    this.warnings = new WarningStore(api)
    this.warningDetail = new WarningDetailStore({ api, dial: (phoneNumber) => Taro.makePhoneCall({ phoneNumber }) })
    this.warningAdmin = new WarningAdminStore(api)
    this.warningForm = new WarningFormStore({ api, now: () => new Date() })
    this.warningImport = new WarningImportStore(api)
    this.reports = new ReportStore(api, () => new Date())
    this.residence = new ResidenceStore(api, this.session)
    this.invitations = new InvitationStore(api, this.session)
    this.userAdmin = new UserAdminStore(api)
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
}

export function createRootStore(): RootStore {
  return new RootStore({
    createApi: (token) => new ApiClient(token),
    tokenStorage: new TokenStorage(),
    preferences: careModeFollowsSystemFont(new TaroPreferences(), systemFontIsLarge),
    wechatCode: getWeChatLoginCode,
  })
}

const CARE_MODE_KEY = 'xuanfang.careMode'
const CARE_MODE_CHOSEN_KEY = 'xuanfang.careModeChosen'

/** 关怀模式 starts on for someone who enlarged the phone's text, until they choose for themselves on 我的. */
export function careModeFollowsSystemFont(preferences: PreferenceStore, isLarge: () => boolean): PreferenceStore {
  return {
    getFlag: (key) => {
      if (key !== CARE_MODE_KEY || preferences.getFlag(CARE_MODE_CHOSEN_KEY)) return preferences.getFlag(key)
      return isLarge()
    },
    setFlag: (key, value) => {
      if (key === CARE_MODE_KEY) preferences.setFlag(CARE_MODE_CHOSEN_KEY, true)
      preferences.setFlag(key, value)
    },
  }
}

/** WeChat's standard text size is 16–17; H5 reads the browser's default size, which a user enlarges in its settings. */
const LARGE_FONT_PX = 20

function systemFontIsLarge(): boolean {
  try {
    if (process.env.TARO_ENV === 'h5') {
      // 'medium' is the browser's default size; the root element's own size is Taro's rem scale, not the user's choice.
      const probe = document.createElement('div')
      probe.style.fontSize = 'medium'
      document.body.appendChild(probe)
      const px = parseFloat(getComputedStyle(probe).fontSize)
      probe.remove()
      return px >= LARGE_FONT_PX
    }
    return (Taro.getSystemInfoSync().fontSizeSetting ?? 0) >= LARGE_FONT_PX
  } catch {
    return false
  }
}
