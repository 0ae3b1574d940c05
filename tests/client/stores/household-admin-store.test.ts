import type { HouseholdDetail, HouseholdInput, HouseholdSearch, HouseholdSummary } from '@/contract/households'
import { ApiClient, ApiError, type HttpRequest } from '@/services/api-client'
import { HouseholdAdminStore } from '@/stores/household-admin-store'
import { FakeApi } from '../support/fake-api'
import { MemoryTokens } from '../support/root'

const aHousehold = (overrides: Partial<HouseholdSummary> = {}): HouseholdSummary => ({
  id: 'h1', code: 'DS-001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组3号',
  headName: '张*华', phoneMasked: '138****1234', tags: ['独居老人'], memberCount: 1, ...overrides,
})
const aDetail = (overrides: Partial<HouseholdDetail> = {}): HouseholdDetail => ({
  ...aHousehold(), labelVersion: 1, firstVisitAt: null, lastVisitAt: null, pledgedAt: null,
  appInstalled: false, callWarningOn: false, geo: null, ...overrides,
})

function fakeHouseholds(api: FakeApi) {
  const queries: HouseholdSearch[] = []
  api.households = (query) => {
    queries.push(query)
    return Promise.resolve({ items: [aHousehold()], total: 1 })
  }
  return queries
}

describe('HouseholdAdminStore', () => {
  it('when filters are chosen, then the query carries them beside the region and search text', async () => {
    const api = new FakeApi()
    const queries = fakeHouseholds(api)
    const store = new HouseholdAdminStore(api)
    await store.selectRegion('v1')

    store.setQuery(' 张 ')
    await store.setFilter('tag', '独居老人')
    await store.setFilter('visited', 'no')
    await store.setFilter('pledged', 'yes')

    expect(queries.at(-1)).toEqual({ regionId: 'v1', q: '张', page: 1, pageSize: 20, tag: '独居老人', visited: 'no', pledged: 'yes' })
  })

  it('when a filter is set back to 不限, then it leaves the query', async () => {
    const api = new FakeApi()
    const queries = fakeHouseholds(api)
    const store = new HouseholdAdminStore(api)
    await store.selectRegion('v1')
    await store.setFilter('visited', 'yes')

    await store.setFilter('visited', undefined)

    expect(queries.at(-1)).toEqual({ regionId: 'v1', q: '', page: 1, pageSize: 20 })
  })

  it('when the server refuses a save, then the form stays open with everything typed and the message shown', async () => {
    const api = new FakeApi()
    fakeHouseholds(api)
    api.createHousehold = () => Promise.reject(new ApiError('HOUSEHOLD_ADDRESS_TAKEN', '该网格已有此地址的住户', 409))
    const store = new HouseholdAdminStore(api)
    store.startAdd('g1')
    store.updateDraft({ address: '东胜村1组3号', headName: '张三华', phone: '13812345678', memberCount: '3' })
    store.toggleDraftTag('一老一小')

    await store.save()

    expect(store.formError).toBe('该网格已有此地址的住户')
    expect(store.draft).toEqual({ regionId: 'g1', address: '东胜村1组3号', headName: '张三华', phone: '13812345678', tags: ['一老一小'], memberCount: '3' })
    expect(store.saving).toBe(false)
  })

  it('when the form breaks a household rule, then the Chinese message shows and nothing is sent', async () => {
    const api = new FakeApi()
    const sent: HouseholdInput[] = []
    api.createHousehold = (input) => {
      sent.push(input)
      return Promise.resolve(aDetail())
    }
    const store = new HouseholdAdminStore(api)
    store.startAdd('g1')
    store.updateDraft({ address: '东胜村1组3号', headName: '张三华', phone: '12345' })

    await store.save()

    expect(store.formError).toBe('联系电话应为 11 位手机号码')
    expect(sent).toEqual([])
  })

  it('when a new household is saved, then the trimmed input is sent, the form closes and the list reloads', async () => {
    const api = new FakeApi()
    const queries = fakeHouseholds(api)
    const sent: HouseholdInput[] = []
    api.createHousehold = (input) => {
      sent.push(input)
      return Promise.resolve(aDetail())
    }
    const store = new HouseholdAdminStore(api)
    await store.selectRegion('g1')
    store.startAdd('g1')
    store.updateDraft({ address: ' 东胜村1组5号 ', headName: '李四', memberCount: '2' })

    await store.save()

    expect(sent).toEqual([{ regionId: 'g1', address: '东胜村1组5号', headName: '李四', tags: [], memberCount: 2 }])
    expect(store.draft).toBeNull()
    expect(queries).toHaveLength(2)
  })

  it('when editing, then the masked name is not put back into the form to be saved over the real one', async () => {
    const api = new FakeApi()
    api.household = () => Promise.resolve(aDetail({ headName: '张*华', tags: ['独居老人'], memberCount: 1 }))
    const store = new HouseholdAdminStore(api)

    await store.startEdit('h1')

    expect(store.editingId).toBe('h1')
    expect(store.maskedHeadName).toBe('张*华')
    expect(store.draft).toMatchObject({ headName: '', phone: '', tags: ['独居老人'], memberCount: '1' })
  })

  it('when 编辑 is tapped on two households in a row, then the form opens on the second whichever answer comes back first', async () => {
    const api = new FakeApi()
    const answers: Record<string, (detail: HouseholdDetail) => void> = {}
    api.household = (id) => new Promise((resolve) => { answers[id] = resolve })
    const store = new HouseholdAdminStore(api)

    const first = store.startEdit('h1')
    const second = store.startEdit('h2')
    answers.h2(aDetail({ id: 'h2', address: '东胜村2组8号' }))
    await second
    answers.h1(aDetail({ id: 'h1', address: '东胜村1组3号' }))
    await first

    expect(store.editingId).toBe('h2')
    expect(store.draft?.address).toBe('东胜村2组8号')
  })

  it('when a household cannot be opened for editing, then the reason shows above the list and no form opens', async () => {
    const api = new FakeApi()
    api.household = () => Promise.reject(new ApiError('NOT_FOUND', '住户不存在', 404))
    const store = new HouseholdAdminStore(api)

    await store.startEdit('h1')

    expect(store.error).toBe('住户不存在')
    expect(store.draft).toBeNull()
  })

  it('when the full number is asked for, then it is fetched only after the recorded view is confirmed', async () => {
    const api = new FakeApi()
    const revealed: string[] = []
    api.revealPhone = (id) => {
      revealed.push(id)
      return Promise.resolve({ phone: '13812341234' })
    }
    const store = new HouseholdAdminStore(api)

    store.askReveal('h1')
    expect(store.revealAskedFor).toBe('h1')
    expect(revealed).toEqual([])
    await store.confirmReveal()

    expect(revealed).toEqual(['h1'])
    expect(store.revealedPhones.get('h1')).toBe('13812341234')
    expect(store.revealAskedFor).toBeNull()
  })

  it('when the reveal is cancelled, then the endpoint is never called', async () => {
    const api = new FakeApi()
    const revealed: string[] = []
    api.revealPhone = (id) => {
      revealed.push(id)
      return Promise.resolve({ phone: '13812341234' })
    }
    const store = new HouseholdAdminStore(api)

    store.askReveal('h1')
    store.cancelReveal()
    await store.confirmReveal()

    expect(revealed).toEqual([])
  })

  it('when households are ticked for labels, then ticking again unticks them', () => {
    const store = new HouseholdAdminStore(new FakeApi())

    store.toggleSelected('h1')
    store.toggleSelected('h2')
    store.toggleSelected('h1')

    expect([...store.selectedIds]).toEqual(['h2'])
  })
})

describe('ApiClient households for cadres', () => {
  it('when filters are set, then they go into the query string', async () => {
    const http = jest.fn<ReturnType<HttpRequest>, Parameters<HttpRequest>>(() => Promise.resolve({ statusCode: 200, data: { items: [], total: 0 } }))
    await new ApiClient(new MemoryTokens(), '', http).households({ regionId: 'v1', q: '', page: 1, pageSize: 20, tag: '独居老人', visited: 'no' })

    expect(http.mock.calls[0][0].url).toBe(`/api/households?regionId=v1&q=&page=1&pageSize=20&tag=${encodeURIComponent('独居老人')}&visited=no`)
  })

  it('when revealing a phone, then it is a POST to the household\'s phone endpoint', async () => {
    const http = jest.fn<ReturnType<HttpRequest>, Parameters<HttpRequest>>(() => Promise.resolve({ statusCode: 200, data: { phone: '13812341234' } }))
    const result = await new ApiClient(new MemoryTokens(), '', http).revealPhone('h1')

    expect(http.mock.calls[0][0]).toMatchObject({ url: '/api/households/h1/phone', method: 'POST' })
    expect(result.phone).toBe('13812341234')
  })
})
