import { flow, makeAutoObservable, observable } from 'mobx'
import type { PrizeClaim, PrizeOffer } from '@/core/resident-api'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

/** Prizes a resident may claim, why others are out of reach, and the claims to show at the pickup place. */
export class PrizeStore {
  offers: PrizeOffer[] = []
  offersState: LoadState = 'idle'
  offersError: string | null = null
  claims: PrizeClaim[] = []
  claimsState: LoadState = 'idle'
  claimsError: string | null = null
  /** The offer waiting for the resident's 确认领取. */
  confirming: PrizeOffer | null = null
  claiming = false
  claimError: string | null = null
  justClaimed: PrizeClaim | null = null

  constructor(private readonly api: Pick<Api, 'prizeOffers' | 'claimPrize' | 'myPrizeClaims'>) {
    makeAutoObservable<PrizeStore, 'api'>(this, {
      api: false, offers: observable.ref, claims: observable.ref, confirming: observable.ref, justClaimed: observable.ref,
    })
  }

  reset(): void {
    this.offers = []
    this.offersState = 'idle'
    this.offersError = null
    this.claims = []
    this.claimsState = 'idle'
    this.claimsError = null
    this.claiming = false
    this.confirming = null
    this.claimError = null
    this.justClaimed = null
  }

  load(): Promise<void> {
    return Promise.all([this.loadOffers(), this.loadClaims()]).then(() => undefined)
  }

  loadOffers = flow(function* (this: PrizeStore) {
    this.offersState = 'loading'
    this.offersError = null
    try {
      this.offers = yield this.api.prizeOffers()
      this.offersState = 'ready'
    } catch (e) {
      this.offersState = 'error'
      this.offersError = errorMessage(e)
    }
  })

  loadClaims = flow(function* (this: PrizeStore) {
    this.claimsState = 'loading'
    this.claimsError = null
    try {
      this.claims = yield this.api.myPrizeClaims()
      this.claimsState = 'ready'
    } catch (e) {
      this.claimsState = 'error'
      this.claimsError = errorMessage(e)
    }
  })

  /** Only an offer with nothing unmet can be claimed; the page greys out the rest and says why. */
  askClaim(offer: PrizeOffer): void {
    if (offer.unmet.length > 0) return
    this.confirming = offer
    this.claimError = null
  }

  cancelClaim(): void {
    this.confirming = null
  }

  /** Stock may have run out meanwhile: the server decides, and the offers are reloaded either way. */
  confirmClaim = flow(function* (this: PrizeStore) {
    const offer = this.confirming
    if (!offer || this.claiming) return
    this.confirming = null
    this.claiming = true
    this.claimError = null
    try {
      this.justClaimed = yield this.api.claimPrize(offer.id)
    } catch (e) {
      this.claimError = errorMessage(e)
    } finally {
      this.claiming = false
    }
    yield this.load()
  })
}

export const prizeStore: StoreFactory<PrizeStore> = ({ api }) => new PrizeStore(api)
