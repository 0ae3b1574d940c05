import type { PrizeInput } from '#contract/prizes'
import { Announcer } from '../../db/announcer'
import { ItemFailure, writeIsolated } from '../../db/isolate-failures'
import { WriteCoalescer } from '../../db/write-coalescer'
import type { AppContext } from '../../context'
import { TtlCache } from '../../lib/ttl-cache'
import { PrizeRepo, type PendingClaim, type SettledClaim, type StoredPrize } from './repo'

/**
 * How long a claim trusts the prize it looked up: a sold-out prize is refused from memory for this long. An admin's
 * edit reaches every instance at once (announced); a change made in the database directly shows within it.
 */
const PRIZE_TTL_MS = 1_000

/**
 * The prize repository as the instance uses it. Claims arriving together are settled together: a thousand
 * residents pressing 领取 at once cost one transaction per prize per flush, instead of a thousand transactions
 * queueing for the prize row and the pool. Prizes are remembered for PRIZE_TTL_MS, with the stock each batch
 * left, and an edit makes every instance forget its copy.
 */
export class BatchingPrizeRepository extends PrizeRepo {
  private readonly prizes: TtlCache<string, StoredPrize | null>
  private readonly claims: WriteCoalescer<PendingClaim, SettledClaim>
  private readonly edits: Announcer

  constructor(ctx: Pick<AppContext, 'db' | 'database' | 'metrics' | 'now'>) {
    super(ctx.db)
    this.prizes = new TtlCache(PRIZE_TTL_MS, 1_000, () => ctx.now().getTime())
    this.edits = new Announcer(ctx.database, 'prizes', (id) => this.prizes.forget(id))
    // Batches of one prize take turns on its row anyway; a second flush lets another prize's batch run meanwhile.
    this.claims = new WriteCoalescer((claims) => this.settle(claims), {
      maxItems: 1000, maxWaitMs: 2, maxConcurrent: ctx.database.kind === 'pg' ? 2 : 1, onFlush: ctx.metrics.batchObserver('prize_claims'),
    })
  }

  /** Listens for other instances' edits. */
  start(): Promise<void> {
    return this.edits.start()
  }

  stop(): Promise<void> {
    return this.edits.stop()
  }

  override find(id: string): Promise<StoredPrize | null> {
    return this.prizes.getOrLoad(id.toLowerCase(), () => super.find(id))
  }

  override async claim(pending: PendingClaim): Promise<SettledClaim> {
    const remembered = this.prizes.get(pending.prizeId)
    const [settled] = await this.claims.submit([pending])
    // Only that copy is refreshed: an edit meanwhile has dropped it, and whatever replaced it is newer.
    if (remembered && this.prizes.get(pending.prizeId) === remembered) this.prizes.set(pending.prizeId, { ...remembered, ...settled.prize })
    return settled
  }

  /** Raised stock or new dates count from the next claim on, on every instance. */
  override async update(id: string, input: PrizeInput, countyId: string): Promise<boolean> {
    const updated = await super.update(id, input, countyId)
    if (updated) {
      await this.edits.announce(this.db, id)
      await this.edits.committed(id)
    }
    return updated
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
        const { outcomes, ...prize } = await this.claimBatch(prizeId, part[0].countyId, part)
        return outcomes.map((outcome) => ({ outcome, prize }))
      })
      group.forEach((c, i) => settled.set(c, results[i]))
    }))
    return claims.map((c) => settled.get(c)!)
  }
}
