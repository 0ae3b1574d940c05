import QRCode from 'qrcode'
import type { Me } from '#contract/auth'
import {
  canInvite, invitableRoles, invitationStatus, looksLikeInvitationCode, normalizeInvitationCode, type InvitationStatus,
} from '#core/membership'
import type { Invitation, InvitationInput, InvitationPreview } from '#contract/invitations'
import type { ErrorCode } from '#core/errors'
import type { AppContext } from '../../context'
import { AppError, notFound } from '../../errors'
import { writeAudit } from '../../db/audit-log'
import type { AuthService } from '../auth/service'
import type { SessionUser } from '../auth/session-user'
import { auditMembership } from '../users/membership-audit'
import { findRegionRef, spokenName } from '../users/region-ref'
import { UserRepo } from '../users/repo'
import { newInvitationCode } from './invitation-code'
import { InvitationRepo, type InvitationRecord } from './repo'

const REFUSALS: Record<Exclude<InvitationStatus, 'open'>, ErrorCode> = {
  expired: 'INVITATION_EXPIRED',
  used_up: 'INVITATION_USED_UP',
  revoked: 'INVITATION_REVOKED',
}

export const joinPathOf = (code: string) => `/join/${code}`

/** Staff join by invitation: a code for a role in a region, from someone whose scope and rank cover it. */
export class InvitationService {
  constructor(private readonly ctx: AppContext, private readonly auth: AuthService, private readonly repo: InvitationRepo, private readonly users: UserRepo) {}

  async create(caller: SessionUser, input: InvitationInput): Promise<Invitation> {
    const region = await findRegionRef(this.ctx.db, input.regionId)
    if (!region) throw new AppError('REGION_NOT_FOUND', 404)
    if (!canInvite(caller.roles, input.role, region)) throw new AppError('INVITATION_NOT_ALLOWED', 403)
    const created = await this.issue({ ...input, countyId: region.countyId, createdBy: caller.id })
    return this.view(created)
  }

  /** Also the first admin's invitation, printed by `npm run admin:create`: then nobody invited (createdBy null). */
  async issue(input: InvitationInput & { countyId: string; createdBy: string | null }): Promise<InvitationRecord> {
    const now = this.ctx.now()
    for (;;) {
      const code = newInvitationCode()
      const stored = await this.ctx.db.transaction().execute(async (trx) => {
        const repo = new InvitationRepo(trx)
        if (!(await repo.create({ ...input, code, expiresAt: new Date(now.getTime() + input.expiresInHours * 3600_000), createdAt: now }))) return null
        const record = (await repo.findByCode(code))!
        await writeAudit(trx, {
          countyId: input.countyId, actorId: input.createdBy, action: 'invitation.create', targetType: 'invitation', targetId: record.id,
          detail: { role: input.role, regionId: input.regionId, maxUses: input.maxUses, expiresAt: record.expiresAt.toISOString() }, at: now,
        })
        return record
      })
      if (stored) return stored
    }
  }

  /** The invitations for regions the caller may invite to, newest first. */
  async list(caller: SessionUser): Promise<Invitation[]> {
    const paths = caller.roles.filter((r) => invitableRoles([r]).length > 0).map((r) => r.regionPath)
    if (paths.length === 0) throw new AppError('FORBIDDEN', 403)
    return Promise.all((await this.repo.listUnder(paths)).map((inv) => this.view(inv)))
  }

  async revoke(caller: SessionUser, code: string): Promise<Invitation> {
    const inv = await this.find(code)
    if (!canInvite(caller.roles, inv.role, { path: inv.regionPath, level: inv.regionLevel })) throw notFound('INVITATION_NOT_FOUND')
    const now = this.ctx.now()
    await this.ctx.db.transaction().execute(async (trx) => {
      await new InvitationRepo(trx).revoke(inv.id, now)
      await writeAudit(trx, { countyId: inv.countyId, actorId: caller.id, action: 'invitation.revoke', targetType: 'invitation', targetId: inv.id, detail: {}, at: now })
    })
    return this.view((await this.repo.findByCode(inv.code))!)
  }

  async preview(caller: SessionUser, code: string): Promise<InvitationPreview> {
    const inv = await this.find(code)
    const held = (await this.users.rolesOf([caller.id])).get(caller.id) ?? []
    return {
      code: inv.code,
      role: inv.role,
      regionName: regionNameOf(inv),
      inviterName: inv.inviterName ?? '系统（首位管理员）',
      expiresAt: inv.expiresAt.toISOString(),
      status: invitationStatus(inv, this.ctx.now()),
      alreadyHeld: held.some((r) => r.role === inv.role && r.regionId === inv.regionId),
    }
  }

  /**
   * Grants the role; one transaction takes the use, records who accepted and audits the grant. Someone who holds
   * the role there already changes nothing and takes no use: the code stays for the person it was meant for.
   */
  async accept(caller: SessionUser, code: string): Promise<{ me: Me }> {
    const inv = await this.find(code)
    const status = invitationStatus(inv, this.ctx.now())
    if (status !== 'open') throw new AppError(REFUSALS[status], 409)
    await this.checkInviterStillMay(inv)
    if (caller.roles.some((r) => r.role === inv.role && r.regionId === inv.regionId)) return { me: await this.auth.me(caller.id) }
    const now = this.ctx.now()
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InvitationRepo(trx)
      if (!(await repo.recordAcceptance(inv.id, caller.id, now))) throw new AppError('INVITATION_ALREADY_ACCEPTED', 409)
      if (!(await repo.takeUse(inv.id, now))) {
        const latest = (await repo.findByCode(inv.code))!
        const refusal = invitationStatus(latest, now)
        throw new AppError(refusal === 'open' ? 'INVITATION_USED_UP' : REFUSALS[refusal], 409)
      }
      await new UserRepo(trx).grantRole(caller.id, inv.role, inv.regionId, now)
      await auditMembership(trx, {
        action: 'role.grant', userId: caller.id, actorId: inv.createdBy, countyId: inv.countyId, at: now,
        detail: { role: inv.role, regionName: regionNameOf(inv), viaInvitation: true },
      })
      await this.ctx.sessionInvalidation.announce(trx, caller.id)
    })
    await this.ctx.sessionInvalidation.committed(caller.id)
    return { me: await this.auth.me(caller.id) }
  }

  private async find(typed: string): Promise<InvitationRecord> {
    const code = normalizeInvitationCode(typed)
    const inv = looksLikeInvitationCode(code) ? await this.repo.findByCode(code) : null
    if (!inv) throw notFound('INVITATION_NOT_FOUND')
    return inv
  }

  /** An inviter switched off or moved away since cannot still bring people in through an old code. */
  private async checkInviterStillMay(inv: InvitationRecord): Promise<void> {
    if (!inv.createdBy) return
    const inviter = await this.users.find(inv.createdBy)
    const roles = (await this.users.rolesOf([inv.createdBy])).get(inv.createdBy) ?? []
    if (!inviter || inviter.deactivatedAt || !canInvite(roles, inv.role, { path: inv.regionPath, level: inv.regionLevel })) {
      throw new AppError('INVITATION_INVALID', 403)
    }
  }

  private async view(inv: InvitationRecord): Promise<Invitation> {
    const url = `${this.ctx.config.publicBaseUrl}${joinPathOf(inv.code)}`
    return {
      code: inv.code,
      url,
      qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      role: inv.role,
      regionId: inv.regionId,
      regionName: regionNameOf(inv),
      maxUses: inv.maxUses,
      usedCount: inv.usedCount,
      expiresAt: inv.expiresAt.toISOString(),
      createdAt: inv.createdAt.toISOString(),
      inviterName: inv.inviterName ?? '系统（首位管理员）',
      status: invitationStatus(inv, this.ctx.now()),
    }
  }
}

function regionNameOf(inv: InvitationRecord): string {
  return spokenName({ name: inv.regionName, level: inv.regionLevel, parentName: inv.regionParentName })
}
