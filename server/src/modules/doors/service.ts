import { DOOR_ADVICE } from '#core/door-advice'
import type { DoorView } from '#contract/doors'
import { canActOn, scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, notFound } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import { HouseholdView, phoneCipher } from '../households/household-view'
import type { HouseholdRepo } from '../households/repo'
import { looksLikeLabelToken } from '../labels/label-token'
import type { LabelRepo } from '../labels/repo'
import type { ResidenceRepo } from '../residence/repo'

/** What a scanned door label opens: the household for the staff responsible for it, the station's advice for anyone else. */
export class DoorService {
  private readonly view: HouseholdView

  constructor(ctx: AppContext, private readonly labels: LabelRepo, private readonly households: HouseholdRepo, private readonly villages: ResidenceRepo) {
    this.view = new HouseholdView(phoneCipher(ctx.config))
  }

  async open(caller: SessionUser | null, token: string): Promise<DoorView> {
    const label = looksLikeLabelToken(token) ? await this.labels.findByToken(token) : null
    if (!label) throw notFound('LABEL_UNKNOWN')
    if (label.revokedAt) throw new AppError('LABEL_REVOKED', 410)
    // Residents, anonymous scanners and roles that never visit doors learn nothing about who lives here: only the
    // village's public name, so that a resident can say 「我住这里」.
    if (!caller || scopePathsFor(caller.roles, 'household.write').length === 0) {
      return { kind: 'public', advice: { ...DOOR_ADVICE, village: await this.villages.villageOfHousehold(label.householdId) } }
    }
    const household = await this.households.find(label.householdId)
    if (!household) throw notFound('LABEL_UNKNOWN')
    if (!canActOn(caller.roles, 'household.write', household.regionPath)) throw new AppError('OUT_OF_SCOPE', 403, '该住户不在您负责的网格内')
    return { kind: 'household', household: this.view.detail(household) }
  }
}
