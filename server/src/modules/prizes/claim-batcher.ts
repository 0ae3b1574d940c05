import type { Database } from '../../db/database'
import { ItemFailure, writeIsolated } from '../../db/isolate-failures'
import { WriteCoalescer } from '../../db/write-coalescer'
import type { ClaimOutcome, ClaimRequest, PrizeRepo, SettledClaims } from './repo'

export interface PendingClaim extends ClaimRequest {
  prizeId: string
  countyId: string
}

export interface SettledClaim {
  outcome: ClaimOutcome
  /** The prize's stock as the claim's batch left it. */
  prize: Omit<SettledClaims, 'outcomes'>
}

/**
 * Claims arriving together are settled together: a thousand residents pressing 领取 at once cost one
 * transaction per prize per flush, instead of a thousand transactions queueing for the prize row and the pool.
 */
export class ClaimBatcher {
  private readonly coalescer: WriteCoalescer<PendingClaim, SettledClaim>

  constructor(private readonly repo: PrizeRepo, engine: Database['kind'], onFlush?: (items: number) => void) {
    // Batches of one prize take turns on its row anyway; a second flush lets another prize's batch run meanwhile.
    this.coalescer = new WriteCoalescer((claims) => this.settle(claims), {
      maxItems: 1000, maxWaitMs: 2, maxConcurrent: engine === 'pg' ? 2 : 1, onFlush,
    })
  }

  async submit(claim: PendingClaim): Promise<SettledClaim> {
    const [settled] = await this.coalescer.submit([claim])
    return settled
  }

  /** Each prize's claims are one transaction of their own, so each is split apart on its own when refused. */
  private async settle(claims: PendingClaim[]): Promise<(SettledClaim | ItemFailure)[]> {
    const byPrize = new Map<string, PendingClaim[]>()
    for (const c of claims) {
      const group = byPrize.get(c.prizeId)
      if (group) group.push(c)
      else byPrize.set(c.prizeId, [c])
    }
    const settled = new Map<PendingClaim, SettledClaim | ItemFailure>()
    await Promise.all([...byPrize].map(async ([prizeId, group]) => {
      const results = await writeIsolated(group, async (part) => {
        const { outcomes, ...prize } = await this.repo.claimBatch(prizeId, part[0].countyId, part)
        return outcomes.map((outcome) => ({ outcome, prize }))
      })
      group.forEach((c, i) => settled.set(c, results[i]))
    }))
    return claims.map((c) => settled.get(c)!)
  }
}
