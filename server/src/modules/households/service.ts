import type { HouseholdSummary, Page } from '../../../../src/core/api-types'
import { maskName, maskPhone } from '../../../../src/core/masking'
import { canActOn, scopePathsFor } from '../../../../src/core/scope'
import type { AppContext } from '../../context'
import { FieldCipher } from '../../crypto/field-cipher'
import { forbidden, notFound, outOfScope } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { HouseholdRepo, type HouseholdRecord } from './repo'

export class HouseholdService {
  private readonly repo: HouseholdRepo
  private readonly phones: FieldCipher

  constructor(ctx: AppContext) {
    this.repo = new HouseholdRepo(ctx.db)
    this.phones = new FieldCipher(ctx.config.sessionSecret, 'household-phone')
  }

  async list(caller: SessionUser, query: { regionId?: string; q?: string; page: number; pageSize: number }): Promise<Page<HouseholdSummary>> {
    const paths = await scopeFor(caller.roles, 'household.read', query.regionId, (id) => this.repo.findRegionPath(id))
    const { total, items } = await this.repo.listUnder(paths, query.q?.trim() || undefined, query.page, query.pageSize)
    return { total, items: items.map((h) => this.summary(h)) }
  }

  async get(caller: SessionUser, id: string): Promise<HouseholdSummary> {
    if (scopePathsFor(caller.roles, 'household.read').length === 0) throw forbidden()
    const household = await this.repo.find(id)
    if (!household) throw notFound()
    if (!canActOn(caller.roles, 'household.read', household.regionPath)) throw outOfScope()
    return this.summary(household)
  }

  /** Names and phones leave the server masked; the full phone is only ever decrypted here, to be masked. */
  private summary(h: HouseholdRecord): HouseholdSummary {
    return {
      id: h.id, code: h.code, regionId: h.regionId, gridName: h.gridName, address: h.address,
      headName: maskName(h.headName), phoneMasked: this.maskedPhone(h), tags: h.tags, memberCount: h.memberCount,
    }
  }

  private maskedPhone(h: HouseholdRecord): string | null {
    if (h.phoneEnc) {
      try {
        return maskPhone(this.phones.decrypt(h.phoneEnc))
      } catch {
        // A phone sealed under another secret still shows what the row keeps in the clear.
      }
    }
    return h.phoneLast4 ? `****${h.phoneLast4}` : null
  }
}
