import type { GroupLabelInput, WeChatGroup } from '#contract/groups'
import { groupRegionFits } from '#core/reach'
import { countyIdOf, isWithin } from '#core/regions'
import { canActOn, scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, outOfScope } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import type { GroupRepo, GroupVisibility, StoredGroup } from './repo'

export class GroupService {
  constructor(private readonly ctx: AppContext, private readonly repo: GroupRepo) {}

  async list(caller: SessionUser, query: { regionId?: string; unlabelled?: boolean }): Promise<WeChatGroup[]> {
    const [regionPath] = query.regionId ? await scopeFor(caller.roles, 'group.label', query.regionId, this.repo.findRegionPath) : []
    const groups = await this.repo.list(visibilityOf(caller), { regionPath, unlabelled: query.unlabelled })
    return groups.map(toWeChatGroup)
  }

  /** Labelling claims the group: the caller becomes its owner and the one reminded when it is not reached. */
  async label(caller: SessionUser, groupId: string, input: GroupLabelInput): Promise<WeChatGroup> {
    const group = await this.repo.find(groupId.toLowerCase())
    if (!group) throw new AppError('GROUP_NOT_FOUND', 404)
    if (!mayLabel(visibilityOf(caller), group)) throw forbidden()
    const region = await this.repo.findRegion(input.regionId)
    if (!region) throw new AppError('REGION_NOT_FOUND', 404)
    if (!canActOn(caller.roles, 'group.label', region.path)) throw outOfScope()
    if (!input.name.trim() || !groupRegionFits(input.tier, region.level)) throw new AppError('GROUP_LABEL_INVALID', 400)
    await this.repo.label(group.id, { name: input.name.trim(), tier: input.tier, regionId: input.regionId, ownerId: caller.id, at: this.ctx.now() })
    return toWeChatGroup((await this.repo.find(group.id))!)
  }
}

/**
 * Cadres see the groups they own and the unlabelled ones of their county (to claim them); admins also see
 * every labelled group under their regions, whoever owns it.
 */
function visibilityOf(caller: SessionUser): GroupVisibility {
  const paths = scopePathsFor(caller.roles, 'group.label')
  if (paths.length === 0) throw forbidden()
  const adminPaths = scopePathsFor(caller.roles.filter((r) => r.role === 'admin'), 'group.label')
  return { ownerId: caller.id, regionPaths: adminPaths, counties: [...new Set(paths.map(countyIdOf))] }
}

function mayLabel(visible: GroupVisibility, group: StoredGroup): boolean {
  if (group.ownerId === visible.ownerId) return true
  if (group.regionPath === null) return group.ownerId === null && visible.counties.includes(group.countyId)
  return visible.regionPaths.some((p) => isWithin(group.regionPath!, p))
}

function toWeChatGroup(g: StoredGroup): WeChatGroup {
  return {
    id: g.id, name: g.name, tier: g.tier, regionId: g.regionId, regionName: g.regionName, ownerId: g.ownerId,
    ownerName: g.ownerName, firstSeenAt: g.firstSeenAt, labelledAt: g.labelledAt,
  }
}
