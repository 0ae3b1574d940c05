import { randomBytes } from 'node:crypto'
import { chinaDateOf } from '#core/bulletins'
import { maskName } from '#core/masking'
import { checkPrizeInput, normalizeRedemptionCode, redemptionCodeFrom, REDEMPTION_CODE_LENGTH, unmetConditions, type ClaimantFacts, type Unmet, type UnmetCode } from '#core/prizes'
import { streakOf } from '#core/quiz'
import { countyIdOf, isWithin } from '#core/regions'
import type { PrizeAdminItem, PrizeClaim, PrizeInput, PrizeOffer, RedemptionView } from '#contract/prizes'
import { canActOn, scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import type { QuizRepo } from '../quiz/repo'
import type { PrizeRepo, StoredClaim, StoredPrize } from './repo'

/** Conditions of time and stock are conflicts with the prize's state; region and learning are about the caller. */
const STATUS_OF: Record<UnmetCode, number> = {
  PRIZE_NOT_STARTED: 409, PRIZE_EXPIRED: 409, PRIZE_OUT_OF_STOCK: 409, PRIZE_LIMIT_REACHED: 409, PRIZE_OUT_OF_REGION: 403, PRIZE_NOT_ELIGIBLE: 403,
}

/** Every region id on the way down to the caller's regions: the prizes of any of them are offered to the caller. */
const regionIdsAbove = (paths: readonly string[]) => [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))]

export class PrizeService {
  constructor(private readonly ctx: AppContext, private readonly repo: PrizeRepo, private readonly quiz: QuizRepo) {}

  async offers(caller: SessionUser): Promise<PrizeOffer[]> {
    const now = this.ctx.now()
    const paths = caller.roles.map((r) => r.regionPath)
    const [prizes, facts, mine] = await Promise.all([this.repo.offered(regionIdsAbove(paths), now), this.learningOf(caller), this.repo.claimCounts(caller.id)])
    return prizes.map((p) => {
      const claimedByMe = mine.get(p.id) ?? 0
      return {
        id: p.id, name: p.name, description: p.description, remaining: p.stock - p.granted, pickupPlace: p.pickupPlace, validTo: p.validTo.toISOString(),
        unmet: unmetConditions(terms(p), { ...facts, claimedByMe }, now).map((u) => u.message), claimedByMe, perUserLimit: p.perUserLimit,
      }
    })
  }

  /**
   * Checks beforehand what the resident can be told in plain words (dates, region, stock as last seen, learning),
   * then settles stock and per-user limit exactly in a batch with the claims arriving at the same moment.
   * (The instance's repository batches the claims and remembers prizes for a moment: batching-prize-repo.ts.)
   */
  async claim(caller: SessionUser, prizeId: string): Promise<PrizeClaim> {
    const now = this.ctx.now()
    const prize = await this.repo.find(prizeId)
    if (!prize) throw notFound('PRIZE_NOT_FOUND')
    const learning = needsLearning(prize) ? await this.learningOf(caller) : { regionPaths: caller.roles.map((r) => r.regionPath), ...NO_LEARNING }
    // Claims are counted where they are settled; 0 here leaves the per-user limit to the batch, which words it the same way.
    refuseFirst(unmetConditions(terms(prize), { ...learning, claimedByMe: 0 }, now))
    const code = redemptionCodeFrom(randomBytes(REDEMPTION_CODE_LENGTH))
    const settled = await this.repo.claim({ prizeId: prize.id, countyId: prize.countyId, userId: caller.id, code, now })
    const { outcome } = settled
    if (!outcome.granted) {
      refuseFirst(unmetConditions(terms({ ...prize, ...settled.prize }), { ...learning, claimedByMe: outcome.claimedByMe }, now))
      throw new AppError(outcome.reason, 409)
    }
    return {
      id: outcome.claim.id, prizeId: prize.id, prizeName: prize.name, code, pickupPlace: prize.pickupPlace,
      claimedAt: outcome.claim.claimedAt.toISOString(), redeemedAt: null,
    }
  }

  async myClaims(caller: SessionUser): Promise<PrizeClaim[]> {
    return (await this.repo.claimsOf(caller.id)).map((c) => ({
      id: c.id, prizeId: c.prizeId, prizeName: c.prizeName, code: c.code, pickupPlace: c.pickupPlace,
      claimedAt: c.claimedAt.toISOString(), redeemedAt: c.redeemedAt?.toISOString() ?? null,
    }))
  }

  async manageList(caller: SessionUser, regionId: string | undefined): Promise<PrizeAdminItem[]> {
    const paths = await scopeFor(caller.roles, 'prize.manage', regionId, (id) => this.repo.regionPath(id))
    return (await this.repo.inScope(paths)).map(adminItem)
  }

  async create(caller: SessionUser, input: PrizeInput): Promise<PrizeAdminItem> {
    const path = await this.managedRegionPath(caller, input.regionId)
    refuseProblems(checkPrizeInput(input))
    const id = await this.repo.create(input, countyIdOf(path), caller.id)
    return adminItem((await this.repo.find(id))!)
  }

  async update(caller: SessionUser, id: string, input: PrizeInput): Promise<PrizeAdminItem> {
    const prize = await this.repo.find(id)
    if (!prize || !canActOn(caller.roles, 'prize.manage', prize.regionPath)) throw notFound('PRIZE_NOT_FOUND')
    const path = await this.managedRegionPath(caller, input.regionId)
    refuseProblems(checkPrizeInput(input, prize.granted))
    if (!(await this.repo.update(id, input, countyIdOf(path)))) refuseProblems(['库存不能少于已领出的份数，请刷新后重试'])
    return adminItem((await this.repo.find(id))!)
  }

  async lookUp(caller: SessionUser, codeText: string): Promise<RedemptionView> {
    return view(await this.redeemableClaim(caller, codeText))
  }

  async redeem(caller: SessionUser, codeText: string): Promise<RedemptionView> {
    const claim = await this.redeemableClaim(caller, codeText)
    if (claim.redeemedAt) throw new AppError('REDEMPTION_ALREADY_DONE', 409)
    const done = await this.repo.redeem({ claimId: claim.id, countyId: claim.countyId, staffId: caller.id, now: this.ctx.now() })
    if (!done) throw new AppError('REDEMPTION_ALREADY_DONE', 409)
    return view((await this.repo.claimByCode(claim.code))!)
  }

  /**
   * Staff may hand out a prize when their area and the prize's overlap: a town's station for its villages' prizes,
   * and a village cadre for the town's prizes that their villagers bring to them.
   */
  private async redeemableClaim(caller: SessionUser, codeText: string): Promise<StoredClaim> {
    const paths = scopePathsFor(caller.roles, 'prize.redeem')
    if (paths.length === 0) throw forbidden()
    const code = normalizeRedemptionCode(codeText)
    const claim = code ? await this.repo.claimByCode(code) : null
    if (!claim || !paths.some((p) => isWithin(claim.prizeRegionPath, p) || isWithin(p, claim.prizeRegionPath))) throw notFound('REDEMPTION_CODE_UNKNOWN')
    return claim
  }

  private async managedRegionPath(caller: SessionUser, regionId: string): Promise<string> {
    const [path] = await scopeFor(caller.roles, 'prize.manage', regionId, (id) => this.repo.regionPath(id))
    return path
  }

  private async learningOf(caller: SessionUser): Promise<Omit<ClaimantFacts, 'claimedByMe'>> {
    const history = await this.quiz.scoredHistory(caller.id)
    return {
      regionPaths: caller.roles.map((r) => r.regionPath),
      bestScore: history.length ? Math.max(...history.map((h) => h.score)) : null,
      streak: streakOf(history.map((h) => h.quizDate), chinaDateOf(this.ctx.now())),
    }
  }
}

function refuseFirst(unmet: Unmet[]) {
  const [first] = unmet
  if (first) throw new AppError(first.code, STATUS_OF[first.code], first.message)
}

function refuseProblems(problems: string[]) {
  if (problems.length > 0) throw new AppError('PRIZE_INVALID', 400, `奖品设置不符合要求：${problems.join('；')}`, problems)
}

const needsLearning = (p: StoredPrize) => p.minScore !== null || p.minStreak !== null

/** What a prize without learning conditions never asks about. */
const NO_LEARNING = { bestScore: null, streak: 0 }

const terms = (p: StoredPrize) => ({
  regionPath: p.regionPath, stock: p.stock, granted: p.granted, perUserLimit: p.perUserLimit, minScore: p.minScore, minStreak: p.minStreak,
  validFrom: p.validFrom, validTo: p.validTo,
})

function adminItem(p: StoredPrize): PrizeAdminItem {
  return {
    id: p.id, regionId: p.regionId, name: p.name, description: p.description, stock: p.stock, perUserLimit: p.perUserLimit, minScore: p.minScore,
    minStreak: p.minStreak, validFrom: p.validFrom.toISOString(), validTo: p.validTo.toISOString(), pickupPlace: p.pickupPlace,
    granted: p.granted, redeemed: p.redeemed,
  }
}

function view(c: StoredClaim): RedemptionView {
  return {
    code: c.code, prizeName: c.prizeName, claimantName: maskName(c.claimantName), claimedAt: c.claimedAt.toISOString(),
    redeemedAt: c.redeemedAt?.toISOString() ?? null, redeemedByName: c.redeemedByName,
  }
}
