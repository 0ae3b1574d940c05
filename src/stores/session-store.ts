import { flow, makeAutoObservable } from 'mobx'
import type { DemoPersona, LoginResult, Me } from '@/contract/auth'
import type { MeRole } from '@/contract/common'
import { canDeactivate, canManageRole } from '@/core/membership'
import type { Role } from '@/core/roles'
import { hasAnyRole, roleAllows, type Action } from '@/core/scope'
import { ApiError, type Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import type { OfflineStorage } from '@/services/offline-storage'
import type { SessionToken } from './session-token'

/** Who was last confirmed signed in on this phone, so that a start without network still opens their workbench. */
export const LAST_ME_KEY = 'xuanfang.lastMe'

/** 'unavailable': the server is not in demo mode (404), so H5 cannot sign in. */
export type PersonaState = LoadState | 'unavailable'

const ADMINISTERING: readonly Role[] = ['admin', 'cadre']

export class SessionStore {
  private current: Me | null = null
  meState: LoadState = 'idle'
  personas: DemoPersona[] = []
  personaState: PersonaState = 'idle'
  /** Persona id or 'wechat' while a login is under way, so that its button shows progress. */
  signingIn: string | null = null
  loginError: string | null = null
  error: string | null = null
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
    makeAutoObservable<SessionStore, 'api' | 'token' | 'wechatCode' | 'kept'>(this, { api: false, token: false, wechatCode: false, kept: false })
  }

  /** Null as soon as the token is gone, whoever removed it. */
  get me(): Me | null {
    return this.token.get() ? this.current : null
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
    this.meState = 'loading'
    try {
      this.current = yield this.api.me()
      this.meState = 'ready'
      this.unconfirmed = false
      this.keep(this.current)
    } catch (e) {
      const kept = e instanceof ApiError && e.code === 'NETWORK' && this.token.get() ? this.keptMe() : null
      if (kept) {
        // No network to ask: carry on as the person last confirmed here. A dead token or a refusal never gets this.
        this.current = kept
        this.meState = 'ready'
        this.unconfirmed = true
        return
      }
      this.meState = 'error'
      this.error = errorMessage(e)
    }
  })

  loadPersonas = flow(function* (this: SessionStore) {
    this.personaState = 'loading'
    try {
      const result: { personas: DemoPersona[] } = yield this.api.demoPersonas()
      this.personas = result.personas
      this.personaState = 'ready'
    } catch (e) {
      this.personaState = e instanceof ApiError && e.status === 404 ? 'unavailable' : 'error'
      this.error = errorMessage(e)
    }
  })

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
    this.current = me
    this.meState = 'ready'
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
    this.current = null
    this.meState = 'idle'
    this.unconfirmed = false
    this.keep(null)
  })

  private signIn = flow(function* (this: SessionStore, key: string, login: () => Promise<LoginResult>) {
    this.signingIn = key
    this.loginError = null
    try {
      const result: LoginResult = yield login()
      this.token.set(result.token)
      this.current = result.user
      this.meState = 'ready'
      this.unconfirmed = false
      this.keep(result.user)
      return true
    } catch (e) {
      this.loginError = errorMessage(e)
      return false
    } finally {
      this.signingIn = null
    }
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
