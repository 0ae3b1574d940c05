import dayjs from 'dayjs'
import { flow, makeAutoObservable } from 'mobx'
import type { Page } from '@/core/page'
import type { BulletinAdminItem, BulletinDetail, BulletinVersionItem } from '@/contract/bulletins'
import type { BulletinCase, BulletinInput, BulletinStatus } from '@/core/bulletins'
import { bulletinPagePathOf, defaultBulletinInput, sameDayBulletins, STANDARD_WARNINGS, templateTextProblems } from '@/core/bulletins'
import { ERRORS } from '@/core/errors'
import type { FraudTypeKey } from '@/core/fraud-types'
import { ApiError, type Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { PagedList } from './paged-list'
import type { StoreFactory } from './store-context'
import { Submission, type Outcome } from './submission'

export const MANAGE_PAGE_SIZE = 20
/** The server's largest page: a hundred bulletins reach back months, far past any day still being reported. */
const SAME_DAY_LOOKUP_SIZE = 100

export const STATUS_LABELS: Record<BulletinStatus, string> = {
  draft: '草稿',
  scheduled: '已定时',
  published: '已发布',
  retracted: '已撤回',
}

/** A case as typed: the loss stays text until saved, so that "12." is not cut back to "12" mid-typing. */
export interface CaseDraft extends Omit<BulletinCase, 'lossYuan'> {
  lossText: string
}

export interface BulletinDraft extends Omit<BulletinInput, 'cases'> {
  cases: CaseDraft[]
}

function emptyCase(): CaseDraft {
  return { fraudType: 'other', victimProfile: '', lossText: '0', method: '', warning: STANDARD_WARNINGS.other }
}

/** The server-side template (src/core/bulletins) with its losses as text for the form. */
export function newBulletinDraft(regionId: string, now: Date): BulletinDraft {
  return toDraft(defaultBulletinInput(regionId, now))
}

function toDraft(input: BulletinInput): BulletinDraft {
  return { ...input, cases: input.cases.map(({ lossYuan, ...rest }) => ({ ...rest, lossText: String(lossYuan) })) }
}

function draftOf(detail: BulletinDetail): BulletinDraft {
  const { regionId, bulletinDate, title, advice, cases } = detail
  return toDraft({ regionId, bulletinDate, title, advice, cases })
}

/** Null when a loss is not a sum of money: the form says so before anything is sent. */
export function inputOf(draft: BulletinDraft): BulletinInput | null {
  const cases: BulletinCase[] = []
  for (const { lossText, ...rest } of draft.cases) {
    const text = lossText.trim() === '' ? '0' : lossText.trim()
    if (!/^\d+(\.\d{1,2})?$/.test(text)) return null
    cases.push({ ...rest, lossYuan: Number(text) })
  }
  return { regionId: draft.regionId, bulletinDate: draft.bulletinDate, title: draft.title, advice: draft.advice, cases }
}

/** Reasons the server gave per field, as `{ path, message }` or plain strings; anything else is not shown. */
function detailLines(details: unknown): string[] {
  if (!Array.isArray(details)) return []
  return details.flatMap((d: unknown) => {
    if (typeof d === 'string') return [d]
    if (d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string') return [(d as { message: string }).message]
    return []
  })
}

export type PublishMode = 'now' | 'at'

/** The station's bulletins: the manage list, and the editor with preview, publishing, retracting and versions. */
export class BulletinAdminStore {
  readonly list = new PagedList<BulletinAdminItem>()
  draft: BulletinDraft | null = null
  /** The saved bulletin behind the draft; null for a new one not yet saved. */
  saved: BulletinDetail | null = null
  /** What the editor itself finds wrong before sending, and the lines that say where. */
  problem: { message: string; details: string[] } | null = null
  notice: string | null = null
  previewing = false
  publishMode: PublishMode = 'now'
  publishDate = ''
  publishTime = '08:00'
  removingCase: number | null = null
  retracting = false
  retractReason = ''
  /** Bulletins already out for the same day, shown as a warning the author confirms before publishing anyway. */
  sameDay: BulletinAdminItem[] = []
  private sameDayConfirmed = false
  /** The bulletin being opened for editing; null for a new one. */
  private readonly opening = new LatestLoad<BulletinDetail | null>()
  /** The saved bulletin's versions: a side panel, so a failure to list them is not shown. */
  private readonly versionsLoad = new LatestLoad<BulletinVersionItem[]>()
  /** The station's recent bulletins, asked for just before publishing to find any for the same day. */
  private readonly sameDayLookup = new LatestLoad<Page<BulletinAdminItem>>()
  /** Saving, publishing and retracting: one at a time, each answered by the saved bulletin. */
  private readonly writing = new Submission()

  constructor(private readonly api: Pick<Api,
    'manageBulletins' | 'bulletin' | 'createBulletin' | 'updateBulletin' | 'publishBulletin' | 'retractBulletin' | 'bulletinVersions' | 'absoluteUrl'>,
  private readonly now: () => Date = () => new Date()) {
    makeAutoObservable<BulletinAdminStore, 'api' | 'now' | 'sameDayConfirmed' | 'opening' | 'versionsLoad' | 'sameDayLookup' | 'writing'>(this, {
      api: false, now: false, sameDayConfirmed: false, list: false, opening: false, versionsLoad: false, sameDayLookup: false, writing: false,
    })
  }

  get versions(): BulletinVersionItem[] {
    return this.versionsLoad.value ?? []
  }

  /** Also while the same day is checked before publishing: the button waits for the whole publish. */
  get saving(): boolean {
    return this.writing.busy || this.sameDayLookup.state === 'loading'
  }

  get formError(): string | null {
    return this.problem?.message ?? this.writing.error
  }

  /** The server's per-field reasons for a refusal, e.g. which case of a bulletin is incomplete. */
  get formDetails(): string[] {
    if (this.problem) return this.problem.details
    const failure = this.writing.failure
    return failure instanceof ApiError ? detailLines(failure.details) : []
  }

  get state(): LoadState {
    return this.opening.state
  }

  get loadError(): string | null {
    return this.opening.error
  }

  /** Another person signs in: nothing of the previous editor's list, draft or answers in flight remains. */
  reset(): void {
    this.list.clear()
    this.opening.clear()
    this.draft = null
    this.saved = null
    this.versionsLoad.clear()
    this.sameDayLookup.clear()
    this.writing.clear()
    this.problem = null
    this.notice = null
    this.previewing = false
    this.publishMode = 'now'
    this.publishDate = ''
    this.publishTime = '08:00'
    this.removingCase = null
    this.retracting = false
    this.retractReason = ''
    this.sameDay = []
    this.sameDayConfirmed = false
  }

  get isNew(): boolean {
    return this.saved === null
  }

  get canRetract(): boolean {
    return this.saved?.status === 'published' || this.saved?.status === 'scheduled'
  }

  get previewInput(): BulletinInput | null {
    return this.draft ? inputOf(this.draft) : null
  }

  loadList(regionId: string): Promise<void> {
    return this.list.load((page) => this.api.manageBulletins(regionId, page, MANAGE_PAGE_SIZE))
  }

  loadMoreList(regionId: string): Promise<void> {
    return this.list.loadMore((page) => this.api.manageBulletins(regionId, page, MANAGE_PAGE_SIZE))
  }

  startNew(regionId: string): void {
    const today = this.now()
    this.clearForm()
    this.opening.set(null)
    this.draft = newBulletinDraft(regionId, today)
    this.publishDate = dayjs(today).format('YYYY-MM-DD')
  }

  edit = flow(function* (this: BulletinAdminStore, id: string) {
    this.clearForm()
    this.publishDate = dayjs(this.now()).format('YYYY-MM-DD')
    const landed: boolean = yield this.opening.load(() => this.api.bulletin(id))
    const detail = this.opening.value
    if (!landed || !detail) return
    this.saved = detail
    this.draft = draftOf(detail)
    yield this.loadVersions()
  })

  setField(field: 'title' | 'bulletinDate' | 'advice', value: string): void {
    if (this.draft) this.draft[field] = value
  }

  setCase(index: number, patch: Partial<CaseDraft>): void {
    const target = this.draft?.cases[index]
    if (target) Object.assign(target, patch)
  }

  /** A warning still as the template wrote it follows the new type; one the author rewrote is kept. */
  setFraudType(index: number, fraudType: FraudTypeKey): void {
    const current = this.draft?.cases[index]
    if (!current) return
    const untouched = current.warning.trim() === '' || current.warning === STANDARD_WARNINGS[current.fraudType]
    this.setCase(index, untouched ? { fraudType, warning: STANDARD_WARNINGS[fraudType] } : { fraudType })
  }

  addCase(): void {
    this.draft?.cases.push(emptyCase())
  }

  /** Removing a case loses what was typed in it, so it is only done after the user confirms. */
  askRemoveCase(index: number): void {
    this.removingCase = index
  }

  cancelRemoveCase(): void {
    this.removingCase = null
  }

  confirmRemoveCase(): void {
    if (this.draft && this.removingCase !== null) this.draft.cases.splice(this.removingCase, 1)
    this.removingCase = null
  }

  togglePreview(): void {
    this.previewing = !this.previewing
  }

  setPublishMode(mode: PublishMode): void {
    this.publishMode = mode
  }

  setPublishAt(date: string, time: string): void {
    this.publishDate = date
    this.publishTime = time
  }

  /** Saves the draft (a new one is created); what was typed stays in the form whatever the server answers. */
  save = flow(function* (this: BulletinAdminStore) {
    const input = this.draft ? inputOf(this.draft) : null
    if (!input) {
      this.showFormError('损失金额请填写数字，最多两位小数；未造成损失填 0')
      return false
    }
    this.clearMessages()
    const before = this.saved
    const saved: Outcome<BulletinDetail> = yield this.writing.run(() =>
      before ? this.api.updateBulletin(before.id, input) : this.api.createBulletin(input))
    if (!saved.ok) return false
    this.saved = saved.value
    this.notice = '已保存'
    yield this.loadVersions()
    return true
  })

  /** Published (not scheduled): residents can read it now, so the editor offers to forward it to the groups. */
  get canForward(): boolean {
    return this.saved?.status === 'published'
  }

  get posterUrl(): string | null {
    return this.saved ? this.api.absoluteUrl(this.saved.posterUrl) : null
  }

  /** The resident page of the published bulletin, as forwarded cards and links open it. */
  get sharePath(): string | null {
    return this.saved ? bulletinPagePathOf(this.saved.id) : null
  }

  /**
   * Saves first, so that what is published is exactly what the preview showed. Template text is refused here as
   * the server would refuse it; a second bulletin for the same day only asks to be confirmed.
   */
  publish = flow(function* (this: BulletinAdminStore) {
    const at = this.publishMode === 'at' ? dayjs(`${this.publishDate}T${this.publishTime}`) : null
    if (at && !at.isValid()) {
      this.showFormError('请选择定时发布的日期和时间')
      return false
    }
    const input = this.draft ? inputOf(this.draft) : null
    const leftovers = input ? templateTextProblems(input) : []
    if (leftovers.length > 0) {
      this.showFormError(ERRORS.BULLETIN_TEMPLATE_TEXT, leftovers.map((p) => p.message))
      this.notice = null
      return false
    }
    if (input && !this.sameDayConfirmed) {
      const others: BulletinAdminItem[] = yield this.sameDayOthers(input)
      if (others.length > 0) {
        this.sameDay = others
        return false
      }
    }
    this.sameDayConfirmed = false
    const ok: boolean = yield this.save()
    const saved = this.saved
    if (!ok || !saved) return false
    // Publishing now omits `at` rather than sending null: the server's coercing validator reads null as "".
    const published: Outcome<BulletinDetail> = yield this.writing.run(() =>
      this.api.publishBulletin(saved.id, at ? { at: at.toISOString() } : {}))
    if (!published.ok) return false
    this.saved = published.value
    this.notice = published.value.status === 'scheduled' ? `已定时，将于 ${this.publishDate} ${this.publishTime} 发布` : '已发布'
    return true
  })

  confirmSameDay(): Promise<boolean> {
    this.sameDay = []
    this.sameDayConfirmed = true
    return this.publish()
  }

  cancelSameDay(): void {
    this.sameDay = []
  }

  askRetract(): void {
    if (this.canRetract) this.retracting = true
  }

  cancelRetract(): void {
    this.retracting = false
  }

  setRetractReason(reason: string): void {
    this.retractReason = reason
  }

  confirmRetract = flow(function* (this: BulletinAdminStore) {
    const saved = this.saved
    if (!saved || !this.retracting) return
    const reason = this.retractReason.trim()
    if (!reason) {
      this.showFormError('请填写撤回原因')
      return
    }
    this.retracting = false
    this.clearMessages()
    const retracted: Outcome<BulletinDetail> = yield this.writing.run(() => this.api.retractBulletin(saved.id, reason))
    if (!retracted.ok) return
    this.saved = retracted.value
    this.notice = '已撤回，居民将看到“该通报已撤回”'
  })

  /**
   * The station's bulletins come newest day first, so the first page holds any for a recent day. Should the list
   * not load, publishing goes on: the warning is a courtesy, never a gate.
   */
  private sameDayOthers = flow(function* (this: BulletinAdminStore, input: BulletinInput) {
    const landed: boolean = yield this.sameDayLookup.load(() => this.api.manageBulletins(input.regionId, 1, SAME_DAY_LOOKUP_SIZE))
    const page = this.sameDayLookup.value
    if (!landed || !page) return []
    return sameDayBulletins(page.items, { id: this.saved?.id ?? null, regionId: input.regionId, bulletinDate: input.bulletinDate })
  })

  /** Quietly: should the list not come, the editor works on with the versions it showed. */
  private loadVersions(): Promise<boolean> {
    const saved = this.saved
    return saved ? this.versionsLoad.refresh(() => this.api.bulletinVersions(saved.id)) : Promise.resolve(false)
  }

  private showFormError(message: string, details: string[] = []): void {
    this.problem = { message, details }
    this.writing.dismiss()
  }

  private clearMessages(): void {
    this.problem = null
    this.writing.dismiss()
    this.notice = null
  }

  private clearForm(): void {
    this.draft = null
    this.saved = null
    this.versionsLoad.clear()
    this.previewing = false
    this.publishMode = 'now'
    this.removingCase = null
    this.retracting = false
    this.retractReason = ''
    this.sameDay = []
    this.sameDayConfirmed = false
    this.clearMessages()
  }
}

export const bulletinAdminStore: StoreFactory<BulletinAdminStore> = ({ api, now }) => new BulletinAdminStore(api, now)
