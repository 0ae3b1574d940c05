import { ApiClient, ApiError, type HttpRequest } from '@/services/api-client'
import { pledgeViewStore } from '@/stores/pledge-view-store'
import type { PledgeSummary } from '@/contract/pledges'
import { PledgeViewStore } from '@/stores/pledge-view-store'
import { FakeApi } from '../support/fake-api'
import { aRootStore, MemoryTokens } from '../support/root'

const aPledge = (overrides: Partial<PledgeSummary> = {}): PledgeSummary => ({
  id: 'p1', householdId: 'h1', signerName: '张*', signerRelation: '本人', signedAt: '2026-11-20T02:00:00.000Z',
  templateVersion: 1, workerName: '王网格', seq: 1, ...overrides,
})

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>反诈承诺书 & 签名</text></svg>'

/** Answers that arrive only when the test says so, to put a late answer after a newer action. */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => { resolve = r })
  return { promise, resolve }
}

describe('PledgeViewStore', () => {
  it('when the pledges arrive oldest first, then the list reads newest first', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.resolve({ items: [
      aPledge({ id: 'old', seq: 3, signedAt: '2025-06-01T02:00:00.000Z' }),
      aPledge({ id: 'new', seq: 9, signedAt: '2026-11-20T02:00:00.000Z' }),
    ] })
    const store = new PledgeViewStore(api)

    await store.load('h1')

    expect(store.state).toBe('ready')
    expect(store.newestFirst.map((p) => p.id)).toEqual(['new', 'old'])
  })

  it('when a pledge is opened, then its image is a data URL that decodes to the server\'s SVG', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.resolve({ items: [aPledge({ id: 'p1' })] })
    const asked: string[] = []
    api.pledgeSvg = (id) => {
      asked.push(id)
      return Promise.resolve(SVG)
    }
    const store = new PledgeViewStore(api)
    await store.load('h1')

    await store.open('p1')

    expect(asked).toEqual(['p1'])
    expect(store.opened?.id).toBe('p1')
    expect(store.sheetState).toBe('ready')
    const prefix = 'data:image/svg+xml;charset=utf-8,'
    expect(store.imageUrl?.startsWith(prefix)).toBe(true)
    expect(decodeURIComponent(store.imageUrl!.slice(prefix.length))).toBe(SVG)
  })

  it('when the list request fails, then the error is kept in Chinese, and loading again recovers', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    const store = new PledgeViewStore(api)

    await store.load('h1')
    expect(store.state).toBe('error')
    expect(store.error).toBe('网络不可用，请检查网络后重试')

    api.householdPledges = () => Promise.resolve({ items: [aPledge()] })
    await store.load('h1')
    expect(store.state).toBe('ready')
    expect(store.error).toBeNull()
    expect(store.pledges).toHaveLength(1)
  })

  it('when the server refuses a rendering, then its JSON error message is shown although text was asked for', async () => {
    const sent: Parameters<HttpRequest>[0][] = []
    const http: HttpRequest = (options) => {
      sent.push(options)
      return Promise.resolve({ statusCode: 403, data: JSON.stringify({ code: 'OUT_OF_SCOPE', message: '该住户不在您负责的网格内' }) })
    }
    const store = new PledgeViewStore(new ApiClient(new MemoryTokens('t'), 'http://api', http))

    await store.open('00000000-0000-4000-8000-000000000001')

    expect(sent[0]).toMatchObject({ url: 'http://api/api/pledges/00000000-0000-4000-8000-000000000001/svg', dataType: 'text' })
    expect(store.sheetState).toBe('error')
    expect(store.sheetError).toBe('该住户不在您负责的网格内')
  })

  it('when a rendering arrives after the worker went back to the list, then it is dropped', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.resolve({ items: [aPledge({ id: 'p1' })] })
    const late = deferred<string>()
    api.pledgeSvg = () => late.promise
    const store = new PledgeViewStore(api)
    await store.load('h1')

    const opening = store.open('p1')
    store.close()
    late.resolve(SVG)
    await opening

    expect(store.opened).toBeNull()
    expect(store.imageUrl).toBeNull()
    expect(store.sheetState).toBe('idle')
  })

  it('when another household is loaded, then the previous household\'s pledges and opened sheet are gone at once', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.resolve({ items: [aPledge({ id: 'p1' })] })
    api.pledgeSvg = () => Promise.resolve(SVG)
    const store = new PledgeViewStore(api)
    await store.load('h1')
    await store.open('p1')
    api.householdPledges = () => new Promise(() => {})

    void store.load('h2')

    expect(store.state).toBe('loading')
    expect(store.pledges).toEqual([])
    expect(store.opened).toBeNull()
    expect(store.imageUrl).toBeNull()
  })

  it('when another user signs in on the phone, then the previous user\'s pledge list and sheet are gone', async () => {
    const api = new FakeApi()
    api.me = () => Promise.resolve({ id: 'worker-1', displayName: '张网格', roles: [] })
    api.householdPledges = () => Promise.resolve({ items: [aPledge({ id: 'p1' })] })
    api.pledgeSvg = () => Promise.resolve(SVG)
    const root = aRootStore(api, new MemoryTokens('t'))
    await root.session.loadMe()
    await root.store(pledgeViewStore).load('h1')
    await root.store(pledgeViewStore).open('p1')

    api.me = () => Promise.resolve({ id: 'worker-2', displayName: '李网格', roles: [] })
    await root.session.loadMe()

    expect(root.store(pledgeViewStore).householdId).toBeNull()
    expect(root.store(pledgeViewStore).pledges).toEqual([])
    expect(root.store(pledgeViewStore).imageUrl).toBeNull()
  })
})
