import { flow, makeAutoObservable, observable } from 'mobx'
import type { PrizeClaim, PrizeOffer } from '@/contract/prizes'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/** Prizes a resident may claim, why others are out of reach, and the claims to show at the pickup place. */
export class PrizeStore {
  /** The offer waiting for the resident's 确认领取. */
  confirming: PrizeOffer | null = null
  justClaimed: PrizeClaim | null = null

  private readonly offersLoad = new LatestLoad<PrizeOffer[]>()
  private readonly claimsLoad = new LatestLoad<PrizeClaim[]>()
  private readonly claim = new Submission()

  constructor(private readonly api: Pick<Api, 'prizeOffers' | 'claimPrize' | 'myPrizeClaims'>) {
    makeAutoObservable<PrizeStore, 'api' | 'offersLoad' | 'claimsLoad' | 'claim'>(this, {
      api: false, offersLoad: false, claimsLoad: false, claim: false, confirming: observable.ref, justClaimed: observable.ref,
    })
  }

  get offers(): PrizeOffer[] {
    return this.offersLoad.value ?? []
  }

  get offersState(): LoadState {
    return this.offersLoad.state
  }

  get offersError(): string | null {
    return this.offersLoad.error
  }

  get claims(): PrizeClaim[] {
    return this.claimsLoad.value ?? []
  }

  get claimsState(): LoadState {
    return this.claimsLoad.state
  }

  get claimsError(): string | null {
    return this.claimsLoad.error
  }

  get claiming(): boolean {
    return this.claim.busy
  }

  get claimError(): string | null {
    return this.claim.error
  }

  reset(): void {
    this.offersLoad.clear()
    this.claimsLoad.clear()
    this.claim.clear()
    this.confirming = null
    this.justClaimed = null
  }

  load(): Promise<void> {
    return Promise.all([this.loadOffers(), this.loadClaims()]).then(() => undefined)
  }

  async loadOffers(): Promise<void> {
    await this.offersLoad.load(() => this.api.prizeOffers())
  }

  async loadClaims(): Promise<void> {
    await this.claimsLoad.load(() => this.api.myPrizeClaims())
  }

  /** Only an offer with nothing unmet can be claimed; the page greys out the rest and says why. */
  askClaim(offer: PrizeOffer): void {
    if (offer.unmet.length > 0) return
    this.confirming = offer
    this.claim.dismiss()
  }

  cancelClaim(): void {
    this.confirming = null
  }

  /** Stock may have run out meanwhile: the server decides, and the offers are reloaded either way. */
  confirmClaim = flow(function* (this: PrizeStore) {
    const offer = this.confirming
    if (!offer || this.claiming) return
    this.confirming = null
    const claimed: Outcome<PrizeClaim> = yield this.claim.run(() => this.api.claimPrize(offer.id))
    if (claimed.ok) this.justClaimed = claimed.value
    yield this.load()
  })
}

export const prizeStore: StoreFactory<PrizeStore> = ({ api }) => new PrizeStore(api)
