import { flow, makeAutoObservable, observable } from 'mobx'
import type { DemoPersona, LoginResult, Me } from '@/contract/auth'
import type { MeRole } from '@/contract/common'
import { canDeactivate, canInvite, canManageRole, invitableRoles, ROLE_REGION_LEVELS, roleFitsRegion, type RegionRef, type StaffRole } from '@/core/membership'
import { REGION_LEVEL_LABELS, type RegionLevel } from '@/core/regions'
import { ROLE_LABELS, type Role } from '@/core/roles'
import { hasAnyRole, roleAllows, type Action } from '@/core/scope'
import { ApiError, type Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { OfflineStorage } from '@/services/offline-storage'
import type { SessionToken } from './session-token'

/** Who was last confirmed signed in on this phone, so that a start without network still opens their workbench. */
export const LAST_ME_KEY = 'xuanfang.lastMe'

/** 'unavailable': the server is not in demo mode (404), so H5 cannot sign in. */
export type PersonaState = LoadState | 'unavailable'

const ADMINISTERING: readonly Role[] = ['admin', 'cadre']

export class SessionStore {
  /** The persona id, 'wechat' or 'signup' of the last sign-in asked for. */
  private signInWith: string | null = null
  private readonly meLoad = new LatestLoad<Me>()
  private readonly personasLoad = new LatestLoad<DemoPersona[]>()
  private readonly signInAttempt = new Submission()
  /**
   * True while `me` is the copy kept from the last confirmed start because the network is gone: records made now are
   * still this person's, and the server checks the session again when they go up.
   */
  unconfirmed = false

  constructor(
    private readonly api: Api,
    private readonly token: SessionToken,
    private readonly wechatCode: () => Promise<string>,
    private readonly kept?: OfflineStorage,
  ) {
    makeAutoObservable<SessionStore, 'api' | 'token' | 'wechatCode' | 'kept' | 'signInWith' | 'meLoad' | 'personasLoad' | 'signInAttempt'>(this, {
      api: false, token: false, wechatCode: false, kept: false, signInWith: observable, meLoad: false, personasLoad: false, signInAttempt: false,
    })
  }

  /** Null as soon as the token is gone, whoever removed it. */
  get me(): Me | null {
    return this.token.get() ? this.meLoad.value : null
  }

  get meState(): LoadState {
    return this.meLoad.state
  }

  get meError(): string | null {
    return this.meLoad.error
  }

  get personas(): DemoPersona[] {
    return this.personasLoad.value ?? []
  }

  get personaState(): PersonaState {
    const failure = this.personasLoad.failure
    return failure instanceof ApiError && failure.status === 404 ? 'unavailable' : this.personasLoad.state
  }

  get personaError(): string | null {
    return this.personasLoad.error
  }

  /** Persona id, 'wechat' or 'signup' while a login is under way, so that its button shows progress. */
  get signingIn(): string | null {
    return this.signInAttempt.busy ? this.signInWith : null
  }

  get loginError(): string | null {
    return this.signInAttempt.error
  }

  /** The server's reason when it ended the session, e.g. 该账号已被停用; null after a sign-out of one's own. */
  get endedBecause(): string | null {
    return this.token.endedBecause
  }

  get hasToken(): boolean {
    return this.token.get() !== null
  }

  get isSignedIn(): boolean {
    return this.me !== null
  }

  get roles(): MeRole[] {
    return this.me?.roles ?? []
  }

  get isWorker(): boolean {
    return hasAnyRole(this.roles, ['grid_worker'])
  }

  get isAdminOrCadre(): boolean {
    return hasAnyRole(this.roles, ['admin', 'cadre'])
  }

  get isDissuader(): boolean {
    return hasAnyRole(this.roles, ['dissuader'])
  }

  get workerGrids(): MeRole[] {
    return this.roles.filter((r) => r.role === 'grid_worker')
  }

  /** The rule the server checks, so that no entry opens onto 您没有权限执行此操作. */
  can(action: Action): boolean {
    return this.roles.some((r) => roleAllows(r.role, action))
  }

  /** Whether this person may move or end a role held at that place. */
  mayManageRoleAt(regionPath: string): boolean {
    return canManageRole(this.roles, regionPath)
  }

  /** Deactivating ends every role a person holds, so this person must be able to manage each of them. */
  mayDeactivate(targetRoles: readonly { regionPath: string }[]): boolean {
    return canDeactivate(this.roles, targetRoles)
  }

  /** The staff roles this person may invite someone to. */
  get invitableRoles(): StaffRole[] {
    return invitableRoles(this.roles)
  }

  mayInvite(role: Role, region: RegionRef): boolean {
    return canInvite(this.roles, role, region)
  }

  roleName(role: Role): string {
    return ROLE_LABELS[role]
  }

  /** A role where it is held, as every page writes it: 网格员/民警 · 东胜村第1网格. */
  roleAt(held: { role: Role; regionName: string }): string {
    return `${ROLE_LABELS[held.role]} · ${held.regionName}`
  }

  /** Whether a role may be held at a region of that level (a grid worker's at a grid). */
  roleFits(role: Role, level: RegionLevel): boolean {
    return roleFitsRegion(role, level)
  }

  /** Where a role may be held, in words: 区县或镇街. */
  placesFor(role: Role): string {
    return ROLE_REGION_LEVELS[role].map((level) => REGION_LEVEL_LABELS[level]).join('或')
  }

  /** The region an admin or cadre starts from: the first one they administer (among those allowed `action`, if named). */
  homeRegion(action?: Action): MeRole | null {
    const allowed = action ? this.roles.filter((r) => roleAllows(r.role, action)) : this.roles
    return allowed.find((r) => ADMINISTERING.includes(r.role)) ?? null
  }

  loadMe = flow(function* (this: SessionStore) {
    if (!this.token.get()) {
      this.keep(null)
      return
    }
    const landed: boolean = yield this.meLoad.load(() => this.api.me())
    if (landed) {
      this.unconfirmed = false
      this.keep(this.meLoad.value)
      return
    }
    const failure = this.meLoad.failure
    const kept = failure instanceof ApiError && failure.code === 'NETWORK' && this.token.get() ? this.keptMe() : null
    if (kept) {
      // No network to ask: carry on as the person last confirmed here. A dead token or a refusal never gets this.
      this.meLoad.set(kept)
      this.unconfirmed = true
    }
  })

  async loadPersonas(): Promise<void> {
    await this.personasLoad.load(async () => (await this.api.demoPersonas()).personas)
  }

  /** Resolves true once signed in; on failure loginError says why. */
  loginWithDemoPersona = flow(function* (this: SessionStore, personaId: string) {
    return (yield this.signIn(personaId, () => this.api.demoLogin(personaId))) as boolean
  })

  loginWithWeChat = flow(function* (this: SessionStore) {
    return (yield this.signIn('wechat', async () => this.api.wechatLogin(await this.wechatCode()))) as boolean
  })

  /** Demo mode only: signs in as a brand-new person with no roles yet, who then binds a residence or accepts an invitation. */
  signUpDemo = flow(function* (this: SessionStore, displayName: string) {
    return (yield this.signIn('signup', () => this.api.demoSignup(displayName.trim()))) as boolean
  })

  /** After a residence is bound or an invitation accepted: the server's new `me`, with its new roles. */
  replaceMe(me: Me): void {
    if (!this.token.get()) return
    this.meLoad.set(me)
    this.unconfirmed = false
    this.keep(me)
  }

  logout = flow(function* (this: SessionStore) {
    try {
      yield this.api.logout()
    } catch {
      // Signing out locally must work offline too; the server session then simply expires.
    }
    this.token.set(null)
    this.meLoad.clear()
    this.unconfirmed = false
    this.keep(null)
  })

  /** One sign-in at a time: a second tap while one is under way does nothing. */
  private signIn = flow(function* (this: SessionStore, key: string, login: () => Promise<LoginResult>) {
    if (this.signInAttempt.busy) return false
    this.signInWith = key
    const signedIn: Outcome<LoginResult> = yield this.signInAttempt.run(login)
    if (!signedIn.ok) return false
    this.token.set(signedIn.value.token)
    this.meLoad.set(signedIn.value.user)
    this.unconfirmed = false
    this.keep(signedIn.value.user)
    return true
  })

  private keptMe(): Me | null {
    const kept = this.kept?.read(LAST_ME_KEY) as { me?: Me } | null | undefined
    return kept?.me && typeof kept.me.id === 'string' && Array.isArray(kept.me.roles) ? kept.me : null
  }

  private keep(me: Me | null): void {
    try {
      this.kept?.write(LAST_ME_KEY, me ? { me } : null)
    } catch {
      // Only the offline start is lost; signing in itself worked.
    }
  }
}
