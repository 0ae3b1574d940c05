import { flow, makeAutoObservable } from 'mobx'
import type { PrizeAdminItem, PrizeInput } from '@/contract/prizes'
import { chinaDateOf } from '@/core/bulletins'
import { prizeWindowOfDays } from '@/core/prizes'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/** A prize as the form holds it: numbers stay text until saved, so a half-typed number is never lost. */
export interface PrizeDraft {
  id: string | null
  name: string
  description: string
  stock: string
  perUserLimit: string
  minScore: string
  minStreak: string
  validFrom: string
  validTo: string
  pickupPlace: string
}

export function emptyPrizeDraft(today: string): PrizeDraft {
  return {
    id: null, name: '', description: '', stock: '', perUserLimit: '1', minScore: '', minStreak: '', validFrom: today, validTo: today, pickupPlace: '',
  }
}

const optionalNumber = (text: string) => (text.trim() === '' ? null : Number(text))

export function toPrizeInput(draft: PrizeDraft, regionId: string): PrizeInput {
  return {
    regionId,
    name: draft.name.trim(),
    description: draft.description.trim(),
    stock: Number(draft.stock),
    perUserLimit: Number(draft.perUserLimit),
    minScore: optionalNumber(draft.minScore),
    minStreak: optionalNumber(draft.minStreak),
    ...prizeWindowOfDays(draft.validFrom.trim(), draft.validTo.trim()),
    pickupPlace: draft.pickupPlace.trim(),
  }
}

/** Prizes of one town or village, defined and restocked by the station. */
export class PrizeAdminStore {
  regionId: string | null = null
  draft: PrizeDraft | null = null
  private readonly prizes = new LatestLoad<PrizeAdminItem[]>()
  private readonly saveDraft = new Submission()

  constructor(private readonly api: Pick<Api, 'managePrizes' | 'createPrize' | 'updatePrize'>, private readonly now: () => Date = () => new Date()) {
    makeAutoObservable<PrizeAdminStore, 'api' | 'now' | 'prizes' | 'saveDraft'>(this, { api: false, now: false, prizes: false, saveDraft: false })
  }

  get items(): PrizeAdminItem[] {
    return this.prizes.value ?? []
  }

  get state(): LoadState {
    return this.prizes.state
  }

  get error(): string | null {
    return this.prizes.error
  }

  get saving(): boolean {
    return this.saveDraft.busy
  }

  get saveError(): string | null {
    return this.saveDraft.error
  }

  /** The days a prize may be claimed, as the China-time days the station set. */
  validityOf(p: Pick<PrizeAdminItem, 'validFrom' | 'validTo'>): string {
    return `${chinaDateOf(new Date(p.validFrom))} 至 ${chinaDateOf(new Date(p.validTo))}`
  }

  reset(): void {
    this.regionId = null
    this.prizes.clear()
    this.draft = null
    this.saveDraft.clear()
  }

  async load(regionId: string): Promise<void> {
    this.regionId = regionId
    await this.prizes.load(() => this.api.managePrizes(regionId))
  }

  retry(): Promise<void> {
    return this.regionId ? this.load(this.regionId) : Promise.resolve()
  }

  /** A new prize is claimable from today, China time, until the station says otherwise. */
  startNew(): void {
    this.draft = emptyPrizeDraft(chinaDateOf(this.now()))
    this.saveDraft.dismiss()
  }

  startEdit(p: PrizeAdminItem): void {
    this.draft = {
      id: p.id, name: p.name, description: p.description, stock: String(p.stock), perUserLimit: String(p.perUserLimit),
      minScore: p.minScore === null ? '' : String(p.minScore), minStreak: p.minStreak === null ? '' : String(p.minStreak),
      validFrom: chinaDateOf(new Date(p.validFrom)), validTo: chinaDateOf(new Date(p.validTo)), pickupPlace: p.pickupPlace,
    }
    this.saveDraft.dismiss()
  }

  editDraft(patch: Partial<Omit<PrizeDraft, 'id'>>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
  }

  cancelEdit(): void {
    this.draft = null
    this.saveDraft.dismiss()
  }

  save = flow(function* (this: PrizeAdminStore) {
    const d = this.draft
    const regionId = this.regionId
    if (!d || !regionId || this.saving) return
    const saved: Outcome<unknown> = yield this.saveDraft.run(() =>
      d.id ? this.api.updatePrize(d.id, toPrizeInput(d, regionId)) : this.api.createPrize(toPrizeInput(d, regionId)))
    if (!saved.ok) return
    this.draft = null
    yield this.load(regionId)
  })
}

export const prizeAdminStore: StoreFactory<PrizeAdminStore> = ({ api, now }) => new PrizeAdminStore(api, now)
