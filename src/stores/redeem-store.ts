import { flow, makeAutoObservable } from 'mobx'
import type { RedemptionView } from '@/contract/prizes'
import { ApiError, type Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/** Claim codes are typed from a phone screen shown in groups of characters: spaces do not count. */
export function normaliseClaimCode(raw: string): string {
  return raw.replace(/\s+/g, '')
}

/** The pickup desk: find a claim by its code, then hand the prize over exactly once. */
export class RedeemStore {
  code = ''
  /** What is wrong with the code before asking, e.g. nothing typed. */
  codeProblem: string | null = null
  /** Set after this desk's own 确认兑换 went through. */
  done = false
  private readonly claim = new LatestLoad<RedemptionView>()
  private readonly redemption = new Submission()

  constructor(private readonly api: Pick<Api, 'prizeClaim' | 'redeemPrizeClaim'>) {
    makeAutoObservable<RedeemStore, 'api' | 'claim' | 'redemption'>(this, { api: false, claim: false, redemption: false })
  }

  get view(): RedemptionView | null {
    return this.claim.value
  }

  get looking(): boolean {
    return this.claim.state === 'loading'
  }

  get redeeming(): boolean {
    return this.redemption.busy
  }

  get error(): string | null {
    return this.codeProblem ?? this.redemption.error ?? this.claim.error
  }

  get alreadyRedeemed(): boolean {
    return this.view !== null && this.view.redeemedAt !== null && !this.done
  }

  get canRedeem(): boolean {
    return this.view !== null && this.view.redeemedAt === null && !this.redeeming
  }

  setCode(raw: string): void {
    this.code = raw
    this.codeProblem = null
    this.redemption.dismiss()
    if (this.claim.state === 'error') this.claim.clear()
  }

  reset(): void {
    this.code = ''
    this.codeProblem = null
    this.done = false
    this.claim.clear()
    this.redemption.clear()
  }

  /** A scanned QR carries the bare code. */
  lookUp = flow(function* (this: RedeemStore, scanned?: string) {
    if (scanned !== undefined) this.code = scanned
    const code = normaliseClaimCode(this.code)
    this.redemption.dismiss()
    if (!code) {
      this.codeProblem = '请输入或扫描兑换码'
      return
    }
    this.codeProblem = null
    this.done = false
    this.claim.clear()
    yield this.claim.load(() => this.api.prizeClaim(code))
  })

  /** Exactly once: a second tap while the first is in flight does nothing, and the server refuses a second redemption. */
  redeem = flow(function* (this: RedeemStore) {
    const view = this.view
    if (!view || !this.canRedeem) return
    const redeemed: Outcome<RedemptionView> = yield this.redemption.run(() => this.api.redeemPrizeClaim(view.code))
    if (redeemed.ok) {
      this.claim.set(redeemed.value)
      this.done = true
      return
    }
    // Someone else redeemed it meanwhile: show the claim as it now stands; the refusal already says what happened.
    const failure = this.redemption.failure
    if (failure instanceof ApiError && failure.status === 409) yield this.claim.refresh(() => this.api.prizeClaim(view.code))
  })
}

export const redeemStore: StoreFactory<RedeemStore> = ({ api }) => new RedeemStore(api)
