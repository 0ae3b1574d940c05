import { flow, makeAutoObservable } from 'mobx'
import { KNOWLEDGE_FRAUD_TYPES, type KnowledgeFraudType } from '@/core/knowledge'
import type { LearnPosterSheet } from '@/contract/knowledge'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import type { StoreFactory } from './store-context'

const ALL_TYPES = KNOWLEDGE_FRAUD_TYPES.map((t) => t.key)

/** The 扫码学习 print page: which posters to make (every type and the learning path at first), and the sheet. */
export class LearnPosterStore {
  /** The types a sheet may hold, in the library's order. */
  readonly fraudTypes = KNOWLEDGE_FRAUD_TYPES
  chosen: KnowledgeFraudType[] = [...ALL_TYPES]
  includePath = true
  private readonly sheetLoad = new LatestLoad<LearnPosterSheet>()

  constructor(private readonly api: Pick<Api, 'learnPosters'>) {
    makeAutoObservable<LearnPosterStore, 'api' | 'sheetLoad'>(this, { api: false, sheetLoad: false, fraudTypes: false })
  }

  reset(): void {
    this.chosen = [...ALL_TYPES]
    this.includePath = true
    this.sheetLoad.clear()
  }

  get sheet(): LearnPosterSheet | null {
    return this.sheetLoad.value
  }

  get state(): LoadState {
    return this.sheetLoad.state
  }

  get error(): string | null {
    return this.sheetLoad.error
  }

  get nothingChosen(): boolean {
    return this.chosen.length === 0 && !this.includePath
  }

  isChosen(fraudType: KnowledgeFraudType): boolean {
    return this.chosen.includes(fraudType)
  }

  /** Kept in the library's order whatever order the chips are tapped in, so the posters come out in that order. */
  toggle(fraudType: KnowledgeFraudType): void {
    const on = !this.isChosen(fraudType)
    this.chosen = ALL_TYPES.filter((t) => (t === fraudType ? on : this.chosen.includes(t)))
    this.stale()
  }

  togglePath(): void {
    this.includePath = !this.includePath
    this.stale()
  }

  chooseAll(): void {
    this.chosen = [...ALL_TYPES]
    this.stale()
  }

  chooseNone(): void {
    this.chosen = []
    this.stale()
  }

  generate = flow(function* (this: LearnPosterStore) {
    if (this.nothingChosen) return
    yield this.sheetLoad.load(() => this.api.learnPosters(this.chosen, this.includePath))
  })

  /** A changed choice makes the preview wrong: it is dropped rather than printed by mistake. */
  private stale(): void {
    this.sheetLoad.clear()
  }
}

export const learnPosterStore: StoreFactory<LearnPosterStore> = ({ api }) => new LearnPosterStore(api)
