import type { Page } from '#core/page'
import {
  canDeactivate, canManageRole, describeMembershipEvent, isMembershipEvent, roleFitsRegion, type MembershipDetail, type MembershipEvent,
} from '#core/membership'
import type { ManagedUser, ManagedUserDetail, RoleMove, RoleRef, UserQuery } from '#contract/users'
import { countyIdOf } from '#core/regions'
import { scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, notFound } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import { SessionRepo } from '../auth/session-repo'
import type { SessionUser } from '../auth/session-user'
import { auditMembership } from './membership-audit'
import { findRegionRef, spokenName, type RegionRef } from './region-ref'
import { UserRepo, type MembershipTransaction } from './repo'

/** 人员管理: who works where, and the admins' changes to it; every change audited and felt by every session at once. */
export class UserService {
  constructor(private readonly ctx: AppContext, private readonly repo: UserRepo) {}

  async list(caller: SessionUser, query: UserQuery): Promise<Page<ManagedUser>> {
    const paths = await scopeFor(caller.roles, 'user.read', query.regionId, async (id) => (await findRegionRef(this.ctx.db, id))?.path ?? null)
    return this.repo.listUnder(paths, query)
  }

  /** A user with no role in the caller's scope is answered as unknown: existence is not the caller's business. */
  async detail(caller: SessionUser, userId: string): Promise<ManagedUserDetail> {
    const detail = await this.describe(caller, userId)
    if (detail.roles.length === 0 && userId !== caller.id) throw notFound('USER_NOT_FOUND')
    return detail
  }

  /** The user as the caller sees them, also right after the caller removed their last role in scope. */
  private async describe(caller: SessionUser, userId: string): Promise<ManagedUserDetail> {
    const user = await this.repo.find(userId)
    if (!user) throw notFound('USER_NOT_FOUND')
    const roles = (await this.repo.rolesOf([userId], scopePathsFor(caller.roles, 'user.read'))).get(userId) ?? []
    const history = await this.repo.history(userId)
    return {
      id: user.id,
      displayName: user.displayName,
      active: user.deactivatedAt === null,
      roles,
      createdAt: user.createdAt.toISOString(),
      history: history.filter((h) => isMembershipEvent(h.action)).map((h) => ({
        at: h.at.toISOString(),
        action: h.action as MembershipEvent,
        text: describeMembershipEvent(h.action as MembershipEvent, h.detail as MembershipDetail),
        actorName: h.actorName,
      })),
    }
  }

  async removeRole(caller: SessionUser, userId: string, ref: RoleRef): Promise<ManagedUserDetail> {
    const region = await this.managedRegion(caller, userId, ref.regionId)
    await this.change(userId, async (repo, trx, now) => {
      if (ref.role === 'admin') await this.keepAnAdmin(repo, region.countyId, { userId, regionId: region.id })
      if (!(await repo.removeRole(userId, ref.role, region.id))) throw new AppError('ROLE_NOT_HELD', 404)
      await auditMembership(trx, {
        action: 'role.remove', userId, actorId: caller.id, countyId: region.countyId, at: now, detail: { role: ref.role, regionName: spokenName(region) },
      })
    })
    return this.describe(caller, userId)
  }

  async moveRole(caller: SessionUser, userId: string, move: RoleMove): Promise<ManagedUserDetail> {
    const from = await this.managedRegion(caller, userId, move.fromRegionId)
    const to = await this.managedRegion(caller, userId, move.toRegionId)
    if (!roleFitsRegion(move.role, to.level)) throw new AppError('ROLE_REGION_MISMATCH', 400)
    await this.change(userId, async (repo, trx, now) => {
      if (move.role === 'admin' && from.countyId !== to.countyId) await this.keepAnAdmin(repo, from.countyId, { userId, regionId: from.id })
      if (!(await repo.removeRole(userId, move.role, from.id))) throw new AppError('ROLE_NOT_HELD', 404)
      await repo.grantRole(userId, move.role, to.id, now)
      await auditMembership(trx, {
        action: 'role.move', userId, actorId: caller.id, countyId: to.countyId, at: now,
        detail: { role: move.role, fromRegionName: spokenName(from), regionName: spokenName(to) },
      })
    })
    return this.describe(caller, userId)
  }

  /** Ends every session of the user at once, on every server instance; their roles stay for a later reactivation. */
  async deactivate(caller: SessionUser, userId: string): Promise<ManagedUserDetail> {
    const roles = await this.everyRoleManaged(caller, userId)
    await this.change(userId, async (repo, trx, now) => {
      for (const countyId of new Set(roles.filter((r) => r.role === 'admin').map((r) => countyIdOf(r.regionPath)))) {
        await this.keepAnAdmin(repo, countyId, { userId })
      }
      await repo.setDeactivated(userId, now)
      await new SessionRepo(trx).revokeAllOf(userId, now)
      await auditMembership(trx, { action: 'user.deactivate', userId, actorId: caller.id, countyId: countyIdOf(roles[0].regionPath), at: now, detail: {} })
    })
    return this.describe(caller, userId)
  }

  async reactivate(caller: SessionUser, userId: string): Promise<ManagedUserDetail> {
    const roles = await this.everyRoleManaged(caller, userId)
    await this.change(userId, async (repo, trx, now) => {
      await repo.setDeactivated(userId, null)
      await auditMembership(trx, { action: 'user.reactivate', userId, actorId: caller.id, countyId: countyIdOf(roles[0].regionPath), at: now, detail: {} })
    })
    return this.describe(caller, userId)
  }

  /** The region of a role the caller may change for this user; nobody changes their own roles. */
  private async managedRegion(caller: SessionUser, userId: string, regionId: string): Promise<RegionRef> {
    if (userId === caller.id) throw new AppError('SELF_CHANGE_FORBIDDEN', 403)
    const user = await this.repo.find(userId)
    const region = await findRegionRef(this.ctx.db, regionId)
    if (!user) throw notFound('USER_NOT_FOUND')
    if (!region) throw new AppError('REGION_NOT_FOUND', 404)
    if (!canManageRole(caller.roles, region.path)) throw notFound('USER_NOT_FOUND')
    return region
  }

  private async everyRoleManaged(caller: SessionUser, userId: string) {
    if (userId === caller.id) throw new AppError('SELF_CHANGE_FORBIDDEN', 403)
    const roles = (await this.repo.rolesOf([userId])).get(userId) ?? []
    if (!canDeactivate(caller.roles, roles)) throw notFound('USER_NOT_FOUND')
    return roles
  }

  /** One transaction per change; every instance forgets the user's cached sessions when it commits. */
  private async change(userId: string, work: (repo: UserRepo, trx: MembershipTransaction, now: Date) => Promise<void>): Promise<void> {
    const now = this.ctx.now()
    await this.ctx.db.transaction().execute(async (trx) => {
      await work(new UserRepo(trx), trx, now)
      await this.ctx.sessionInvalidation.announce(trx, userId)
    })
    await this.ctx.sessionInvalidation.committed(userId)
  }

  /** A county keeps at least one active admin: the one losing (this role of) admin must not be the last. */
  private async keepAnAdmin(repo: UserRepo, countyId: string, leaving: { userId: string; regionId?: string }): Promise<void> {
    await repo.lockCountyAdmins(countyId)
    const others = (await repo.activeAdminsIn(countyId)).filter(
      (a) => a.userId !== leaving.userId || (leaving.regionId !== undefined && a.regionId !== leaving.regionId),
    )
    if (others.length === 0) throw new AppError('LAST_ADMIN', 409)
  }
}
