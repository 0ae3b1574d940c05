import type { PledgeInput } from '@/contract/pledges'
import type { SyncBatchResult, SyncItemResult } from '@/contract/common'
import type { VisitInput } from '@/contract/visits'
import { nextRetryDelay } from '@/core/sync-backoff'
import { ApiError } from '@/services/api-client'
import type { Timers } from '@/services/network'
import type { OfflineStorage } from '@/services/offline-storage'
import {
  NOT_SIGNED_IN_MESSAGE, QUEUE_STORAGE_KEY, STORAGE_FULL_MESSAGE, VisitQueueStore, type QueueApi, type QueuedItemDraft,
} from '@/stores/visit-queue-store'

class MemoryStorage implements OfflineStorage {
  values = new Map<string, unknown>()
  writes = 0
  full = false
  read(key: string) { return this.values.has(key) ? JSON.parse(JSON.stringify(this.values.get(key))) : null }
  write(key: string, value: unknown) {
    if (this.full) throw new Error('setStorageSync:fail exceed storage max size')
    this.writes++
    this.values.set(key, value)
  }
}

class ManualTimers implements Timers {
  scheduled: { callback: () => void; ms: number }[] = []
  cleared = 0
  setTimeout(callback: () => void, ms: number) {
    this.scheduled.push({ callback, ms })
    return this.scheduled.length
  }
  clearTimeout() { this.cleared++ }
}

class FakeQueueApi implements QueueApi {
  visitBatches: VisitInput[][] = []
  pledgeBatches: PledgeInput[][] = []
  answer: (id: string) => SyncItemResult = (id) => ({ id, status: 'stored' })
  failWith: Error | null = null
  /** When set, uploads wait until the test calls release(). */
  gate: Promise<void> | null = null
  private open: () => void = () => {}

  hold() { this.gate = new Promise((resolve) => { this.open = resolve }) }
  release() { this.open(); this.gate = null }

  syncVisits = async (visits: VisitInput[]): Promise<SyncBatchResult> => {
    this.visitBatches.push(visits)
    return this.respond(visits.map((v) => v.id))
  }

  syncPledges = async (pledges: PledgeInput[]): Promise<SyncBatchResult> => {
    this.pledgeBatches.push(pledges)
    return this.respond(pledges.map((p) => p.id))
  }

  private async respond(ids: string[]): Promise<SyncBatchResult> {
    if (this.gate) await this.gate
    if (this.failWith) throw this.failWith
    return { items: ids.map((id) => this.answer(id)) }
  }
}

let serial = 0
const aVisit = (overrides: Partial<VisitInput> = {}): QueuedItemDraft => ({
  kind: 'visit',
  householdCode: 'DS-001',
  rejection: null,
  input: {
    id: `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`,
    householdId: 'h1', visitedAt: '2026-11-24T01:00:00.000Z', note: '',
    briefed: true, appInstalled: false, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false,
    ...overrides,
  },
})
const aPledge = (): QueuedItemDraft => ({
  kind: 'pledge',
  householdCode: 'DS-002',
  rejection: null,
  input: {
    id: `00000000-0000-4000-9000-${String(++serial).padStart(12, '0')}`,
    householdId: 'h2', templateVersion: 1, templateSha256: 'a'.repeat(64), signerName: '张三', signerRelation: '本人',
    strokes: '1:AAgB', signedAt: '2026-11-24T01:00:00.000Z',
  },
})

const WORKER = 'worker-1'

function aQueue(options: { api?: FakeQueueApi; storage?: MemoryStorage; timers?: ManualTimers; user?: { id: string | null } } = {}) {
  const api = options.api ?? new FakeQueueApi()
  const storage = options.storage ?? new MemoryStorage()
  const timers = options.timers ?? new ManualTimers()
  const user = options.user ?? { id: WORKER }
  const queue = new VisitQueueStore({ api, storage, timers, random: () => 0.5, currentUserId: () => user.id })
  return { queue, api, storage, timers, user }
}

const networkDown = () => new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)

describe('VisitQueueStore', () => {
  it('when a worker records a visit, then it is queued with a fresh id, the time it was saved and the note trimmed', async () => {
    const storage = new MemoryStorage()
    const queue = new VisitQueueStore({
      api: new FakeQueueApi(), storage, timers: new ManualTimers(), random: () => 0.5, currentUserId: () => WORKER,
      newId: () => Promise.resolve('00000000-0000-4000-8000-00000000abcd'), now: () => new Date('2026-11-24T02:30:00.000Z'),
    })
    const checks = { briefed: true, appInstalled: true, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false }

    const id = await queue.recordVisit({ householdId: 'h1', householdCode: 'DS-001', checks, note: '  独居，子女在外地 ', geo: null })

    expect(id).toBe('00000000-0000-4000-8000-00000000abcd')
    expect(queue.waiting).toEqual([{
      kind: 'visit', householdCode: 'DS-001', rejection: null, recordedBy: WORKER,
      input: { id, householdId: 'h1', visitedAt: '2026-11-24T02:30:00.000Z', note: '独居，子女在外地', geo: null, ...checks },
    }])
  })

  it('when a visit is added, then it is written to storage before any upload', () => {
    const { queue, storage } = aQueue()
    const visit = aVisit()

    queue.add(visit)

    expect(storage.values.get(QUEUE_STORAGE_KEY)).toEqual([{ ...visit, recordedBy: WORKER }])
    expect(queue.pendingCount).toBe(1)
  })

  it('when the app starts again, then the records kept in storage are back in the queue', () => {
    const storage = new MemoryStorage()
    const visit = aVisit()
    const pledge = aPledge()
    aQueue({ storage }).queue.add(visit)
    aQueue({ storage }).queue.add(pledge)

    const { queue } = aQueue({ storage })

    expect(queue.items.map((i) => i.input.id)).toEqual([visit.input.id, pledge.input.id])
  })

  it('when storage holds something that is not a queue, then the queue starts empty', () => {
    const storage = new MemoryStorage()
    storage.values.set(QUEUE_STORAGE_KEY, [{ kind: 'photo' }, 'junk'])

    expect(aQueue({ storage }).queue.isEmpty).toBe(true)
  })

  it('when the server stores one visit and already had another, then both leave the queue and storage', async () => {
    const { queue, api, storage } = aQueue()
    const stored = aVisit()
    const duplicate = aVisit()
    queue.add(stored)
    queue.add(duplicate)
    api.answer = (id) => ({ id, status: id === duplicate.input.id ? 'duplicate' : 'stored' })

    await queue.sync()

    expect(queue.isEmpty).toBe(true)
    expect(storage.values.get(QUEUE_STORAGE_KEY)).toEqual([])
  })

  it('when the server rejects a visit, then it stays with the server message and is not sent again', async () => {
    const { queue, api, storage } = aQueue()
    const good = aVisit()
    const bad = aVisit({ householdId: 'elsewhere' })
    queue.add(good)
    queue.add(bad)
    api.answer = (id) => (id === bad.input.id
      ? { id, status: 'rejected', code: 'VISIT_OUT_OF_SCOPE', message: '该住户不在您负责的网格内' }
      : { id, status: 'stored' })

    await queue.sync()
    await queue.sync()

    expect(queue.pendingCount).toBe(0)
    expect(queue.rejected.map((i) => [i.input.id, i.rejection?.message])).toEqual([[bad.input.id, '该住户不在您负责的网格内']])
    expect(storage.read(QUEUE_STORAGE_KEY)).toHaveLength(1)
    expect(api.visitBatches).toHaveLength(1)
  })

  it('when the user removes a rejected record, then it is gone from the queue and from storage', async () => {
    const { queue, api, storage } = aQueue()
    const bad = aVisit()
    queue.add(bad)
    api.answer = (id) => ({ id, status: 'rejected', code: 'VISIT_TOO_OLD', message: '走访时间已超过 30 天，不能再补录' })
    await queue.sync()

    queue.remove(bad.input.id)

    expect(queue.isEmpty).toBe(true)
    expect(storage.values.get(QUEUE_STORAGE_KEY)).toEqual([])
  })

  it('when the network is down, then every record stays and a retry is scheduled with the core backoff', async () => {
    const { queue, api, timers } = aQueue()
    queue.add(aVisit())
    queue.add(aPledge())
    api.failWith = networkDown()

    await queue.sync()

    expect(queue.pendingCount).toBe(2)
    expect(queue.lastError).toBe('网络不可用，请检查网络后重试')
    expect(timers.scheduled.map((t) => t.ms)).toEqual([nextRetryDelay(1, 0.5)])
  })

  it('when uploads keep failing, then each retry waits longer', async () => {
    const { queue, api, timers } = aQueue()
    queue.add(aVisit())
    api.failWith = networkDown()

    await queue.sync()
    timers.scheduled[0].callback()
    await queue.sync()

    expect(timers.scheduled.map((t) => t.ms)).toEqual([nextRetryDelay(1, 0.5), nextRetryDelay(2, 0.5)])
    expect(timers.scheduled[1].ms).toBeGreaterThan(timers.scheduled[0].ms)
  })

  it('when the scheduled retry runs after the network is back, then the records go up', async () => {
    const { queue, api, timers } = aQueue()
    queue.add(aVisit())
    api.failWith = networkDown()
    await queue.sync()
    api.failWith = null

    timers.scheduled[0].callback()
    await queue.sync()

    expect(queue.isEmpty).toBe(true)
    expect(queue.lastError).toBeNull()
  })

  it('when the server refuses the whole batch as invalid, then everything is kept and no timer retries it', async () => {
    const { queue, api, timers } = aQueue()
    queue.add(aVisit())
    api.failWith = new ApiError('VALIDATION', '请求参数不正确', 400)

    await queue.sync()

    expect(queue.pendingCount).toBe(1)
    expect(queue.lastError).toBe('请求参数不正确')
    expect(timers.scheduled).toEqual([])
  })

  it('when sync is called again during an upload, then each record is sent once', async () => {
    const { queue, api } = aQueue()
    queue.add(aVisit())
    api.hold()

    const first = queue.sync()
    const second = queue.sync()
    api.release()
    await Promise.all([first, second])

    expect(api.visitBatches).toHaveLength(1)
    expect(queue.isEmpty).toBe(true)
  })

  it('when a visit is added during an upload, then it goes up in the same run', async () => {
    const { queue, api } = aQueue()
    queue.add(aVisit())
    api.hold()
    const running = queue.sync()
    const late = aVisit()

    queue.add(late)
    void queue.sync()
    api.release()
    await running

    expect(api.visitBatches.map((b) => b.length)).toEqual([1, 1])
    expect(queue.isEmpty).toBe(true)
  })

  it('when visits and pledges wait together, then each goes to its own batch endpoint', async () => {
    const { queue, api } = aQueue()
    const visit = aVisit()
    const pledge = aPledge()
    queue.add(visit)
    queue.add(pledge)

    await queue.sync()

    expect(api.visitBatches).toEqual([[visit.input]])
    expect(api.pledgeBatches).toEqual([[pledge.input]])
  })

  it('when the phone storage is full, then the record is still queued and the user is told', () => {
    const storage = new MemoryStorage()
    storage.full = true
    const { queue } = aQueue({ storage })

    const kept = queue.add(aVisit())

    expect(kept).toBe(false)
    expect(queue.pendingCount).toBe(1)
    expect(queue.storageError).toBe(STORAGE_FULL_MESSAGE)
  })

  it('when an upload runs, then syncing is true until it ends', async () => {
    const { queue, api } = aQueue()
    queue.add(aVisit())
    api.hold()

    const running = queue.sync()
    const during = queue.syncing
    api.release()
    await running

    expect([during, queue.syncing]).toEqual([true, false])
  })

  it('when another worker signs in on the same phone, then the first worker\'s records are neither shown nor uploaded under the new login', async () => {
    const user = { id: WORKER as string | null }
    const { queue, api } = aQueue({ user })
    queue.add(aVisit())
    user.id = 'worker-2'

    await queue.sync()

    expect(api.visitBatches).toEqual([])
    expect(queue.pendingCount).toBe(0)
    expect(queue.heldForOthersCount).toBe(1)
    user.id = WORKER
    await queue.sync()
    expect(api.visitBatches).toHaveLength(1)
    expect(queue.heldForOthersCount).toBe(0)
  })

  it('when nobody is signed in, then a record is refused with a message instead of being kept without an owner', () => {
    const { queue, storage } = aQueue({ user: { id: null } })

    expect(queue.add(aVisit())).toBe(false)

    expect(queue.storageError).toBe(NOT_SIGNED_IN_MESSAGE)
    expect(storage.values.get(QUEUE_STORAGE_KEY)).toBeUndefined()
  })
})
