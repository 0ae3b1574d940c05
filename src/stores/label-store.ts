import { flow, makeAutoObservable } from 'mobx'
import type { DoorLabel, LabelSheet } from '@/core/door-to-door-api'
import type { Api, LabelTarget } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

/** 2 columns × 5 rows fill an A4 sheet with labels large enough to scan from a step away. */
export const LABELS_PER_SHEET = 10

/** What the print page prints: one grid's labels or a picked set, laid out in A4 sheets; and the reissue. */
export class LabelStore {
  target: LabelTarget | null = null
  /** Shown above the sheets: the grid's name or how many households were picked. */
  targetName = ''
  sheet: LabelSheet | null = null
  state: LoadState = 'idle'
  error: string | null = null
  confirmingReissue = false
  reissuing = false
  private generation = 0

  constructor(private readonly api: Pick<Api, 'labelSheet' | 'issueLabels'>) {
    makeAutoObservable<LabelStore, 'api' | 'generation'>(this, { api: false, generation: false })
  }

  /** Labels cut into A4 sheets, in the server's order. */
  get pages(): DoorLabel[][] {
    const labels = this.sheet?.labels ?? []
    const pages: DoorLabel[][] = []
    for (let i = 0; i < labels.length; i += LABELS_PER_SHEET) pages.push(labels.slice(i, i + LABELS_PER_SHEET))
    return pages
  }

  reset(): void {
    this.generation++
    this.target = null
    this.targetName = ''
    this.sheet = null
    this.state = 'idle'
    this.error = null
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
    if (!this.target) return
    const generation = ++this.generation
    this.state = 'loading'
    this.error = null
    try {
      const sheet: LabelSheet = yield this.api.labelSheet(this.target)
      if (generation !== this.generation) return
      this.sheet = sheet
      this.state = 'ready'
    } catch (e) {
      if (generation !== this.generation) return
      this.state = 'error'
      this.error = errorMessage(e)
    }
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
    this.error = null
    try {
      yield this.api.issueLabels(this.target, true)
    } catch (e) {
      this.state = 'error'
      this.error = errorMessage(e)
      return
    } finally {
      this.reissuing = false
    }
    yield this.generate()
  })

  private choose(target: LabelTarget, name: string): void {
    this.generation++
    this.target = target
    this.targetName = name
    this.sheet = null
    this.state = 'idle'
    this.error = null
  }
}
