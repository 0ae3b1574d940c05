import type { DemoPersona, LoginResult } from '#contract/auth'
import { AppError } from '../../errors'
import type { AuthRepo } from './repo'
import type { AuthService } from './service'

/** A one-tap login of the demo: who it is, as the login page lists it. The seed creates its user. */
export type DemoPersonaCard = Omit<DemoPersona, 'displayName'>

/**
 * The logins of AUTH_MODE=demo: the seeded personas with one tap, and a role-less sign-up. Built by the composition
 * root only in demo mode, so in production neither the capability nor the demo personas exist in the server.
 */
export class DemoLogin {
  constructor(
    private readonly repo: AuthRepo,
    private readonly auth: AuthService,
    private readonly personas: readonly DemoPersonaCard[],
    private readonly now: () => Date,
  ) {}

  /** Seeded users in the order of the personas given; personas the seed did not create are left out. */
  async personaList(): Promise<DemoPersona[]> {
    const users = new Map((await this.repo.demoUsers()).map((u) => [u.personaId, u]))
    return this.personas.filter((p) => users.has(p.id)).map((p) => ({
      id: p.id,
      label: p.label,
      displayName: users.get(p.id)!.displayName,
      description: p.description,
    }))
  }

  async login(personaId: string): Promise<LoginResult> {
    const user = await this.repo.userByPersona(personaId)
    if (!user) throw new AppError('DEMO_PERSONA_UNKNOWN', 404)
    if (user.deactivated) throw new AppError('USER_DEACTIVATED', 403)
    return this.auth.signIn(user.id)
  }

  /** A brand-new user with no role, exactly as a first WeChat login makes one. */
  async signup(displayName: string): Promise<LoginResult> {
    const user = await this.repo.createUser(displayName, this.now())
    return this.auth.signIn(user.id)
  }
}
