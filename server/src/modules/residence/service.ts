import type { Me } from '#contract/auth'
import type { MyData, PlaceTown, Residence, ResidenceChoice } from '#contract/residence'
import type { AppContext } from '../../context'
import { AppError, notFound } from '../../errors'
import type { AuthService } from '../auth/service'
import type { SessionUser } from '../auth/session-user'
import { looksLikeLabelToken } from '../labels/label-token'
import type { LabelRepo } from '../labels/repo'
import { auditMembership } from '../users/membership-audit'
import { findRegionRef, spokenName } from '../users/region-ref'
import { ResidenceRepo } from './repo'

/** A resident says once where they live; that village is their whole scope: quiz, prizes, leaderboard, bulletins. */
export class ResidenceService {
  constructor(private readonly ctx: AppContext, private readonly auth: AuthService, private readonly repo: ResidenceRepo, private readonly labels: LabelRepo) {}

  places(): Promise<PlaceTown[]> {
    return this.repo.places()
  }

  residence(caller: SessionUser): Promise<Residence | null> {
    return this.repo.find(caller.id)
  }

  /** Binds, or moves house; binding again where one already lives changes nothing and writes no history. */
  async bind(caller: SessionUser, input: ResidenceChoice): Promise<{ residence: Residence; me: Me }> {
    const { villageId, householdId } = 'doorToken' in input ? await this.placeOfLabel(input.doorToken) : { villageId: input.villageId, householdId: null }
    const village = await findRegionRef(this.ctx.db, villageId)
    if (!village) throw new AppError('REGION_NOT_FOUND', 404)
    if (village.level !== 'village') throw new AppError('RESIDENCE_VILLAGE_REQUIRED', 400)
    const before = await this.repo.find(caller.id)
    const unchanged = before?.villageId === village.id && (householdId === null || before.householdCode !== null)
    if (!unchanged) {
      const now = this.ctx.now()
      const beforeVillage = before && before.villageId !== village.id ? `${before.townName} ${before.villageName}` : undefined
      await this.ctx.db.transaction().execute(async (trx) => {
        await new ResidenceRepo(trx).bind(caller.id, village.id, householdId, now)
        await auditMembership(trx, {
          action: beforeVillage ? 'residence.move' : 'residence.bind', userId: caller.id, actorId: caller.id, countyId: village.countyId, at: now,
          detail: { role: 'resident', regionName: spokenName(village), fromRegionName: beforeVillage },
        })
        await this.ctx.sessionInvalidation.announce(trx, caller.id)
      })
      await this.ctx.sessionInvalidation.committed(caller.id)
    }
    return { residence: (await this.repo.find(caller.id))!, me: await this.auth.me(caller.id) }
  }

  async leave(caller: SessionUser): Promise<void> {
    const residence = await this.repo.find(caller.id)
    if (!residence) throw notFound('RESIDENCE_NOT_FOUND')
    const village = await findRegionRef(this.ctx.db, residence.villageId)
    const now = this.ctx.now()
    await this.ctx.db.transaction().execute(async (trx) => {
      await new ResidenceRepo(trx).leave(caller.id)
      await auditMembership(trx, {
        action: 'residence.leave', userId: caller.id, actorId: caller.id, countyId: village?.countyId ?? null, at: now,
        detail: { role: 'resident', regionName: `${residence.townName} ${residence.villageName}` },
      })
      await this.ctx.sessionInvalidation.announce(trx, caller.id)
    })
    await this.ctx.sessionInvalidation.committed(caller.id)
  }

  async myData(caller: SessionUser): Promise<MyData> {
    const [me, residence, counts, createdAt] = await Promise.all([
      this.auth.me(caller.id), this.repo.find(caller.id), this.repo.historyCounts(caller.id), this.repo.userCreatedAt(caller.id),
    ])
    return { displayName: me.displayName, createdAt: createdAt.toISOString(), roles: me.roles, residence, ...counts }
  }

  private async placeOfLabel(token: string): Promise<{ villageId: string; householdId: string }> {
    const label = looksLikeLabelToken(token) ? await this.labels.findByToken(token) : null
    if (!label) throw notFound('LABEL_UNKNOWN')
    if (label.revokedAt) throw new AppError('LABEL_REVOKED', 410)
    const village = await this.repo.villageOfHousehold(label.householdId)
    if (!village) throw notFound('LABEL_UNKNOWN')
    return { villageId: village.id, householdId: label.householdId }
  }
}
