import type { WarningInput, WarningQuery } from '@/contract/warnings'
import { ApiError } from '@/services/api-client'
import { WarningAdminStore } from '@/stores/warning-admin-store'
import { WarningFormStore } from '@/stores/warning-form-store'
import { WarningImportStore } from '@/stores/warning-import-store'
import { FakeApi } from '../support/fake-api'
import { aWarningItem } from '../support/warning-factories'

const compliance = { received: 0, contactedInTime: 0, contactedLate: 0, overdueNow: 0, byRisk: [] }

describe('WarningAdminStore', () => {
  it('when only overdue high-risk warnings are asked for, then the query carries both filters for the region', async () => {
    const api = new FakeApi()
    const queries: WarningQuery[] = []
    api.warnings = (q) => {
      queries.push(q)
      return Promise.resolve({ items: [], total: 0 })
    }
    api.warningCompliance = () => Promise.resolve(compliance)
    const store = new WarningAdminStore(api)
    await store.selectRegion('t1')

    await store.setFilters({ risk: 'high' })
    await store.setFilters({ overdueOnly: true })

    expect(queries.at(-1)).toEqual({ regionId: 't1', state: undefined, risk: 'high', overdue: true, page: 1, pageSize: 20 })
  })

  it('when a warning is handed to another dissuader, then the list reloads and the panel closes', async () => {
    const api = new FakeApi()
    const reassigned: [string, string][] = []
    let listLoads = 0
    api.warnings = () => {
      listLoads++
      return Promise.resolve({ items: [aWarningItem()], total: 1 })
    }
    api.warningCompliance = () => Promise.resolve(compliance)
    api.dissuaders = () => Promise.resolve([{ id: 'd2', name: '王劝阻', regionName: '东胜村', openWarnings: 1 }])
    api.reassignWarning = (id, assigneeId) => {
      reassigned.push([id, assigneeId])
      return Promise.resolve({ ...aWarningItem(), householdId: null, events: [], canRevealPhone: false, allowedSteps: [] })
    }
    const store = new WarningAdminStore(api)
    await store.selectRegion('t1')

    await store.startReassign(store.list.items[0])
    await store.reassign('d2')

    expect(reassigned).toEqual([['w1', 'd2']])
    expect(store.reassigning).toBeNull()
    expect(listLoads).toBe(2)
  })

  it('when 改派 is opened on a warning of another village before the first list of dissuaders arrived, then only the second village\'s dissuaders are offered', async () => {
    const api = new FakeApi()
    const answers: Record<string, (dissuaders: { id: string; name: string; regionName: string; openWarnings: number }[]) => void> = {}
    api.dissuaders = (regionId) => new Promise((resolve) => { answers[regionId] = resolve })
    const store = new WarningAdminStore(api)

    const first = store.startReassign(aWarningItem({ id: 'w1', regionId: 'v1' }))
    const second = store.startReassign(aWarningItem({ id: 'w2', regionId: 'v2' }))
    answers.v2([{ id: 'd-v2', name: '陈劝阻', regionName: '石坝村', openWarnings: 0 }])
    await second
    answers.v1([{ id: 'd-v1', name: '王劝阻', regionName: '东胜村', openWarnings: 2 }])
    await first

    expect(store.reassigning?.id).toBe('w2')
    expect(store.dissuaders.map((d) => d.id)).toEqual(['d-v2'])
  })
})

describe('WarningFormStore', () => {
  const now = new Date(2026, 10, 29, 9, 30)

  it('when a new warning is started, then the received time is now', () => {
    const store = new WarningFormStore({ api: new FakeApi(), now: () => now })
    store.startNew()

    expect(store.draft?.receivedAt).toBe('2026-11-29 09:30')
    expect(store.draft?.assigneeId).toBeNull()
  })

  it('when another region is picked, then a dissuader picked by hand falls back to 自动分配', async () => {
    const api = new FakeApi()
    api.dissuaders = (regionId) => Promise.resolve([{ id: `d-${regionId}`, name: '陈劝阻', regionName: '东胜村', openWarnings: 0 }])
    const store = new WarningFormStore({ api, now: () => now })
    store.startNew()
    await store.pickRegion('v1', '东胜村')
    store.edit({ assigneeId: 'd-v1' })

    await store.pickRegion('v2', '石坝村')

    expect(store.draft?.assigneeId).toBeNull()
    expect(store.dissuaders.map((d) => d.id)).toEqual(['d-v2'])
  })

  it('when saved, then the input carries the region, trimmed text, the amount as a number and the time as ISO', async () => {
    const api = new FakeApi()
    const created: WarningInput[] = []
    api.dissuaders = () => Promise.resolve([])
    api.createWarning = (input) => {
      created.push(input)
      return Promise.reject(new ApiError('WARNING_INVALID', '预警信息不符合要求', 400))
    }
    const store = new WarningFormStore({ api, now: () => now })
    store.startNew()
    await store.pickRegion('v1', '东胜村')
    store.edit({ residentName: ' 刘某某 ', phone: '13812341234', amountAtRisk: '200000' })

    const saved = await store.save()

    expect(created[0]).toMatchObject({
      regionId: 'v1', residentName: '刘某某', amountAtRisk: 200000, householdCode: null, assigneeId: null, receivedAt: now.toISOString(),
    })
    expect(saved).toBeNull()
    expect(store.formError).toBe('预警信息不符合要求')
    expect(store.draft?.residentName).toBe(' 刘某某 ')
  })

  it('when no region is picked, then nothing goes up and the form says so', async () => {
    const api = new FakeApi()
    const store = new WarningFormStore({ api, now: () => now })
    store.startNew()

    expect(await store.save()).toBeNull()
    expect(store.formError).toBe('请选择预警对象所在的区域')
  })
})

describe('WarningImportStore', () => {
  it('when rows are refused, then every row error is kept and nothing counts as imported', async () => {
    const api = new FakeApi()
    api.importWarnings = () => Promise.resolve({ imported: 0, errors: [{ row: 3, message: '电话号码格式不正确' }] })
    const store = new WarningImportStore(api)

    await store.importFile(new Blob(['x']), '预警.xlsx')

    expect(store.result?.errors).toEqual([{ row: 3, message: '电话号码格式不正确' }])
    expect(store.imported).toBe(false)
  })

  it('when a second file is chosen while the first is still going up, then only the first is sent', async () => {
    const api = new FakeApi()
    const sent: string[] = []
    api.importWarnings = (_file, name) => {
      sent.push(name)
      return Promise.resolve({ imported: 2, errors: [] })
    }
    const store = new WarningImportStore(api)

    const first = store.importFile(new Blob(['x']), '预警.xlsx')
    await store.importFile(new Blob(['y']), '预警（改）.xlsx')
    await first

    expect(sent).toEqual(['预警.xlsx'])
    expect(store.imported).toBe(true)
  })
})
