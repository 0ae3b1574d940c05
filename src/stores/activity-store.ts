import { flow, makeAutoObservable, observable } from 'mobx'
import {
  ACTIVITY_KIND_NAMES, ACTIVITY_KINDS, checkActivityInput, chinaDateTimeOf, chinaDateTimeToIso, chinaMonthOf, MAX_ACTIVITY_SUMMARY_LENGTH,
  MAX_PHOTOS_PER_ACTIVITY, monthLabel, shiftMonth, TARGET_GROUPS, type ActivityKind, type TargetGroup,
} from '@/core/activities'
import type { Page } from '@/core/page'
import type { Activity, ActivityInput, ActivityListItem } from '@/contract/activities'
import type { Api } from '@/services/api-client'
import { taroPhotoPicker, type PhotoPicker, type PreparedPhoto } from '@/services/activity-photos'
import { LatestLoad } from './latest-load'
import { errorMessage, type LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/** An activity as the form holds it: counts, date and time stay text until saved, so nothing typed is lost on a refusal. */
export interface ActivityDraft {
  regionId: string
  kind: ActivityKind | ''
  title: string
  place: string
  date: string
  time: string
  organiser: string
  attendance: string
  targetGroups: TargetGroup[]
  materials: string
  summary: string
}

export interface PhotoUpload {
  name: string
  /** 0–1 of the bytes sent. */
  progress: number
  error: string | null
}

export type PendingRemoval = { type: 'activity' } | { type: 'photo'; photoId: string } | null

const PAGE_SIZE = 50

export function emptyActivityDraft(regionId: string, now: Date): ActivityDraft {
  const { date } = chinaDateTimeOf(now.toISOString())
  return { regionId, kind: '', title: '', place: '', date, time: '09:00', organiser: '', attendance: '', targetGroups: [], materials: '0', summary: '' }
}

function draftOf(a: Activity): ActivityDraft {
  const { date, time } = chinaDateTimeOf(a.heldAt)
  return {
    regionId: a.regionId, kind: a.kind, title: a.title, place: a.place, date, time, organiser: a.organiser, attendance: String(a.attendance),
    targetGroups: [...a.targetGroups], materials: String(a.materials), summary: a.summary,
  }
}

const count = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()))

/** The input to send, or the first problem in words; the same rules the server applies. */
export function toActivityInput(d: ActivityDraft): { input: ActivityInput } | { problem: string } {
  const heldAt = chinaDateTimeToIso(d.date, d.time)
  if (!heldAt) return { problem: '请填写正确的活动日期（如 2026-11-18）和时间（如 09:30）' }
  const input = {
    regionId: d.regionId, kind: d.kind as ActivityKind, title: d.title.trim(), place: d.place.trim(), heldAt, organiser: d.organiser.trim(),
    attendance: count(d.attendance), targetGroups: d.targetGroups, materials: count(d.materials), summary: d.summary.trim(),
  }
  const [first] = checkActivityInput(input)
  return first ? { problem: first.message } : { input }
}

/** Activities of one region and month, and the one being written or edited with its photos. */
export class ActivityStore {
  regionId: string | null = null
  month = ''
  kind: ActivityKind | null = null
  draft: ActivityDraft | null = null
  /** What the form itself finds wrong before sending. */
  problem: string | null = null
  uploads: PhotoUpload[] = []
  photoError: string | null = null
  pendingRemoval: PendingRemoval = null
  /** Local URLs of photos fetched with the session's token, by their API path. */
  photoSrc = observable.map<string, string>()
  /** The kinds the form and the filter offer, in their order. */
  readonly kindChoices = ACTIVITY_KINDS.map((k) => ({ value: k.key, label: k.name }))
  readonly targetGroups = TARGET_GROUPS
  readonly summaryLimit = MAX_ACTIVITY_SUMMARY_LENGTH
  readonly photoLimit = MAX_PHOTOS_PER_ACTIVITY
  private readonly list = new LatestLoad<Page<ActivityListItem>>()
  /** The saved activity behind the form; empty while a new one is not yet saved. */
  private readonly opened = new LatestLoad<Activity>()
  private readonly saveDraft = new Submission()
  private readonly removal = new Submission()

  constructor(private readonly api: Pick<Api, 'activities' | 'activity' | 'createActivity' | 'updateActivity' | 'deleteActivity'
    | 'deleteActivityPhoto' | 'uploadActivityPhoto' | 'activityPhotoSrc'>, private readonly picker: PhotoPicker,
    private readonly now: () => Date = () => new Date()) {
    makeAutoObservable<ActivityStore, 'api' | 'picker' | 'now' | 'list' | 'opened' | 'saveDraft' | 'removal'>(this, {
      api: false, picker: false, now: false, list: false, opened: false, saveDraft: false, removal: false,
      kindChoices: false, targetGroups: false, summaryLimit: false, photoLimit: false,
    })
  }

  /** The month shown, as people say it: 2026年11月. */
  get monthText(): string {
    return monthLabel(this.month)
  }

  kindName(kind: ActivityKind): string {
    return ACTIVITY_KIND_NAMES[kind] ?? kind
  }

  /** When an activity was held, in China time: 2026-11-18 09:30. */
  heldAtText(heldAt: string): string {
    const { date, time } = chinaDateTimeOf(heldAt)
    return `${date} ${time}`
  }

  get items(): ActivityListItem[] {
    return this.list.value?.items ?? []
  }

  get total(): number {
    return this.list.value?.total ?? 0
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  /** The saved activity behind the form; null while a new one is not yet saved. */
  get current(): Activity | null {
    return this.opened.value
  }

  /** A new activity's form is ready at once; a saved one's once it has been read. */
  get editState(): LoadState {
    return this.draft ? 'ready' : this.opened.state
  }

  get saving(): boolean {
    return this.saveDraft.busy
  }

  /** Why the form was not saved, or why the activity could not be opened. */
  get saveError(): string | null {
    return this.problem ?? this.saveDraft.error ?? (this.opened.state === 'error' ? this.opened.error : null)
  }

  get photoRoom(): number {
    return MAX_PHOTOS_PER_ACTIVITY - (this.current?.photos.length ?? 0) - this.uploads.filter((u) => !u.error).length
  }

  load = flow(function* (this: ActivityStore, regionId: string, month: string) {
    this.regionId = regionId
    this.month = month
    const query = { regionId, month, kind: this.kind ?? undefined, page: 1, pageSize: PAGE_SIZE }
    const landed: boolean = yield this.list.load(() => this.api.activities(query))
    if (landed) this.fetchPhotos(this.items.flatMap((i) => i.thumbnails))
  })

  /** The list opened from the menu: this month's activities of the region. */
  loadThisMonth(regionId: string): Promise<void> {
    return this.load(regionId, chinaMonthOf(this.now()))
  }

  switchMonth(delta: number): Promise<void> {
    return this.regionId ? this.load(this.regionId, shiftMonth(this.month, delta)) : Promise.resolve()
  }

  chooseKind(kind: ActivityKind | null): Promise<void> {
    this.kind = kind
    return this.regionId ? this.load(this.regionId, this.month) : Promise.resolve()
  }

  startNew(regionId: string): void {
    this.opened.clear()
    this.draft = emptyActivityDraft(regionId, this.now())
    this.resetEditing()
  }

  open = flow(function* (this: ActivityStore, id: string) {
    this.draft = null
    this.resetEditing()
    this.opened.clear()
    const landed: boolean = yield this.opened.load(() => this.api.activity(id))
    if (landed && this.current) this.showSaved(this.current)
  })

  editDraft(patch: Partial<ActivityDraft>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
  }

  toggleTargetGroup(group: TargetGroup): void {
    if (!this.draft) return
    const has = this.draft.targetGroups.includes(group)
    this.editDraft({ targetGroups: has ? this.draft.targetGroups.filter((g) => g !== group) : [...this.draft.targetGroups, group] })
  }

  /** A refusal, here or from the server, leaves the draft exactly as typed. */
  save = flow(function* (this: ActivityStore) {
    if (!this.draft || this.saving) return
    const checked = toActivityInput(this.draft)
    this.problem = 'problem' in checked ? checked.problem : null
    if ('problem' in checked) return
    const current = this.current
    const saved: Outcome<Activity> = yield this.saveDraft.run(() =>
      current ? this.api.updateActivity(current.id, checked.input) : this.api.createActivity(checked.input))
    if (saved.ok) this.showSaved(saved.value)
  })

  /** Chooses, compresses and uploads photos one after another, each with its progress; a failed one says why. */
  addPhotos = flow(function* (this: ActivityStore) {
    const activity = this.current
    if (!activity || this.photoRoom <= 0) return
    this.photoError = null
    let chosen: PreparedPhoto[]
    try {
      chosen = yield this.picker.choose(this.photoRoom)
    } catch {
      return // the user closed the album
    }
    // Each photo goes up on its own with its own progress and error, so one failure does not stop the rest.
    const uploads = chosen.map((p) => observable({ name: p.name, progress: 0, error: null as string | null }))
    this.uploads = [...this.uploads, ...uploads]
    for (const [i, prepared] of chosen.entries()) {
      const upload = uploads[i]
      try {
        yield this.api.uploadActivityPhoto(activity.id, prepared, (fraction) => this.setProgress(upload, fraction))
        this.uploads = this.uploads.filter((u) => u !== upload)
      } catch (e) {
        upload.error = errorMessage(e)
      }
    }
    yield this.refreshCurrent()
  })

  setProgress(upload: PhotoUpload, fraction: number): void {
    upload.progress = Math.min(1, Math.max(0, fraction))
  }

  dismissFailedUploads(): void {
    this.uploads = this.uploads.filter((u) => !u.error)
  }

  askRemoval(removal: Exclude<PendingRemoval, null>): void {
    this.pendingRemoval = removal
  }

  cancelRemoval(): void {
    this.pendingRemoval = null
  }

  /** Carries out the confirmed removal; true when the whole activity is gone and the page should close. */
  confirmRemoval = flow(function* (this: ActivityStore) {
    const removal = this.pendingRemoval
    const activity = this.current
    this.pendingRemoval = null
    if (!removal || !activity) return false
    this.photoError = null
    const removed: Outcome<unknown> = yield this.removal.run(() =>
      removal.type === 'activity' ? this.api.deleteActivity(activity.id) : this.api.deleteActivityPhoto(activity.id, removal.photoId))
    if (!removed.ok) {
      this.photoError = this.removal.error
      return false
    }
    if (removal.type === 'photo') {
      yield this.refreshCurrent()
      return false
    }
    const shown = this.list.value
    if (shown) this.list.set({ ...shown, items: shown.items.filter((i) => i.id !== activity.id) })
    this.opened.clear()
    this.draft = null
    return true
  })

  reset(): void {
    this.regionId = null
    this.month = ''
    this.kind = null
    this.list.clear()
    this.opened.clear()
    this.draft = null
    this.resetEditing()
    this.photoSrc.clear()
  }

  /** The photos as the server now has them; the form keeps what is being typed. */
  private refreshCurrent = flow(function* (this: ActivityStore) {
    const id = this.current?.id
    if (!id) return
    const landed: boolean = yield this.opened.reload(() => this.api.activity(id))
    if (!landed) this.photoError = this.opened.error
    else if (this.current) this.fetchPhotos(this.current.photos.map((p) => p.thumbnailUrl))
  })

  private showSaved(a: Activity): void {
    this.opened.set(a)
    this.draft = draftOf(a)
    this.fetchPhotos(a.photos.map((p) => p.thumbnailUrl))
  }

  private resetEditing(): void {
    this.problem = null
    this.saveDraft.clear()
    this.removal.clear()
    this.uploads = []
    this.photoError = null
    this.pendingRemoval = null
  }

  /** A picture that fails to load just stays a grey tile. */
  private fetchPhotos(paths: readonly string[]): void {
    for (const path of paths) {
      if (this.photoSrc.has(path)) continue
      this.api.activityPhotoSrc(path).then((src) => this.setPhotoSrc(path, src), () => undefined)
    }
  }

  setPhotoSrc(path: string, src: string): void {
    this.photoSrc.set(path, src)
  }
}

export const activityStore: StoreFactory<ActivityStore> = ({ api, photoPicker, now }) => new ActivityStore(api, photoPicker ?? taroPhotoPicker, now)
