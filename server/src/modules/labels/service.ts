import QRCode from 'qrcode'
import type { DoorLabel, LabelSheet } from '#contract/labels'
import { ANTI_FRAUD_HOTLINE, LABEL_SLOGAN, MAX_LABELS_PER_REQUEST, STATION } from '#core/door-advice'
import { countyIdOf } from '#core/regions'
import { canActOn, scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, notFound, outOfScope } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import type { HouseholdRepo } from '../households/repo'
import { newLabelToken } from './label-token'
import type { LabelRepo, LabelHousehold } from './repo'

/** Either a whole grid or a hand-picked list of households. */
export type LabelSelection = { gridId: string } | { householdIds: string[] }

export class LabelService {
  constructor(private readonly ctx: AppContext, private readonly labels: LabelRepo, private readonly households: HouseholdRepo) {}

  async issue(caller: SessionUser, selection: LabelSelection, reissue: boolean): Promise<{ issued: number; revoked: number }> {
    const chosen = await this.select(caller, selection)
    return this.issueFor(caller, chosen, reissue)
  }

  /** The printable sheet; households that have never had a label get their first one now. */
  async sheet(caller: SessionUser, selection: LabelSelection): Promise<LabelSheet> {
    const chosen = await this.select(caller, selection)
    await this.issueFor(caller, chosen.filter((h) => h.labelVersion === 0), false)
    const tokens = await this.labels.currentTokens(chosen.map((h) => h.id))
    const labels: DoorLabel[] = []
    for (const h of chosen) {
      const url = `${this.ctx.config.publicBaseUrl}/h/${tokens.get(h.id)}`
      const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      labels.push({ householdId: h.id, householdCode: h.code, gridName: h.gridName, url, qrSvg })
    }
    return { station: STATION, hotline: ANTI_FRAUD_HOTLINE, slogan: LABEL_SLOGAN, labels }
  }

  private async issueFor(caller: SessionUser, chosen: readonly LabelHousehold[], reissue: boolean) {
    if (chosen.length === 0) return { issued: 0, revoked: 0 }
    const now = this.ctx.now()
    return this.labels.issue(
      { householdIds: chosen.map((h) => h.id), reissue, issuedBy: caller.id, now, newToken: newLabelToken },
      { countyId: countyIdOf(chosen[0].regionPath), actorId: caller.id, action: 'label.issue', targetType: 'household', targetId: null, at: now },
    )
  }

  /** The selected households, every one of them in the caller's scope for issuing labels. */
  private async select(caller: SessionUser, selection: LabelSelection): Promise<LabelHousehold[]> {
    if (scopePathsFor(caller.roles, 'label.issue').length === 0) throw forbidden()
    let chosen: LabelHousehold[]
    if ('gridId' in selection) {
      const grid = await this.households.findRegion(selection.gridId)
      if (!grid) throw notFound('REGION_NOT_FOUND')
      if (grid.level !== 'grid') throw new AppError('BAD_REQUEST', 400, '请选择一个网格')
      if (!canActOn(caller.roles, 'label.issue', grid.path)) throw outOfScope()
      chosen = await this.labels.householdsInGrid(selection.gridId)
    } else {
      const ids = [...new Set(selection.householdIds)]
      chosen = await this.labels.householdsByIds(ids)
      // A household of another grid is answered like one that does not exist.
      if (chosen.length < ids.length || chosen.some((h) => !canActOn(caller.roles, 'label.issue', h.regionPath))) {
        throw new AppError('NOT_FOUND', 404, '所选住户中有的不存在，请刷新后重试')
      }
    }
    if (chosen.length > MAX_LABELS_PER_REQUEST) throw new AppError('BAD_REQUEST', 400, `一次最多 ${MAX_LABELS_PER_REQUEST} 户，请分批打印`)
    return chosen
  }
}
