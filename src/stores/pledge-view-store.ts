import { flow, makeAutoObservable } from 'mobx'
import type { PledgeSummary } from '@/contract/pledges'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import type { StoreFactory } from './store-context'

export type PledgeViewApi = Pick<Api, 'householdPledges' | 'pledgeSvg'>

/** A household's signed pledges, and the one opened as the server renders it for showing, printing and saving. */
export class PledgeViewStore {
  householdId: string | null = null
  openedId: string | null = null
  private readonly pledgesLoad = new LatestLoad<{ items: PledgeSummary[] }>()
  private readonly sheetLoad = new LatestLoad<string>()

  constructor(private readonly api: PledgeViewApi) {
    makeAutoObservable<PledgeViewStore, 'api' | 'pledgesLoad' | 'sheetLoad'>(this, {
      api: false, pledgesLoad: false, sheetLoad: false,
    })
  }

  get pledges(): PledgeSummary[] {
    return this.pledgesLoad.value?.items ?? []
  }

  get state(): LoadState {
    return this.pledgesLoad.state
  }

  get error(): string | null {
    return this.pledgesLoad.error
  }

  get svg(): string | null {
    return this.sheetLoad.value
  }

  get sheetState(): LoadState {
    return this.sheetLoad.state
  }

  get sheetError(): string | null {
    return this.sheetLoad.error
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
    if (householdId !== this.householdId) {
      this.pledgesLoad.clear()
      this.close()
    }
    this.householdId = householdId
    yield this.pledgesLoad.load(() => this.api.householdPledges(householdId))
  })

  open = flow(function* (this: PledgeViewStore, pledgeId: string) {
    this.openedId = pledgeId
    this.sheetLoad.clear()
    yield this.sheetLoad.load(() => this.api.pledgeSvg(pledgeId))
  })

  /** Back to the list; a rendering still on its way is dropped. */
  close(): void {
    this.sheetLoad.clear()
    this.openedId = null
  }

  /** The list shows signatures: another user must never see the previous user's. */
  reset(): void {
    this.pledgesLoad.clear()
    this.householdId = null
    this.close()
  }
}

export const pledgeViewStore: StoreFactory<PledgeViewStore> = ({ api }) => new PledgeViewStore(api)
