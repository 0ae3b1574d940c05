import type { ChainVerification, PledgeInput, PledgeSummary, PledgeTemplate } from '#contract/pledges'
import type { SyncBatchResult, SyncItemResult } from '#contract/common'
import { ERRORS, type ErrorCode } from '#core/errors'
import { maskName } from '#core/masking'
import { verifyChain } from '#core/pledge-chain'
import { canActOn, scopePathsFor, type Action } from '#core/scope'
import { decodeStrokes } from '#core/strokes'
import type { AppContext } from '../../context'
import { AppError, forbidden, notFound, outOfScope } from '../../errors'
import { rowInScope } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { checkPledge } from './check-pledge'
import { renderPledgeSvg } from './render-svg'
import type { PledgeRepo, StoredPledge } from './repo'

/** One pledge in a household's list: enough to show that and when it was signed, nothing to identify the signer. */
export class PledgeService {
  constructor(private readonly ctx: AppContext, private readonly repo: PledgeRepo) {}

  async currentTemplate(): Promise<PledgeTemplate> {
    const template = await this.repo.latestTemplate()
    if (!template) throw notFound()
    return template
  }

  /**
   * Stores what it can and names the rest. Each pledge is chained in its own transaction, in the order sent,
   * so one bad item never holds back the others and a retried batch answers 'duplicate' for what was kept.
   */
  async syncBatch(caller: SessionUser, pledges: readonly PledgeInput[]): Promise<SyncBatchResult> {
    if (scopePathsFor(caller.roles, 'pledge.write').length === 0) throw forbidden()
    const ids = pledges.map((p) => p.id.toLowerCase())
    const [templates, households, existing] = await Promise.all([
      this.repo.templates(),
      this.repo.households(pledges.map((p) => p.householdId)),
      this.repo.existingIds(ids),
    ])
    const items: SyncItemResult[] = []
    for (const [i, input] of pledges.entries()) {
      const id = ids[i]
      if (existing.has(id)) {
        items.push({ id: input.id, status: 'duplicate' })
        continue
      }
      const household = households.get(input.householdId.toLowerCase())
      const check = checkPledge(input, household, templates, caller.roles, this.ctx.now())
      if (!check.ok) {
        items.push({ id: input.id, status: 'rejected', code: check.code, message: ERRORS[check.code] })
        continue
      }
      const stored = await this.repo.append({
        id,
        countyId: check.household.countyId,
        villageId: check.villageId,
        householdId: check.household.id,
        templateVersion: input.templateVersion,
        templateSha256: input.templateSha256.toLowerCase(),
        signerName: check.signerName,
        signerRelation: check.signerRelation,
        strokes: input.strokes,
        workerId: caller.id,
        signedAt: check.signedAt,
        geo: input.geo ?? null,
      })
      existing.add(id)
      items.push({ id: input.id, status: stored ? 'stored' : 'duplicate' })
    }
    this.ctx.metrics.countRejections('pledges', items)
    return { items }
  }

  async verify(caller: SessionUser, villageId: string): Promise<ChainVerification> {
    if (scopePathsFor(caller.roles, 'pledge.verify').length === 0) throw forbidden()
    const region = await this.repo.findRegion(villageId)
    if (!region) throw new AppError('REGION_NOT_FOUND', 404)
    if (!canActOn(caller.roles, 'pledge.verify', region.path)) throw outOfScope()
    if (region.level !== 'village') throw new AppError('VALIDATION_FAILED', 400, '请选择一个村（社区）核验')
    const { records, head } = await this.repo.chainOf(villageId)
    return verifyChain(villageId, records, head)
  }

  async ofHousehold(caller: SessionUser, householdId: string): Promise<PledgeSummary[]> {
    await this.householdInScope(caller, householdId, 'pledge.read')
    return (await this.repo.ofHousehold(householdId)).map(summary)
  }

  /** The signed pledge as a printable page. Every rendering is audited: it shows a household's signature. */
  async svg(caller: SessionUser, pledgeId: string): Promise<string> {
    if (scopePathsFor(caller.roles, 'pledge.read').length === 0) throw forbidden()
    const pledge = await this.repo.find(pledgeId)
    if (!pledge) throw notFound('PLEDGE_NOT_FOUND')
    // A pledge of a household out of scope answers like an unknown pledge.
    const household = await this.householdInScope(caller, pledge.householdId, 'pledge.read', 'PLEDGE_NOT_FOUND')
    const template = await this.repo.template(pledge.templateVersion)
    if (!template) throw notFound('PLEDGE_NOT_FOUND')
    const svg = renderPledgeSvg({
      title: template.title,
      body: template.body,
      templateVersion: template.version,
      signerMasked: maskName(pledge.signerName),
      signerRelation: pledge.signerRelation,
      workerName: pledge.workerName,
      villageName: pledge.villageName,
      householdCode: pledge.householdCode,
      signedAt: new Date(pledge.signedAt),
      seq: pledge.seq,
      recordHash: pledge.recordHash,
      strokes: decodeStrokes(pledge.strokes) ?? [],
    })
    await this.repo.audit({
      countyId: household.countyId, actorId: caller.id, action: 'pledge.render', targetType: 'pledge', targetId: pledge.id,
      detail: { householdId: household.id }, at: this.ctx.now(),
    })
    return svg
  }

  private householdInScope(caller: SessionUser, householdId: string, action: Action, missing: ErrorCode = 'NOT_FOUND') {
    return rowInScope(caller.roles, action, async () => (await this.repo.households([householdId])).get(householdId.toLowerCase()), missing)
  }
}

function summary(p: StoredPledge): PledgeSummary {
  return {
    id: p.id,
    householdId: p.householdId,
    signerName: maskName(p.signerName),
    signerRelation: p.signerRelation,
    signedAt: p.signedAt,
    templateVersion: p.templateVersion,
    workerName: p.workerName,
    seq: p.seq,
  }
}
