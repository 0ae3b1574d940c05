import { flow, makeAutoObservable, observable } from 'mobx'
import type { HouseholdDetail, HouseholdFilters, HouseholdInput, HouseholdSearch, HouseholdSummary } from '@/contract/households'
import { checkHouseholdInput, isHouseholdTag, type HouseholdTag } from '@/core/households'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { PagedList } from './paged-list'
import type { StoreFactory } from './store-context'
import { Submission, type Outcome } from './submission'

export const HOUSEHOLD_ADMIN_PAGE_SIZE = 20

/** The add/edit form as typed: text stays text until saving, so that nothing typed is lost on an error. */
export interface HouseholdDraft {
  regionId: string
  address: string
  headName: string
  /** Empty on edit means "keep the stored number": the full number is never sent back to the form. */
  phone: string
  tags: HouseholdTag[]
  memberCount: string
}

const emptyDraft = (regionId: string): HouseholdDraft =>
  ({ regionId, address: '', headName: '', phone: '', tags: [], memberCount: '1' })

function toInput(draft: HouseholdDraft): HouseholdInput {
  const phone = draft.phone.trim()
  return {
    regionId: draft.regionId,
    address: draft.address.trim(),
    headName: draft.headName.trim(),
    ...(phone && { phone }),
    tags: draft.tags,
    memberCount: Number(draft.memberCount),
  }
}

/** Cadres' and admins' households: search, filters, add and edit, the audited phone reveal, and picks for labels. */
export class HouseholdAdminStore {
  regionId: string | null = null
  query = ''
  filters: HouseholdFilters = {}
  private readonly list = new PagedList<HouseholdSummary>()
  readonly selectedIds = observable.set<string>()

  /** null when the form is closed; editingId null with a draft open means adding. */
  draft: HouseholdDraft | null = null
  editingId: string | null = null
  /** On edit, the stored name as the server shows it (张*华), as a reminder beside the empty name field. */
  maskedHeadName: string | null = null
  /** What the form itself finds wrong before sending. */
  problem: string | null = null
  private readonly opening = new LatestLoad<HouseholdDetail>()
  private readonly saveDraft = new Submission()

  /** The household whose full number the user asked for, waiting for them to confirm the view is recorded. */
  revealAskedFor: string | null = null
  readonly revealedPhones = observable.map<string, string>()
  private readonly reveal = new Submission()

  constructor(private readonly api: Pick<Api, 'households' | 'household' | 'createHousehold' | 'updateHousehold' | 'revealPhone'>) {
    makeAutoObservable<HouseholdAdminStore, 'api' | 'list' | 'opening' | 'saveDraft' | 'reveal'>(this, {
      api: false, list: false, opening: false, saveDraft: false, reveal: false,
    })
  }

  get searchQuery(): HouseholdSearch {
    return { regionId: this.regionId ?? '', q: this.query.trim(), page: 1, pageSize: HOUSEHOLD_ADMIN_PAGE_SIZE, ...definedOnly(this.filters) }
  }

  get items(): HouseholdSummary[] {
    return this.list.items
  }

  get total(): number {
    return this.list.total
  }

  get state(): LoadState {
    return this.list.state
  }

  get loadingMore(): boolean {
    return this.list.loadingMore
  }

  /** A household that could not be opened for editing is said above the list. */
  get error(): string | null {
    return this.opening.error ?? this.list.error
  }

  get saving(): boolean {
    return this.saveDraft.busy
  }

  get formError(): string | null {
    return this.problem ?? this.saveDraft.error
  }

  get revealError(): string | null {
    return this.reveal.error
  }

  get hasMore(): boolean {
    return this.list.hasMore
  }

  get isEmpty(): boolean {
    return this.list.isEmpty
  }

  get formProblems(): string[] {
    return this.draft ? checkHouseholdInput(toInput(this.draft)).map((p) => p.message) : []
  }

  reset(): void {
    this.list.clear()
    this.regionId = null
    this.query = ''
    this.filters = {}
    this.selectedIds.clear()
    this.closeForm()
    this.saveDraft.clear()
    this.revealAskedFor = null
    this.revealedPhones.clear()
    this.reveal.clear()
  }

  selectRegion(regionId: string): Promise<void> {
    this.regionId = regionId
    return this.search()
  }

  setQuery(text: string): void {
    this.query = text
  }

  setFilter<K extends keyof HouseholdFilters>(key: K, value: HouseholdFilters[K] | undefined): Promise<void> {
    this.filters = { ...this.filters, [key]: value }
    return this.search()
  }

  toggleSelected(id: string): void {
    if (this.selectedIds.has(id)) this.selectedIds.delete(id)
    else this.selectedIds.add(id)
  }

  search(): Promise<void> {
    if (!this.regionId) return Promise.resolve()
    return this.list.load((page) => this.api.households({ ...this.searchQuery, page }))
  }

  loadMore(): Promise<void> {
    return this.list.loadMore((page) => this.api.households({ ...this.searchQuery, page }))
  }

  startAdd(gridId: string): void {
    this.editingId = null
    this.maskedHeadName = null
    this.draft = emptyDraft(gridId)
    this.opening.clear()
    this.forgetProblems()
  }

  /** Of two 编辑 taps in a row, the form opens on the last household tapped, whichever answer comes back first. */
  startEdit = flow(function* (this: HouseholdAdminStore, id: string) {
    this.forgetProblems()
    const opened: boolean = yield this.opening.load(() => this.api.household(id))
    const detail = this.opening.value
    if (!opened || !detail) return
    this.editingId = id
    // The server only ever sends the name masked; saving that back would overwrite the real name, so it is retyped.
    this.maskedHeadName = detail.headName
    this.draft = {
      regionId: detail.regionId, address: detail.address, headName: '', phone: '',
      tags: detail.tags.filter(isHouseholdTag), memberCount: String(detail.memberCount),
    }
  })

  updateDraft(change: Partial<HouseholdDraft>): void {
    if (this.draft) this.draft = { ...this.draft, ...change }
  }

  toggleDraftTag(tag: HouseholdTag): void {
    if (!this.draft) return
    const tags = this.draft.tags.includes(tag) ? this.draft.tags.filter((t) => t !== tag) : [...this.draft.tags, tag]
    this.draft = { ...this.draft, tags }
  }

  closeForm(): void {
    this.draft = null
    this.editingId = null
    this.maskedHeadName = null
    this.opening.clear()
    this.forgetProblems()
  }

  /** On any refusal the draft stays exactly as typed and the server's message is shown above it. */
  save = flow(function* (this: HouseholdAdminStore) {
    if (!this.draft || this.saving) return
    const problems = this.formProblems
    if (problems.length > 0) {
      this.problem = problems.join('；')
      return
    }
    this.problem = null
    const input = toInput(this.draft)
    const editingId = this.editingId
    const saved: Outcome<unknown> = yield this.saveDraft.run(() =>
      editingId ? this.api.updateHousehold(editingId, input) : this.api.createHousehold(input))
    if (!saved.ok) return
    this.closeForm()
    yield this.search()
  })

  askReveal(id: string): void {
    this.revealAskedFor = id
    this.reveal.dismiss()
  }

  cancelReveal(): void {
    this.revealAskedFor = null
  }

  confirmReveal = flow(function* (this: HouseholdAdminStore) {
    const id = this.revealAskedFor
    if (!id) return
    this.revealAskedFor = null
    const revealed: Outcome<{ phone: string }> = yield this.reveal.run(() => this.api.revealPhone(id))
    if (revealed.ok) this.revealedPhones.set(id, revealed.value.phone ?? '未登记')
  })

  private forgetProblems(): void {
    this.problem = null
    this.saveDraft.dismiss()
  }
}

function definedOnly(filters: HouseholdFilters): HouseholdFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as HouseholdFilters
}

export const householdAdminStore: StoreFactory<HouseholdAdminStore> = ({ api }) => new HouseholdAdminStore(api)
