import type { BulletinDetail, BulletinListItem } from '@/contract/bulletins'
import type { OpenInput, ShareInput } from '@/contract/shares'
import { ApiError } from '@/services/api-client'
import type { ShareLaunch } from '@/services/share-launch'
import { BulletinStore } from '@/stores/bulletin-store'
import { FakeApi } from '../support/fake-api'

const aDetail = (overrides: Partial<BulletinDetail> = {}): BulletinDetail => ({
  id: 'b1', regionId: 't1', bulletinDate: '2026-11-28', title: '11月28日警情通报', advice: '不听不信不转账',
  cases: [{ fraudType: 'rebate_task', victimProfile: '某村 62岁 女性', lossYuan: 12300, method: '刷单', warning: '刷单都是诈骗' }],
  status: 'published', regionName: '柏林镇', stationName: '柏林派出所', version: 1, publishedAt: '2026-11-29T00:00:00Z',
  retractedAt: null, totalLossYuan: 12300, posterUrl: '/api/public/bulletins/b1/poster.png', ...overrides,
})
const anItem = (n: number): BulletinListItem => ({
  id: `b${n}`, bulletinDate: '2026-11-28', title: `通报${n}`, caseCount: 1, totalLossYuan: 0, publishedAt: '2026-11-29T00:00:00Z', version: 1,
})
const aLaunch = (overrides: Partial<ShareLaunch> = {}): ShareLaunch => ({ shareId: null, scene: null, shareTicket: null, ...overrides })

function aStore(api: FakeApi, { signedIn = false, group = null as { encryptedData: string; iv: string } | null } = {}) {
  const ticketsAsked: (string | null)[] = []
  const store = new BulletinStore({
    api,
    readerKey: () => Promise.resolve('d:11111111-1111-4111-8111-111111111111'),
    groupInfo: (ticket) => {
      ticketsAsked.push(ticket)
      return Promise.resolve(group)
    },
    isSignedIn: () => signedIn,
  })
  return { store, ticketsAsked }
}

function recording(api: FakeApi) {
  const opens: OpenInput[] = []
  const shares: { id: string; input: ShareInput }[] = []
  api.recordOpen = (input) => {
    opens.push(input)
    return Promise.resolve({ counted: true, group: null })
  }
  api.createShare = (id, input) => {
    shares.push({ id, input })
    return Promise.resolve({ id: 'CHILD00001', tier: 2, path: `/pages/bulletin/index?id=${id}&share=CHILD00001` })
  }
  return { opens, shares }
}

describe('BulletinStore', () => {
  it('when a bulletin is opened from a shared link, then the reader shares their own child share and its link', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    recording(api)
    const { store } = aStore(api)

    await store.open({ id: 'b1', share: 'PARENT0001' })

    expect(store.sharePath).toBe('/pages/bulletin/index?id=b1&share=CHILD00001')
    expect(store.shareLink({ origin: 'https://fz.example.cn', pathname: '/', hash: '#/pages/bulletin/index?id=b1' }))
      .toBe('https://fz.example.cn/#/pages/bulletin/index?id=b1&share=CHILD00001')
  })

  it('when the share could not be made, then WeChat shares the plain bulletin page and H5 offers no link', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    api.createShare = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    api.recordOpen = () => Promise.resolve({ counted: true, group: null })
    const { store } = aStore(api)

    await store.open({ id: 'b1' })

    expect(store.sharePath).toBe('/pages/bulletin/index?id=b1')
    expect(store.shareLink({ origin: 'https://fz.example.cn', pathname: '/', hash: '#/' })).toBeNull()
  })

  it('when a bulletin opened from a shared link loads, then one open is recorded with the share id and scene, and a child share is ready', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    const { opens, shares } = recording(api)
    const { store } = aStore(api)

    await store.view('b1', aLaunch({ shareId: 'PARENT0001', scene: 1007 }))

    expect(store.detail?.title).toBe('11月28日警情通报')
    expect(opens).toEqual([{
      bulletinId: 'b1', shareId: 'PARENT0001', readerKey: 'd:11111111-1111-4111-8111-111111111111', scene: 1007, group: null,
    }])
    expect(shares).toEqual([{ id: 'b1', input: { parentShareId: 'PARENT0001', readerKey: 'd:11111111-1111-4111-8111-111111111111' } }])
    expect(store.share?.path).toBe('/pages/bulletin/index?id=b1&share=CHILD00001')
  })

  it('when a signed-in reader opens a group card, then the encrypted group info goes with the open', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    const { opens } = recording(api)
    const { store, ticketsAsked } = aStore(api, { signedIn: true, group: { encryptedData: 'enc', iv: 'iv' } })

    await store.view('b1', aLaunch({ shareTicket: 'ticket-1', scene: 1044 }))

    expect(ticketsAsked).toEqual(['ticket-1'])
    expect(opens[0].group).toEqual({ encryptedData: 'enc', iv: 'iv' })
  })

  it('when the reader is not signed in, then no group info is asked for, since the server could not decrypt it', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    const { opens } = recording(api)
    const { store, ticketsAsked } = aStore(api, { signedIn: false, group: { encryptedData: 'enc', iv: 'iv' } })

    await store.view('b1', aLaunch({ shareTicket: 'ticket-1' }))

    expect(ticketsAsked).toEqual([])
    expect(opens[0].group).toBeNull()
  })

  it('when the reader moves on to another bulletin before the first one\'s share is made, then only the second\'s share is offered', async () => {
    const api = new FakeApi()
    api.publicBulletin = (id) => Promise.resolve(aDetail({ id }))
    recording(api)
    const made: Record<string, () => void> = {}
    api.createShare = (id) => new Promise((resolve) => {
      made[id] = () => resolve({ id: `SHARE-${id}`, tier: 1, path: `/pages/bulletin/index?id=${id}&share=SHARE-${id}` })
    })
    const { store } = aStore(api)

    const first = store.view('b1', aLaunch())
    await new Promise((resolve) => setTimeout(resolve, 0))
    const second = store.view('b2', aLaunch())
    await new Promise((resolve) => setTimeout(resolve, 0))
    made.b2()
    await second
    made.b1()
    await first

    expect(store.sharePath).toBe('/pages/bulletin/index?id=b2&share=SHARE-b2')
  })

  it('when recording the open and creating the share both fail, then the bulletin still reads normally', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    api.recordOpen = () => Promise.reject(new ApiError('SHARE_NOT_FOUND', '分享链接无效，已按直接打开计算', 400))
    api.createShare = () => Promise.reject(new ApiError('NETWORK', '网络不可用', 0))
    const { store } = aStore(api)

    await store.view('b1', aLaunch())

    expect(store.state).toBe('ready')
    expect(store.problem).toBeNull()
    expect(store.share).toBeNull()
  })

  it('when the bulletin was retracted (410), then the problem says retracted and no open is recorded', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.reject(new ApiError('BULLETIN_RETRACTED', '该通报已撤回', 410))
    const { opens } = recording(api)
    const { store } = aStore(api)

    await store.view('b1', aLaunch())

    expect(store.problem).toEqual({ kind: 'retracted', message: '该通报已撤回' })
    expect(opens).toEqual([])
  })

  it('when the bulletin is unknown (404), then the problem says not found', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.reject(new ApiError('BULLETIN_NOT_FOUND', '找不到该通报，可能尚未发布', 404))
    const { store } = aStore(api)

    await store.view('nope', aLaunch())

    expect(store.problem?.kind).toBe('not_found')
  })

  it('when loading failed and 重试 is tapped, then the same bulletin loads and its open is recorded once', async () => {
    const api = new FakeApi()
    let fail = true
    api.publicBulletin = () => (fail ? Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)) : Promise.resolve(aDetail()))
    const { opens } = recording(api)
    const { store } = aStore(api)
    await store.view('b1', aLaunch({ shareId: 'PARENT0001' }))
    expect(store.problem?.kind).toBe('failed')

    fail = false
    await store.retry()

    expect(store.state).toBe('ready')
    expect(opens.map((o) => o.shareId)).toEqual(['PARENT0001'])
  })

  it('when the detail has loaded, then the poster URL is the absolute address of its PNG', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    recording(api)
    const { store } = aStore(api)

    await store.view('b1', aLaunch())

    expect(store.posterUrl).toBe('https://api.test/api/public/bulletins/b1/poster.png')
  })

  it('when the list has more than a page, then load more appends the next page', async () => {
    const api = new FakeApi()
    const asked: number[] = []
    api.publicBulletins = (page) => {
      asked.push(page)
      return Promise.resolve({ items: [anItem(page)], total: 2 })
    }
    const { store } = aStore(api)

    await store.loadList()
    await store.loadMoreList()

    expect(store.list.items.map((b) => b.title)).toEqual(['通报1', '通报2'])
    expect(asked).toEqual([1, 2])
  })
})
