import type { DoorLabel, LabelSheet } from '@/contract/labels'
import { ApiClient, ApiError, type HttpRequest, type LabelTarget } from '@/services/api-client'
import { LabelStore } from '@/stores/label-store'
import { FakeApi } from '../support/fake-api'
import { MemoryTokens } from '../support/root'

const aLabel = (n: number): DoorLabel => ({
  householdId: `h${n}`, householdCode: `DS-${n}`, gridName: '第1网格', url: `https://x.test/h/t${n}`, qrSvg: '<svg/>',
})
const aSheet = (count: number): LabelSheet => ({
  station: '柏林派出所', hotline: '96110', slogan: '不听不信不转账',
  labels: Array.from({ length: count }, (_, i) => aLabel(i + 1)),
})

function fakeLabels(api: FakeApi, count = 3) {
  const sheetCalls: LabelTarget[] = []
  const issueCalls: { target: LabelTarget; reissue: boolean }[] = []
  api.labelSheet = (target) => {
    sheetCalls.push(target)
    return Promise.resolve(aSheet(count))
  }
  api.issueLabels = (target, reissue) => {
    issueCalls.push({ target, reissue })
    return Promise.resolve({ issued: 0, revoked: count })
  }
  return { sheetCalls, issueCalls }
}

describe('LabelStore', () => {
  it('when a grid is chosen and generated, then its sheet loads and is cut into A4 pages of 10', async () => {
    const api = new FakeApi()
    const { sheetCalls } = fakeLabels(api, 23)
    const store = new LabelStore(api)

    store.chooseGrid('g1', '东胜村第1网格')
    await store.generate()

    expect(sheetCalls).toEqual([{ gridId: 'g1' }])
    expect(store.state).toBe('ready')
    expect(store.pages.map((p) => p.length)).toEqual([10, 10, 3])
    expect(store.targetName).toBe('东胜村第1网格')
  })

  it('when households were picked in the list, then the sheet is asked for exactly those', async () => {
    const api = new FakeApi()
    const { sheetCalls } = fakeLabels(api)
    const store = new LabelStore(api)

    store.chooseHouseholds(['h1', 'h7'])
    await store.generate()

    expect(sheetCalls).toEqual([{ householdIds: ['h1', 'h7'] }])
    expect(store.targetName).toBe('已选 2 户')
  })

  it('when reissue is asked and then cancelled, then nothing is reissued', async () => {
    const api = new FakeApi()
    const { issueCalls } = fakeLabels(api)
    const store = new LabelStore(api)
    store.chooseGrid('g1', '第1网格')

    store.askReissue()
    expect(store.confirmingReissue).toBe(true)
    store.cancelReissue()
    await store.confirmReissue()

    expect(issueCalls).toEqual([])
  })

  it('when reissue is confirmed, then new labels are issued and the sheet reloads with them', async () => {
    const api = new FakeApi()
    const { issueCalls, sheetCalls } = fakeLabels(api)
    const store = new LabelStore(api)
    store.chooseGrid('g1', '第1网格')
    await store.generate()

    store.askReissue()
    await store.confirmReissue()

    expect(issueCalls).toEqual([{ target: { gridId: 'g1' }, reissue: true }])
    expect(sheetCalls).toHaveLength(2)
    expect(store.confirmingReissue).toBe(false)
    expect(store.state).toBe('ready')
  })

  it('when the sheet is refused, then the error state shows the server message', async () => {
    const api = new FakeApi()
    api.labelSheet = () => Promise.reject(new ApiError('OUT_OF_SCOPE', '该数据不在您负责的辖区内', 403))
    const store = new LabelStore(api)
    store.chooseGrid('g9', '别的网格')

    await store.generate()

    expect(store.state).toBe('error')
    expect(store.error).toBe('该数据不在您负责的辖区内')
  })
})

describe('ApiClient labels', () => {
  const answering = (data: unknown) =>
    jest.fn<ReturnType<HttpRequest>, Parameters<HttpRequest>>(() => Promise.resolve({ statusCode: 200, data }))

  it('when asking for picked households, then their ids go comma-separated into the query', async () => {
    const http = answering(aSheet(0))
    await new ApiClient(new MemoryTokens(), '', http).labelSheet({ householdIds: ['a', 'b'] })

    expect(http.mock.calls[0][0].url).toBe('/api/labels/sheet?householdIds=a%2Cb')
  })

  it('when reissuing a grid, then the body names the grid and asks for a reissue', async () => {
    const http = answering({})
    await new ApiClient(new MemoryTokens(), '', http).issueLabels({ gridId: 'g1' }, true)

    expect(http.mock.calls[0][0]).toMatchObject({ url: '/api/labels/issue', method: 'POST', data: { gridId: 'g1', reissue: true } })
  })
})
