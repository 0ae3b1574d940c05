import { type BulletinInput, STANDARD_WARNINGS } from '@/core/bulletins'
import type { BulletinAdminItem, BulletinDetail, PublishInput } from '@/contract/bulletins'
import { ApiError } from '@/services/api-client'
import { BulletinAdminStore, inputOf } from '@/stores/bulletin-admin-store'
import { FakeApi } from '../support/fake-api'

const NOW = new Date('2026-11-29T02:00:00Z')

const aDetail = (input: BulletinInput, overrides: Partial<BulletinDetail> = {}): BulletinDetail => ({
  ...input, id: 'b1', status: 'draft', regionName: '柏林镇', stationName: '柏林派出所', version: 1, publishedAt: null,
  retractedAt: null, totalLossYuan: 0, posterUrl: '/api/public/bulletins/b1/poster.png', ...overrides,
})

function fakeServer(api: FakeApi) {
  const created: BulletinInput[] = []
  const published: PublishInput[] = []
  api.createBulletin = (input) => {
    created.push(input)
    return Promise.resolve(aDetail(input))
  }
  api.updateBulletin = (_id, input) => Promise.resolve(aDetail(input))
  api.publishBulletin = (_id, input) => {
    published.push(input)
    return Promise.resolve(aDetail(created[0], { status: input.at ? 'scheduled' : 'published' }))
  }
  return { created, published }
}

const anItem = (overrides: Partial<BulletinAdminItem> = {}): BulletinAdminItem => ({
  id: 'other', bulletinDate: '2026-11-28', title: '11月28日 电信网络诈骗警情通报', caseCount: 2, totalLossYuan: 0, version: 1,
  status: 'published', regionId: 't1', regionName: '柏林镇', publishedAt: '2026-11-29T00:30:00Z', updatedAt: '2026-11-29T00:30:00Z',
  ...overrides,
})

describe('BulletinAdminStore', () => {
  it('when a new bulletin starts, then it is yesterday’s, from the template, with the station’s region', () => {
    const store = new BulletinAdminStore(new FakeApi(), () => NOW)

    store.startNew('t1')

    expect(store.draft?.regionId).toBe('t1')
    expect(store.draft?.bulletinDate).toBe('2026-11-28')
    expect(store.draft?.cases.length).toBeGreaterThan(0)
    expect(store.isNew).toBe(true)
  })

  it('when a loss is typed in yuan with fen, then it is sent as a number', async () => {
    const api = new FakeApi()
    const { created } = fakeServer(api)
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')
    store.setCase(0, { lossText: '12300.50' })

    await store.save()

    expect(created[0].cases[0].lossYuan).toBe(12300.5)
    expect(store.isNew).toBe(false)
  })

  it('when 保存 is tapped twice on a new bulletin, then it is created once', async () => {
    const api = new FakeApi()
    const { created } = fakeServer(api)
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')

    const first = store.save()
    const second = store.save()

    expect(await second).toBe(false)
    expect(await first).toBe(true)
    expect(created).toHaveLength(1)
  })

  it('when a loss is not a sum of money, then nothing is sent and the form says why', async () => {
    const api = new FakeApi()
    const { created } = fakeServer(api)
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')
    store.setCase(0, { lossText: '一万' })

    expect(await store.save()).toBe(false)

    expect(created).toEqual([])
    expect(store.formError).toContain('损失金额请填写数字')
  })

  it('when the server refuses the bulletin, then its reasons show and what was typed stays', async () => {
    const api = new FakeApi()
    api.createBulletin = () => Promise.reject(new ApiError('BULLETIN_INVALID', '通报内容不符合要求', 400, [{ path: '/title', message: '标题不能为空' }]))
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')
    store.setField('title', '')
    store.setCase(0, { method: '受害人被拉入刷单群' })

    await store.save()

    expect(store.formError).toBe('通报内容不符合要求')
    expect(store.formDetails).toEqual(['标题不能为空'])
    expect(store.draft?.cases[0].method).toBe('受害人被拉入刷单群')
  })

  it('when a case is removed, then it only goes after the user confirms', () => {
    const store = new BulletinAdminStore(new FakeApi(), () => NOW)
    store.startNew('t1')
    store.addCase()
    const before = store.draft!.cases.length

    store.askRemoveCase(0)
    expect(store.draft!.cases).toHaveLength(before)
    store.cancelRemoveCase()
    store.askRemoveCase(0)
    store.confirmRemoveCase()

    expect(store.draft!.cases).toHaveLength(before - 1)
  })

  it('when the fraud type changes on a case whose warning is still the standard one, then the warning follows the type', () => {
    const store = new BulletinAdminStore(new FakeApi(), () => NOW)
    store.startNew('t1')
    store.setCase(0, { fraudType: 'rebate_task', warning: STANDARD_WARNINGS.rebate_task })

    store.setFraudType(0, 'fake_loan')

    expect(store.draft!.cases[0].warning).toBe(STANDARD_WARNINGS.fake_loan)
  })

  it('when the author rewrote the warning, then changing the fraud type keeps their words', () => {
    const store = new BulletinAdminStore(new FakeApi(), () => NOW)
    store.startNew('t1')
    store.setCase(0, { warning: '本案特别提醒' })

    store.setFraudType(0, 'fake_loan')

    expect(store.draft!.cases[0].warning).toBe('本案特别提醒')
  })

  it('when published now, then the draft is saved first and published without a time', async () => {
    const api = new FakeApi()
    const { created, published } = fakeServer(api)
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')

    expect(await store.publish()).toBe(true)

    expect(created).toHaveLength(1)
    expect(published).toEqual([{}])
    expect(store.notice).toBe('已发布')
  })

  it('when published at a set time, then that local time is sent as an instant', async () => {
    const api = new FakeApi()
    const { published } = fakeServer(api)
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')
    store.setPublishMode('at')
    store.setPublishAt('2026-11-30', '08:30')

    await store.publish()

    expect(published[0].at).toBe(new Date(2026, 10, 30, 8, 30).toISOString())
    expect(store.saved?.status).toBe('scheduled')
  })

  it('when retracting without a reason, then nothing is sent; with one, the bulletin is retracted', async () => {
    const api = new FakeApi()
    const input = inputOf({ regionId: 't1', bulletinDate: '2026-11-28', title: 't', advice: 'a', cases: [] })!
    api.bulletin = () => Promise.resolve(aDetail(input, { status: 'published' }))
    const reasons: string[] = []
    api.retractBulletin = (_id, reason) => {
      reasons.push(reason)
      return Promise.resolve(aDetail(input, { status: 'retracted' }))
    }
    const store = new BulletinAdminStore(api, () => NOW)
    await store.edit('b1')

    store.askRetract()
    await store.confirmRetract()
    expect(reasons).toEqual([])
    expect(store.formError).toBe('请填写撤回原因')

    store.setRetractReason('案例信息有误')
    await store.confirmRetract()
    expect(reasons).toEqual(['案例信息有误'])
    expect(store.saved?.status).toBe('retracted')
    expect(store.canRetract).toBe(false)
  })

  it('when an existing bulletin opens, then its versions load with it', async () => {
    const api = new FakeApi()
    const input = inputOf({ regionId: 't1', bulletinDate: '2026-11-28', title: 't', advice: 'a', cases: [] })!
    api.bulletin = () => Promise.resolve(aDetail(input, { version: 2 }))
    api.bulletinVersions = () => Promise.resolve([
      { version: 2, title: 't', editedBy: '李警官', editedAt: '2026-11-29T03:00:00Z' },
      { version: 1, title: 't0', editedBy: '李警官', editedAt: '2026-11-29T01:00:00Z' },
    ])
    const store = new BulletinAdminStore(api, () => NOW)

    await store.edit('b1')

    expect(store.versions.map((v) => v.version)).toEqual([2, 1])
  })

  it('when a case still holds template text, then publishing is refused, nothing is sent and the text stays', async () => {
    const api = new FakeApi()
    const { created, published } = fakeServer(api)
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')
    store.setCase(0, { victimProfile: '某社区 XX岁 男性 退休职工', method: '受害人接到陌生来电……' })

    expect(await store.publish()).toBe(false)

    expect(created).toEqual([])
    expect(published).toEqual([])
    expect(store.formError).toBe('通报中还有模板提示文字，请按实际案情填写后再发布')
    expect(store.formDetails).toEqual(['第 1 个案例的受害人情况还是模板提示，请按实际情况填写', '第 1 个案例的案情经过还是模板提示，请按实际情况填写'])
    expect(store.draft!.cases[0].victimProfile).toBe('某社区 XX岁 男性 退休职工')
  })

  it('when a bulletin for the same day is already out, then publishing waits for a confirmation and then goes on', async () => {
    const api = new FakeApi()
    const { published } = fakeServer(api)
    api.manageBulletins = () => Promise.resolve({ total: 2, items: [anItem(), anItem({ id: 'older', bulletinDate: '2026-11-27' })] })
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')

    expect(await store.publish()).toBe(false)
    expect(published).toEqual([])
    expect(store.sameDay.map((b) => b.id)).toEqual(['other'])

    expect(await store.confirmSameDay()).toBe(true)
    expect(published).toEqual([{}])
    expect(store.sameDay).toEqual([])
  })

  it('when the same-day warning is cancelled, then nothing is published and the form stays as typed', async () => {
    const api = new FakeApi()
    const { published } = fakeServer(api)
    api.manageBulletins = () => Promise.resolve({ total: 1, items: [anItem()] })
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')
    store.setCase(0, { victimProfile: '东胜村 70岁 男性' })

    await store.publish()
    store.cancelSameDay()

    expect(published).toEqual([])
    expect(store.sameDay).toEqual([])
    expect(store.draft!.cases[0].victimProfile).toBe('东胜村 70岁 男性')
  })

  it('when only a draft or a retracted bulletin shares the day, then publishing goes on without asking', async () => {
    const api = new FakeApi()
    const { published } = fakeServer(api)
    api.manageBulletins = () => Promise.resolve({ total: 2, items: [anItem({ status: 'draft' }), anItem({ id: 'gone', status: 'retracted' })] })
    const store = new BulletinAdminStore(api, () => NOW)
    store.startNew('t1')

    expect(await store.publish()).toBe(true)

    expect(published).toEqual([{}])
    expect(store.canForward).toBe(true)
  })
})
