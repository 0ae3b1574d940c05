import { flow, makeAutoObservable } from 'mobx'
import type { PledgeSummary } from '@/core/door-to-door-api'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

export type PledgeViewApi = Pick<Api, 'householdPledges' | 'pledgeSvg'>

/** A household's signed pledges, and the one opened as the server renders it for showing, printing and saving. */
export class PledgeViewStore {
  householdId: string | null = null
  pledges: PledgeSummary[] = []
  state: LoadState = 'idle'
  error: string | null = null
  openedId: string | null = null
  svg: string | null = null
  sheetState: LoadState = 'idle'
  sheetError: string | null = null
  private generation = 0
  private sheetGeneration = 0

  constructor(private readonly api: PledgeViewApi) {
    makeAutoObservable<PledgeViewStore, 'api' | 'generation' | 'sheetGeneration'>(this, {
      api: false, generation: false, sheetGeneration: false,
    })
  }

  /** The latest pledge is the one that counts at the door, so it comes first whatever order the answer had. */
  get newestFirst(): PledgeSummary[] {
    return [...this.pledges].sort((a, b) => Date.parse(b.signedAt) - Date.parse(a.signedAt) || b.seq - a.seq)
  }

  get opened(): PledgeSummary | null {
    return this.pledges.find((p) => p.id === this.openedId) ?? null
  }

  /** One image source for both platforms: the browser's <img> and the mini-program's <image> both take SVG data URLs. */
  get imageUrl(): string | null {
    return this.svg === null ? null : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(this.svg)}`
  }

  load = flow(function* (this: PledgeViewStore, householdId: string) {
    const generation = ++this.generation
    if (householdId !== this.householdId) {
      this.pledges = []
      this.close()
    }
    this.householdId = householdId
    this.state = 'loading'
    this.error = null
    try {
      const answer: { items: PledgeSummary[] } = yield this.api.householdPledges(householdId)
      if (generation !== this.generation) return
      this.pledges = answer.items
      this.state = 'ready'
    } catch (e) {
      if (generation !== this.generation) return
      this.state = 'error'
      this.error = errorMessage(e)
    }
  })

  open = flow(function* (this: PledgeViewStore, pledgeId: string) {
    const generation = ++this.sheetGeneration
    this.openedId = pledgeId
    this.svg = null
    this.sheetState = 'loading'
    this.sheetError = null
    try {
      const svg: string = yield this.api.pledgeSvg(pledgeId)
      if (generation !== this.sheetGeneration) return
      this.svg = svg
      this.sheetState = 'ready'
    } catch (e) {
      if (generation !== this.sheetGeneration) return
      this.sheetState = 'error'
      this.sheetError = errorMessage(e)
    }
  })

  /** Back to the list; a rendering still on its way is dropped. */
  close(): void {
    this.sheetGeneration++
    this.openedId = null
    this.svg = null
    this.sheetState = 'idle'
    this.sheetError = null
  }

  /** The list shows signatures: another user must never see the previous user's. */
  reset(): void {
    this.generation++
    this.householdId = null
    this.pledges = []
    this.state = 'idle'
    this.error = null
    this.close()
  }
}
