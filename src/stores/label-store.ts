import { flow, makeAutoObservable } from 'mobx'
import type { DoorLabel, LabelSheet } from '@/contract/labels'
import type { Api, LabelTarget } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

/** 2 columns × 5 rows fill an A4 sheet with labels large enough to scan from a step away. */
export const LABELS_PER_SHEET = 10

/** What the print page prints: one grid's labels or a picked set, laid out in A4 sheets; and the reissue. */
export class LabelStore {
  target: LabelTarget | null = null
  /** Shown above the sheets: the grid's name or how many households were picked. */
  targetName = ''
  confirmingReissue = false
  reissuing = false
  /** A failed reissue is shown where the sheet goes, with the same retry. */
  private reissueError: string | null = null
  private readonly sheetLoad = new LatestLoad<LabelSheet>()

  constructor(private readonly api: Pick<Api, 'labelSheet' | 'issueLabels'>) {
    makeAutoObservable<LabelStore, 'api' | 'sheetLoad'>(this, { api: false, sheetLoad: false })
  }

  get sheet(): LabelSheet | null {
    return this.sheetLoad.value
  }

  get state(): LoadState {
    return this.reissueError === null ? this.sheetLoad.state : 'error'
  }

  get error(): string | null {
    return this.reissueError ?? this.sheetLoad.error
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
    this.reissueError = null
    this.target = null
    this.targetName = ''
    this.confirmingReissue = false
    this.reissuing = false
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
    this.reissueError = null
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
    if (!this.target || !this.confirmingReissue) return
    this.confirmingReissue = false
    this.reissuing = true
    this.reissueError = null
    try {
      yield this.api.issueLabels(this.target, true)
    } catch (e) {
      this.reissueError = errorMessage(e)
      return
    } finally {
      this.reissuing = false
    }
    yield this.generate()
  })

  private choose(target: LabelTarget, name: string): void {
    this.sheetLoad.clear()
    this.reissueError = null
    this.target = target
    this.targetName = name
  }
}

export const labelStore: StoreFactory<LabelStore> = ({ api }) => new LabelStore(api)
