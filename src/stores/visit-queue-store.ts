import { flow, makeAutoObservable, toJS } from 'mobx'
import type { PledgeInput } from '@/contract/pledges'
import type { LatLng } from '@/core/households'
import { VISIT_CHECKLIST, type ChecklistKey } from '@/core/visits'
import type { SyncBatchResult, SyncItemResult } from '@/contract/common'
import type { VisitInput } from '@/contract/visits'
import { isRetryableStatus, nextRetryDelay } from '@/core/sync-backoff'
import { ApiError, type Api } from '@/services/api-client'
import type { ConnectivityEvents, Timers } from '@/services/network'
import type { OfflineStorage } from '@/services/offline-storage'
import { newUuid } from '@/services/uuid'
import { errorMessage } from './load-state'

/** The form's limit on a visit's note: the server refuses a longer one. */
export { MAX_VISIT_NOTE_LENGTH } from '@/core/visits'

export const QUEUE_STORAGE_KEY = 'xuanfang.doorQueue'
export const STORAGE_FULL_MESSAGE = '手机存储空间不足，记录暂未存到手机上，请尽快联网上传'
const REJECTED_FALLBACK_MESSAGE = '服务器未接受这条记录'

export interface Rejection {
  code: string
  message: string
}

interface QueuedCommon {
  /** Shown in the list of refused records, so that the worker knows which door it was. */
  householdCode: string
  /** Null while waiting for upload; set when the server refused the record, which then waits for the user. */
  rejection: Rejection | null
}

/** What a page hands to the queue; the queue stamps who recorded it. */
export type QueuedItemDraft =
  | (QueuedCommon & { kind: 'visit'; input: VisitInput })
  | (QueuedCommon & { kind: 'pledge'; input: PledgeInput })

/**
 * Several workers may share a phone: a record goes up only under the login of the worker who made it, and
 * nobody else sees it (it names a household).
 */
export type QueuedItem = QueuedItemDraft & { recordedBy: string }

export type QueueApi = Pick<Api, 'syncVisits' | 'syncPledges'>

export interface QueueDeps {
  api: QueueApi
  storage: OfflineStorage
  timers: Timers
  /** Spreads the retries of many phones apart (core nextRetryDelay); Math.random in the app. */
  random: () => number
  /** The signed-in user, or null. */
  currentUserId: () => string | null
  /** The record's idempotency key (services/uuid in the app). */
  newId?: () => Promise<string>
  now?: () => Date
}

/** What the worker filled in at the door; the queue gives the record its id and its time. */
/** A visit's checklist before the worker has ticked anything. */
export const NOTHING_CHECKED = Object.fromEntries(VISIT_CHECKLIST.map((item) => [item.key, false])) as Record<ChecklistKey, boolean>

export interface VisitDraft {
  householdId: string
  /** Shown in the list of refused records. */
  householdCode: string
  checks: Record<ChecklistKey, boolean>
  note: string
  geo: LatLng | null
}

export const NOT_SIGNED_IN_MESSAGE = '请先登录，再记录走访或承诺书'

/**
 * Everything recorded at a door — visits and pledges — from the moment it is saved until the server has it.
 * Written to storage on every change, so closing the app or losing signal loses nothing.
 */
export class VisitQueueStore {
  items: QueuedItem[] = []
  syncing = false
  /** Why the last upload failed as a whole (network, server down); null after a success. */
  lastError: string | null = null
  /** The last upload never reached the server (no signal): nothing failed, the records simply wait. */
  offline = false
  storageError: string | null = null
  /** Failed uploads in a row: drives the backoff. */
  failures = 0
  /** What a worker checks at every door, in the order the form asks it. */
  readonly checklist = VISIT_CHECKLIST
  private inFlight: Promise<void> | null = null
  private retryTimer: unknown = null

  constructor(private readonly deps: QueueDeps) {
    this.items = readSaved(deps.storage.read(QUEUE_STORAGE_KEY))
    makeAutoObservable<VisitQueueStore, 'deps' | 'inFlight' | 'retryTimer'>(this, {
      deps: false, inFlight: false, retryTimer: false, checklist: false,
    })
  }

  /** The signed-in user's records: the only ones shown, uploaded or removable. */
  get mine(): QueuedItem[] {
    const userId = this.deps.currentUserId()
    return userId ? this.items.filter((i) => i.recordedBy === userId) : []
  }

  get waiting(): QueuedItem[] {
    return this.mine.filter((i) => i.rejection === null)
  }

  get rejected(): QueuedItem[] {
    return this.mine.filter((i) => i.rejection !== null)
  }

  /** Records other workers left on this phone: kept until they sign in again. */
  get heldForOthersCount(): number {
    return this.items.length - this.mine.length
  }

  get pendingCount(): number {
    return this.waiting.length
  }

  get isEmpty(): boolean {
    return this.mine.length === 0
  }

  /** Upload whenever the phone comes back: network restored or app reopened. */
  listen(events: ConnectivityEvents): void {
    const retry = () => {
      if (this.pendingCount > 0) void this.sync()
    }
    events.onReconnect(retry)
    events.onAppShow(retry)
  }

  /** Kept on the phone first, then an upload is tried. False when the phone could not store it (see storageError). */
  add(draft: QueuedItemDraft): boolean {
    const recordedBy = this.deps.currentUserId()
    if (!recordedBy) {
      this.storageError = NOT_SIGNED_IN_MESSAGE
      return false
    }
    this.items.push({ ...draft, recordedBy })
    return this.persist()
  }

  /** A visit recorded now, kept on the phone until the server has it. Resolves to the record's id. */
  async recordVisit(draft: VisitDraft): Promise<string> {
    const id = await (this.deps.newId ?? newUuid)()
    const visitedAt = (this.deps.now?.() ?? new Date()).toISOString()
    const input: VisitInput = { id, householdId: draft.householdId, visitedAt, note: draft.note.trim(), geo: draft.geo, ...draft.checks }
    this.add({ kind: 'visit', input, householdCode: draft.householdCode, rejection: null })
    return id
  }

  /** A record of this kind for this household still waits on the phone: the door should say so. */
  hasWaiting(kind: QueuedItem['kind'], householdId: string): boolean {
    return this.waiting.some((i) => i.kind === kind && i.input.householdId === householdId)
  }

  /** True when the record with this id is no longer waiting on the phone. */
  isUploaded(id: string): boolean {
    return !this.items.some((i) => i.input.id === id)
  }

  /** A refused record only leaves when the user says so: it is someone's work. */
  remove(id: string): void {
    const userId = this.deps.currentUserId()
    this.items = this.items.filter((i) => i.input.id !== id || i.recordedBy !== userId)
    this.persist()
  }

  retryNow(): Promise<void> {
    this.cancelRetry()
    return this.sync()
  }

  /** Calls made while an upload runs join it; records added meanwhile go up in the same run. */
  sync(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.uploadAll().finally(() => {
        this.inFlight = null
      })
    }
    return this.inFlight
  }

  private uploadAll = flow(function* (this: VisitQueueStore) {
    this.syncing = true
    const attempted = new Set<string>()
    try {
      for (;;) {
        const batch = this.waiting.filter((i) => !attempted.has(i.input.id))
        if (batch.length === 0) break
        batch.forEach((i) => attempted.add(i.input.id))
        const ok: boolean = yield this.upload(batch)
        if (!ok) break
      }
    } finally {
      this.syncing = false
    }
  })

  private upload = flow(function* (this: VisitQueueStore, batch: QueuedItem[]) {
    const visits = batch.flatMap((i) => (i.kind === 'visit' ? [i.input] : []))
    const pledges = batch.flatMap((i) => (i.kind === 'pledge' ? [i.input] : []))
    // Not a Submission: nobody tapped for this upload, and a failure's kind (no signal, a retryable status) decides the
    // next attempt's time with backoff, which the loop above and the retry timer own.
    try {
      if (visits.length > 0) this.settle(((yield this.deps.api.syncVisits(visits)) as SyncBatchResult).items)
      if (pledges.length > 0) this.settle(((yield this.deps.api.syncPledges(pledges)) as SyncBatchResult).items)
    } catch (e) {
      this.fail(e)
      return false
    }
    this.failures = 0
    this.lastError = null
    this.offline = false
    this.cancelRetry()
    return true
  })

  private settle(results: SyncItemResult[]): void {
    const byId = new Map(results.map((r) => [r.id, r]))
    this.items = this.items.flatMap((item) => {
      const result = byId.get(item.input.id)
      if (!result) return [item]
      if (result.status !== 'rejected') return []
      const rejection = { code: result.code ?? 'REJECTED', message: result.message ?? REJECTED_FALLBACK_MESSAGE }
      return [{ ...item, rejection }]
    })
    this.persist()
  }

  private fail(error: unknown): void {
    this.failures += 1
    this.lastError = errorMessage(error)
    this.offline = error instanceof ApiError && error.status === 0
    const status = error instanceof ApiError && error.status !== 0 ? error.status : null
    if (isRetryableStatus(status)) this.scheduleRetry(nextRetryDelay(this.failures, this.deps.random()))
  }

  private scheduleRetry(ms: number): void {
    this.cancelRetry()
    this.retryTimer = this.deps.timers.setTimeout(() => {
      this.retryTimer = null
      void this.sync()
    }, ms)
  }

  private cancelRetry(): void {
    if (this.retryTimer === null) return
    this.deps.timers.clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private persist(): boolean {
    try {
      this.deps.storage.write(QUEUE_STORAGE_KEY, toJS(this.items))
      this.storageError = null
      return true
    } catch {
      // A full phone: the visits stay queued in memory only, and the page asks to upload them soon.
      this.storageError = STORAGE_FULL_MESSAGE
      return false
    }
  }
}

function readSaved(saved: unknown): QueuedItem[] {
  if (!Array.isArray(saved)) return []
  return saved.filter((item): item is QueuedItem => (item?.kind === 'visit' || item?.kind === 'pledge')
    && typeof item.input?.id === 'string' && typeof item.recordedBy === 'string')
}
