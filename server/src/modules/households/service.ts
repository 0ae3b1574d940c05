import type { Page } from '#core/page'
import type { HouseholdDetail, HouseholdFilters, HouseholdSummary } from '#contract/households'
import { checkHouseholdInput, normalisePhone, type HouseholdDraft } from '#core/households'
import { canActOn, scopePathsFor, type Action } from '#core/scope'
import type { AppContext } from '../../context'
import type { FieldCipher } from '../../crypto/field-cipher'
import { AppError, forbidden, notFound, outOfScope } from '../../errors'
import { rowInScope, scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { HouseholdView, phoneCipher } from './household-view'
import type { HouseholdRepo, HouseholdFields, HouseholdRecord } from './repo'

export interface HouseholdListQuery extends HouseholdFilters {
  regionId?: string
  q?: string
  page: number
  pageSize: number
}

export class HouseholdService {
  private readonly phones: FieldCipher
  private readonly view: HouseholdView

  constructor(private readonly ctx: AppContext, private readonly repo: HouseholdRepo) {
    this.phones = phoneCipher(ctx.config)
    this.view = new HouseholdView(this.phones)
  }

  async list(caller: SessionUser, query: HouseholdListQuery): Promise<Page<HouseholdSummary>> {
    const paths = await scopeFor(caller.roles, 'household.read', query.regionId, (id) => this.repo.findRegionPath(id))
    const criteria = { q: query.q?.trim() || undefined, tag: query.tag, visited: query.visited, pledged: query.pledged }
    const { total, items } = await this.repo.listUnder(paths, criteria, query.page, query.pageSize)
    return { total, items: items.map((h) => this.view.summary(h)) }
  }

  async get(caller: SessionUser, id: string): Promise<HouseholdDetail> {
    return this.view.detail(await this.householdFor(caller, 'household.read', id))
  }

  async add(caller: SessionUser, input: HouseholdDraft): Promise<HouseholdDetail> {
    if (scopePathsFor(caller.roles, 'household.write').length === 0) throw forbidden()
    const fields = await this.fieldsFor(caller, input)
    const [id] = await this.repo.insertMany([fields], this.ctx.now())
    return this.view.detail((await this.repo.find(id))!)
  }

  /** A household may move to another grid only when the caller may write in both. */
  async edit(caller: SessionUser, id: string, input: HouseholdDraft): Promise<HouseholdDetail> {
    await this.householdFor(caller, 'household.write', id)
    await this.repo.update(id, await this.fieldsFor(caller, input), this.ctx.now())
    return this.view.detail((await this.repo.find(id))!)
  }

  /** The full number, for the roles that call households; every reveal is written to the audit log first. */
  async revealPhone(caller: SessionUser, id: string): Promise<{ phone: string }> {
    const household = await this.householdFor(caller, 'household.reveal_phone', id)
    if (!household.phoneEnc) throw notFound('HOUSEHOLD_NO_PHONE')
    const phone = this.phones.decrypt(household.phoneEnc)
    await this.repo.audit({
      countyId: household.countyId, actorId: caller.id, action: 'household.reveal_phone', targetType: 'household',
      targetId: household.id, detail: { regionId: household.regionId }, at: this.ctx.now(),
    })
    return { phone }
  }

  private householdFor(caller: SessionUser, action: Action, id: string): Promise<HouseholdRecord> {
    return rowInScope(caller.roles, action, () => this.repo.find(id))
  }

  private async fieldsFor(caller: SessionUser, input: HouseholdDraft): Promise<HouseholdFields> {
    const problems = checkHouseholdInput(input)
    if (problems.length > 0) throw new AppError('HOUSEHOLD_INVALID', 400, problems.map((p) => p.message).join('；'), problems)
    const region = await this.repo.findRegion(input.regionId)
    if (!region) throw notFound('REGION_NOT_FOUND')
    if (region.level !== 'grid') throw new AppError('HOUSEHOLD_NOT_IN_GRID', 400)
    if (!canActOn(caller.roles, 'household.write', region.path)) throw outOfScope()
    const phone = input.phone ? normalisePhone(input.phone) : input.phone
    return {
      regionId: input.regionId,
      countyId: region.countyId,
      address: input.address.trim(),
      headName: input.headName.trim(),
      phone: phone ? { enc: this.phones.encrypt(phone), last4: phone.slice(-4) } : phone === undefined ? undefined : null,
      tags: [...new Set(input.tags)],
      memberCount: input.memberCount,
      geo: input.geo ?? null,
    }
  }
}
