import { flow, makeAutoObservable, observable } from 'mobx'
import type { PrizeAdminItem, PrizeInput } from '@/contract/prizes'
import { chinaDateOf } from '@/core/bulletins'
import { prizeWindowOfDays } from '@/core/prizes'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
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
  items: PrizeAdminItem[] = []
  state: LoadState = 'idle'
  error: string | null = null
  draft: PrizeDraft | null = null
  saving = false
  saveError: string | null = null

  constructor(private readonly api: Pick<Api, 'managePrizes' | 'createPrize' | 'updatePrize'>) {
    makeAutoObservable<PrizeAdminStore, 'api'>(this, { api: false, items: observable.ref })
  }

  reset(): void {
    this.regionId = null
    this.items = []
    this.state = 'idle'
    this.error = null
    this.draft = null
    this.saving = false
    this.saveError = null
  }

  load = flow(function* (this: PrizeAdminStore, regionId: string) {
    this.regionId = regionId
    this.state = 'loading'
    this.error = null
    try {
      this.items = yield this.api.managePrizes(regionId)
      this.state = 'ready'
    } catch (e) {
      this.state = 'error'
      this.error = errorMessage(e)
    }
  })

  startNew(today: string): void {
    this.draft = emptyPrizeDraft(today)
    this.saveError = null
  }

  startEdit(p: PrizeAdminItem): void {
    this.draft = {
      id: p.id, name: p.name, description: p.description, stock: String(p.stock), perUserLimit: String(p.perUserLimit),
      minScore: p.minScore === null ? '' : String(p.minScore), minStreak: p.minStreak === null ? '' : String(p.minStreak),
      validFrom: chinaDateOf(new Date(p.validFrom)), validTo: chinaDateOf(new Date(p.validTo)), pickupPlace: p.pickupPlace,
    }
    this.saveError = null
  }

  editDraft(patch: Partial<Omit<PrizeDraft, 'id'>>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
  }

  cancelEdit(): void {
    this.draft = null
    this.saveError = null
  }

  save = flow(function* (this: PrizeAdminStore) {
    const d = this.draft
    const regionId = this.regionId
    if (!d || !regionId || this.saving) return
    this.saving = true
    this.saveError = null
    try {
      if (d.id) yield this.api.updatePrize(d.id, toPrizeInput(d, regionId))
      else yield this.api.createPrize(toPrizeInput(d, regionId))
      this.draft = null
    } catch (e) {
      this.saveError = errorMessage(e)
      return
    } finally {
      this.saving = false
    }
    yield this.load(regionId)
  })
}

export const prizeAdminStore: StoreFactory<PrizeAdminStore> = ({ api }) => new PrizeAdminStore(api)
