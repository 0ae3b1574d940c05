import type { BulletinReach, CadreForwarding, DailyReach, ShareTreeNode } from '#contract/reach'
import { bulletinReach, cadreForwarding, dailyRollup, dayRange } from '#core/reach'
import { canActOn } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import type { ReachRepo, ReachBulletin } from './repo'

export class ReachService {
  constructor(private readonly ctx: AppContext, private readonly repo: ReachRepo) {}

  /** Which registered groups the bulletin reached, how fast per tier, and which it missed within the hours given. */
  async reach(caller: SessionUser, bulletinId: string, withinHours: number): Promise<BulletinReach> {
    const bulletin = await this.bulletinInScope(caller, bulletinId)
    const [groups, totals] = await Promise.all([
      this.repo.registeredGroups(bulletin.id, bulletin.regionPath),
      this.repo.totals(bulletin.id),
    ])
    return bulletinReach({ bulletinId: bulletin.id, publishedAt: bulletin.publishedAt, groups, ...totals, withinHours })
  }

  async tree(caller: SessionUser, bulletinId: string): Promise<ShareTreeNode[]> {
    const bulletin = await this.bulletinInScope(caller, bulletinId)
    return this.repo.tree(bulletin.id)
  }

  async daily(caller: SessionUser, query: { regionId?: string; from: string; to: string }): Promise<DailyReach[]> {
    const days = dayRange(query.from, query.to)
    if (!days) throw new AppError('REACH_RANGE_INVALID', 400)
    const paths = await scopeFor(caller.roles, 'bulletin.reach', query.regionId, this.repo.findRegionPath)
    return dailyRollup(days, await this.repo.daily(paths, query.from, query.to))
  }

  async cadres(caller: SessionUser, query: { regionId?: string; days: number }): Promise<CadreForwarding[]> {
    const paths = await scopeFor(caller.roles, 'bulletin.reach', query.regionId, this.repo.findRegionPath)
    const now = this.ctx.now()
    const cadres = await this.repo.cadres(paths)
    const bulletins = await this.repo.bulletinsSince(paths, new Date(now.getTime() - query.days * 86_400_000), now)
    const userIds = cadres.map((c) => c.userId)
    const bulletinIds = bulletins.map((b) => b.id)
    const [shares, groups] = await Promise.all([this.repo.sharesBy(userIds, bulletinIds), this.repo.ownedGroupsReached(userIds, bulletinIds)])
    return cadreForwarding({ cadres, bulletins, shares, groups })
  }

  private async bulletinInScope(caller: SessionUser, bulletinId: string): Promise<ReachBulletin> {
    const bulletin = await this.repo.bulletin(bulletinId.toLowerCase())
    // Another region's bulletin looks like no bulletin: ids are not confirmed to callers who may not see them.
    if (!bulletin || !canActOn(caller.roles, 'bulletin.reach', bulletin.regionPath)) throw new AppError('BULLETIN_NOT_FOUND', 404)
    return bulletin
  }
}
