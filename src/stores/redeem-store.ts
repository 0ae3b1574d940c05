import { flow, makeAutoObservable, observable } from 'mobx'
import type { RedemptionView } from '@/contract/prizes'
import { ApiError, type Api } from '@/services/api-client'
import { errorMessage } from './load-state'
import type { StoreFactory } from './store-context'

/** Claim codes are typed from a phone screen shown in groups of characters: spaces do not count. */
export function normaliseClaimCode(raw: string): string {
  return raw.replace(/\s+/g, '')
}

/** The pickup desk: find a claim by its code, then hand the prize over exactly once. */
export class RedeemStore {
  code = ''
  view: RedemptionView | null = null
  looking = false
  redeeming = false
  error: string | null = null
  /** Set after this desk's own 确认兑换 went through. */
  done = false

  constructor(private readonly api: Pick<Api, 'prizeClaim' | 'redeemPrizeClaim'>) {
    makeAutoObservable<RedeemStore, 'api'>(this, { api: false, view: observable.ref })
  }

  get alreadyRedeemed(): boolean {
    return this.view !== null && this.view.redeemedAt !== null && !this.done
  }

  get canRedeem(): boolean {
    return this.view !== null && this.view.redeemedAt === null && !this.redeeming
  }

  setCode(raw: string): void {
    this.code = raw
    this.error = null
  }

  reset(): void {
    this.code = ''
    this.view = null
    this.error = null
    this.done = false
    this.looking = false
    this.redeeming = false
  }

  /** A scanned QR carries the bare code. */
  lookUp = flow(function* (this: RedeemStore, scanned?: string) {
    if (scanned !== undefined) this.code = scanned
    const code = normaliseClaimCode(this.code)
    if (!code) {
      this.error = '请输入或扫描兑换码'
      return
    }
    this.looking = true
    this.error = null
    this.view = null
    this.done = false
    try {
      this.view = yield this.api.prizeClaim(code)
    } catch (e) {
      this.error = errorMessage(e)
    } finally {
      this.looking = false
    }
  })

  /** Exactly once: a second tap while the first is in flight does nothing, and the server refuses a second redemption. */
  redeem = flow(function* (this: RedeemStore) {
    if (!this.view || !this.canRedeem) return
    this.redeeming = true
    this.error = null
    try {
      this.view = yield this.api.redeemPrizeClaim(this.view.code)
      this.done = true
    } catch (e) {
      this.error = errorMessage(e)
      // Someone else redeemed it meanwhile: show the claim as it now stands.
      if (e instanceof ApiError && e.status === 409) yield this.refresh()
    } finally {
      this.redeeming = false
    }
  })

  private refresh = flow(function* (this: RedeemStore) {
    if (!this.view) return
    try {
      this.view = yield this.api.prizeClaim(this.view.code)
    } catch {
      // The error from the refused redemption already says what happened.
    }
  })
}

export const redeemStore: StoreFactory<RedeemStore> = ({ api }) => new RedeemStore(api)
