import { flow, makeAutoObservable } from 'mobx'
import type { DoorLabel, LabelSheet } from '@/contract/labels'
import type { Api, LabelTarget } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/** 2 columns × 5 rows fill an A4 sheet with labels large enough to scan from a step away. */
export const LABELS_PER_SHEET = 10

/** What the print page prints: one grid's labels or a picked set, laid out in A4 sheets; and the reissue. */
export class LabelStore {
  target: LabelTarget | null = null
  /** Shown above the sheets: the grid's name or how many households were picked. */
  targetName = ''
  confirmingReissue = false
  private readonly sheetLoad = new LatestLoad<LabelSheet>()
  /** A failed reissue is shown where the sheet goes, with the same retry. */
  private readonly reissue = new Submission()

  constructor(private readonly api: Pick<Api, 'labelSheet' | 'issueLabels'>) {
    makeAutoObservable<LabelStore, 'api' | 'sheetLoad' | 'reissue'>(this, { api: false, sheetLoad: false, reissue: false })
  }

  get reissuing(): boolean {
    return this.reissue.busy
  }

  get sheet(): LabelSheet | null {
    return this.sheetLoad.value
  }

  get state(): LoadState {
    return this.reissue.error === null ? this.sheetLoad.state : 'error'
  }

  get error(): string | null {
    return this.reissue.error ?? this.sheetLoad.error
  }

  /** Labels cut into A4 sheets, in the server's order. */
  get pages(): DoorLabel[][] {
    const labels = this.sheet?.labels ?? []
    const pages: DoorLabel[][] = []
    for (let i = 0; i < labels.length; i += LABELS_PER_SHEET) pages.push(labels.slice(i, i + LABELS_PER_SHEET))
    return pages
  }

  reset(): void {
    this.sheetLoad.clear()
    this.reissue.clear()
    this.target = null
    this.targetName = ''
    this.confirmingReissue = false
  }

  chooseGrid(gridId: string, name: string): void {
    this.choose({ gridId }, name)
  }

  chooseHouseholds(householdIds: string[]): void {
    this.choose({ householdIds }, `已选 ${householdIds.length} 户`)
  }

  generate = flow(function* (this: LabelStore) {
    const target = this.target
    if (!target) return
    this.reissue.dismiss()
    yield this.sheetLoad.load(() => this.api.labelSheet(target))
  })

  /** Reissuing revokes the printed labels, so it only ever happens after the user has confirmed it. */
  askReissue(): void {
    if (this.target) this.confirmingReissue = true
  }

  cancelReissue(): void {
    this.confirmingReissue = false
  }

  confirmReissue = flow(function* (this: LabelStore) {
    const target = this.target
    if (!target || !this.confirmingReissue) return
    this.confirmingReissue = false
    const reissued: Outcome<unknown> = yield this.reissue.run(() => this.api.issueLabels(target, true))
    if (reissued.ok) yield this.generate()
  })

  private choose(target: LabelTarget, name: string): void {
    this.sheetLoad.clear()
    this.reissue.dismiss()
    this.target = target
    this.targetName = name
  }
}

export const labelStore: StoreFactory<LabelStore> = ({ api }) => new LabelStore(api)
