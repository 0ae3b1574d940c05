import { flow, makeAutoObservable, observable } from 'mobx'
import {
  checkActivityInput, chinaDateTimeOf, chinaDateTimeToIso, chinaMonthOf, MAX_PHOTOS_PER_ACTIVITY, shiftMonth, type ActivityKind, type TargetGroup,
} from '@/core/activities'
import type { Activity, ActivityInput, ActivityListItem } from '@/contract/activities'
import type { Api } from '@/services/api-client'
import { taroPhotoPicker, type PhotoPicker, type PreparedPhoto } from '@/services/activity-photos'
import { errorMessage, type LoadState } from './load-state'
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
  items: ActivityListItem[] = []
  total = 0
  state: LoadState = 'idle'
  error: string | null = null

  /** The saved activity behind the form; null while a new one is not yet saved. */
  current: Activity | null = null
  draft: ActivityDraft | null = null
  editState: LoadState = 'idle'
  saving = false
  saveError: string | null = null
  uploads: PhotoUpload[] = []
  photoError: string | null = null
  pendingRemoval: PendingRemoval = null
  /** Local URLs of photos fetched with the session's token, by their API path. */
  photoSrc = observable.map<string, string>()

  constructor(private readonly api: Pick<Api, 'activities' | 'activity' | 'createActivity' | 'updateActivity' | 'deleteActivity'
    | 'deleteActivityPhoto' | 'uploadActivityPhoto' | 'activityPhotoSrc'>, private readonly picker: PhotoPicker,
    private readonly now: () => Date = () => new Date()) {
    makeAutoObservable<ActivityStore, 'api' | 'picker' | 'now'>(this, { api: false, picker: false, now: false, items: observable.ref, current: observable.ref })
  }

  get photoRoom(): number {
    return MAX_PHOTOS_PER_ACTIVITY - (this.current?.photos.length ?? 0) - this.uploads.filter((u) => !u.error).length
  }

  load = flow(function* (this: ActivityStore, regionId: string, month: string) {
    this.regionId = regionId
    this.month = month
    this.state = 'loading'
    this.error = null
    try {
      const page: { items: ActivityListItem[]; total: number } = yield this.api.activities({
        regionId, month, kind: this.kind ?? undefined, page: 1, pageSize: PAGE_SIZE,
      })
      this.items = page.items
      this.total = page.total
      this.state = 'ready'
    } catch (e) {
      this.state = 'error'
      this.error = errorMessage(e)
      return
    }
    this.fetchPhotos(this.items.flatMap((i) => i.thumbnails))
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
    this.current = null
    this.draft = emptyActivityDraft(regionId, this.now())
    this.editState = 'ready'
    this.resetEditing()
  }

  open = flow(function* (this: ActivityStore, id: string) {
    this.editState = 'loading'
    this.draft = null
    this.resetEditing()
    try {
      this.showSaved(yield this.api.activity(id))
      this.editState = 'ready'
    } catch (e) {
      this.editState = 'error'
      this.saveError = errorMessage(e)
    }
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
    if ('problem' in checked) {
      this.saveError = checked.problem
      return
    }
    this.saving = true
    this.saveError = null
    try {
      const saved: Activity = yield this.current ? this.api.updateActivity(this.current.id, checked.input) : this.api.createActivity(checked.input)
      this.showSaved(saved)
    } catch (e) {
      this.saveError = errorMessage(e)
    } finally {
      this.saving = false
    }
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
    try {
      if (removal.type === 'activity') {
        yield this.api.deleteActivity(activity.id)
        this.items = this.items.filter((i) => i.id !== activity.id)
        this.current = null
        this.draft = null
        return true
      }
      yield this.api.deleteActivityPhoto(activity.id, removal.photoId)
      yield this.refreshCurrent()
    } catch (e) {
      this.photoError = errorMessage(e)
    }
    return false
  })

  reset(): void {
    this.regionId = null
    this.month = ''
    this.kind = null
    this.error = null
    this.items = []
    this.total = 0
    this.state = 'idle'
    this.current = null
    this.draft = null
    this.editState = 'idle'
    this.resetEditing()
    this.photoSrc.clear()
  }

  private refreshCurrent = flow(function* (this: ActivityStore) {
    if (!this.current) return
    try {
      const fresh: Activity = yield this.api.activity(this.current.id)
      this.current = fresh
      this.fetchPhotos(fresh.photos.map((p) => p.thumbnailUrl))
    } catch (e) {
      this.photoError = errorMessage(e)
    }
  })

  private showSaved(a: Activity): void {
    this.current = a
    this.draft = draftOf(a)
    this.fetchPhotos(a.photos.map((p) => p.thumbnailUrl))
  }

  private resetEditing(): void {
    this.saving = false
    this.saveError = null
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
