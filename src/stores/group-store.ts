import { flow, makeAutoObservable } from 'mobx'
import type { GroupLabelInput, WeChatGroup } from '@/contract/groups'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

export interface GroupForm {
  name: string
  tier: 1 | 2 | null
  regionId: string
}

/** The WeChat groups a cadre owns or may claim, and the form that labels one (the forwarding reminders' opt-in is the subscription store's). */
export class GroupStore {
  regionId: string | null = null
  unlabelledOnly = false
  editingId: string | null = null
  form: GroupForm = { name: '', tier: null, regionId: '' }
  /** What the form itself finds wrong before sending. */
  problem: string | null = null
  private readonly groupsLoad = new LatestLoad<WeChatGroup[]>()
  private readonly labelling = new Submission()

  constructor(private readonly api: Pick<Api, 'groups' | 'labelGroup'>) {
    makeAutoObservable<GroupStore, 'api' | 'groupsLoad' | 'labelling'>(this, { api: false, groupsLoad: false, labelling: false })
  }

  reset(): void {
    this.regionId = null
    this.unlabelledOnly = false
    this.editingId = null
    this.form = { name: '', tier: null, regionId: '' }
    this.problem = null
    this.groupsLoad.clear()
    this.labelling.clear()
  }

  get saving(): boolean {
    return this.labelling.busy
  }

  get formError(): string | null {
    return this.problem ?? this.labelling.error
  }

  get groups(): WeChatGroup[] {
    return this.groupsLoad.value ?? []
  }

  get state(): LoadState {
    return this.groupsLoad.state
  }

  get error(): string | null {
    return this.groupsLoad.error
  }

  get unlabelledCount(): number {
    return this.groups.filter((g) => g.labelledAt === null).length
  }

  load = flow(function* (this: GroupStore, regionId: string) {
    this.regionId = regionId
    yield this.groupsLoad.load(() => this.api.groups(regionId, this.unlabelledOnly || undefined))
  })

  showUnlabelledOnly(on: boolean): Promise<void> {
    this.unlabelledOnly = on
    return this.regionId ? this.load(this.regionId) : Promise.resolve()
  }

  /** Labelling an unlabelled group claims it for the cadre; the village defaults to the cadre's own. */
  startLabel(group: WeChatGroup, defaultRegionId: string): void {
    this.editingId = group.id
    this.form = { name: group.name ?? '', tier: group.tier, regionId: group.regionId ?? defaultRegionId }
    this.problem = null
    this.labelling.dismiss()
  }

  /**
   * The label form is a page of its own (so that back returns to the list): opened from the list it finds the
   * group already chosen; opened afresh (a reload, a shared link) it loads the list to find it.
   */
  openLabel = flow(function* (this: GroupStore, groupId: string, regionId: string) {
    if (this.editingId === groupId) return
    this.editingId = null
    if (this.regionId !== regionId || this.state !== 'ready') yield this.load(regionId)
    const group = this.groups.find((g) => g.id === groupId)
    if (group) this.startLabel(group, regionId)
  })

  cancelLabel(): void {
    this.editingId = null
    this.problem = null
    this.labelling.dismiss()
  }

  setForm(patch: Partial<GroupForm>): void {
    this.form = { ...this.form, ...patch }
  }

  /** True once saved: the form page then goes back to the list, which already shows the new label. */
  saveLabel = flow(function* (this: GroupStore) {
    const id = this.editingId
    if (!id || this.saving) return false
    const { name, tier, regionId } = this.form
    if (!name.trim() || tier === null || !regionId) {
      this.problem = '请填写群名称、类型和所属村社'
      return false
    }
    this.problem = null
    const input: GroupLabelInput = { name: name.trim(), tier, regionId }
    const saved: Outcome<WeChatGroup> = yield this.labelling.run(() => this.api.labelGroup(id, input))
    if (!saved.ok) return false
    this.groupsLoad.set(this.groups.map((g) => (g.id === saved.value.id ? saved.value : g)))
    this.editingId = null
    return true
  })
}

export const groupStore: StoreFactory<GroupStore> = ({ api }) => new GroupStore(api)
