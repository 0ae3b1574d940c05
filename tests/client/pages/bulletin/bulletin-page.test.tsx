import { act, fireEvent, screen } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import type { BulletinDetail } from '@/contract/bulletins'
import type { OpenInput } from '@/contract/shares'
import BulletinPage from '@/pages/bulletin/index'
import BulletinsPage from '@/pages/bulletins/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

const taro = Taro as unknown as Record<string, jest.Mock>

const aDetail = (overrides: Partial<BulletinDetail> = {}): BulletinDetail => ({
  id: 'b1', regionId: 't1', bulletinDate: '2026-11-28', title: '11月28日警情通报', advice: '不听不信不转账，可疑来电打 96110',
  cases: [
    { fraudType: 'rebate_task', victimProfile: '某村 62岁 女性', lossYuan: 12300, method: '被拉入刷单群后垫付资金', warning: '刷单都是诈骗' },
    { fraudType: 'fake_police', victimProfile: '某社区 70岁 男性', lossYuan: 0, method: '接到假警察电话', warning: '公检法不会电话办案' },
  ],
  status: 'published', regionName: '柏林镇', stationName: '柏林派出所', version: 1, publishedAt: '2026-11-29T00:00:00Z',
  retractedAt: null, totalLossYuan: 12300, posterUrl: '/api/public/bulletins/b1/poster.png', ...overrides,
})

async function openDetail(api: FakeApi, params: Record<string, string>) {
  ;(useRouter as jest.Mock).mockReturnValue({ params })
  const store = aRootStore(api)
  await act(async () => {
    renderWithStores(<BulletinPage />, store)
  })
  return store
}

describe('通报详情', () => {
  afterEach(() => (useRouter as jest.Mock).mockReturnValue({ params: {} }))

  it('when a resident opens a bulletin, then its cases show with losses in yuan and the poster can be saved', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    api.createShare = () => Promise.resolve({ id: 'CHILD00001', tier: 2, path: '/pages/bulletin/index?id=b1&share=CHILD00001' })

    await openDetail(api, { id: 'b1' })

    expect(screen.getByText('11月28日警情通报')).toBeTruthy()
    expect(screen.getByText('2026-11-28 · 柏林派出所')).toBeTruthy()
    expect(screen.getByText('案例1：刷单返利')).toBeTruthy()
    expect(screen.getByText('损失：¥12,300.00')).toBeTruthy()
    expect(screen.getByText('损失：未造成损失')).toBeTruthy()
    expect(screen.getByText('刷单都是诈骗')).toBeTruthy()
    expect(screen.getByRole('img', { name: '通报海报' })).toBeTruthy()
    expect(screen.getByText('保存海报').getAttribute('href')).toBe('https://api.test/api/public/bulletins/b1/poster.png')
  })

  it('when opened from a shared link, then the open is recorded once with that share id', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    api.createShare = () => Promise.resolve({ id: 'CHILD00001', tier: 2, path: '/pages/bulletin/index?id=b1&share=CHILD00001' })
    const opens: OpenInput[] = []
    api.recordOpen = (input) => {
      opens.push(input)
      return Promise.resolve({ counted: true, group: null })
    }

    await openDetail(api, { id: 'b1', share: 'PARENT0001' })

    expect(opens).toHaveLength(1)
    expect(opens[0]).toMatchObject({ bulletinId: 'b1', shareId: 'PARENT0001' })
    expect(opens[0].readerKey).toMatch(/^d:/)
  })

  it('when 复制链接 is tapped on H5, then the full link with this reader’s share id is copied', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    api.createShare = () => Promise.resolve({ id: 'CHILD00001', tier: 2, path: '/pages/bulletin/index?id=b1&share=CHILD00001' })
    taro.setClipboardData = jest.fn(() => Promise.resolve())
    await openDetail(api, { id: 'b1' })

    fireEvent.click(screen.getByText('复制链接'))

    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: 'http://localhost/pages/bulletin/index?id=b1&share=CHILD00001' })
  })

  it('when a forwarded bulletin is read, then 回首页, 学防骗 and 每日答题 lead on, and no raw link is printed for the reader', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    api.createShare = () => Promise.resolve({ id: 'CHILD00001', tier: 2, path: '/pages/bulletin/index?id=b1&share=CHILD00001' })
    taro.switchTab = jest.fn(() => Promise.resolve())
    await openDetail(api, { id: 'b1', share: 'PARENT0001' })

    for (const [label, url] of [['回首页', '/pages/home/index'], ['学防骗', '/pages/learn/index'], ['每日答题', '/pages/quiz/index']]) {
      fireEvent.click(screen.getByText(label))
      expect(taro.switchTab).toHaveBeenLastCalledWith({ url })
    }
    expect(screen.queryByText(/share=CHILD00001/)).toBeNull()
    expect(screen.getByText('复制后粘贴到微信，发给家人和邻居')).toBeTruthy()
  })

  it('when a link names no bulletin, then the page says it cannot be found and offers the latest ones, asking the server nothing', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.publicBulletin = (id) => { asked.push(id); return Promise.resolve(aDetail()) }
    await openDetail(api, {})

    expect(screen.getByText('找不到这条通报')).toBeTruthy()
    expect(screen.getByText('看最新通报')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    expect(asked).toEqual([])
  })

  it('when the bulletin was retracted, then a clear page says so and offers the latest ones', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.reject(new ApiError('BULLETIN_RETRACTED', '该通报已撤回', 410))

    await openDetail(api, { id: 'b1' })

    expect(screen.getByText('该通报已撤回')).toBeTruthy()
    expect(screen.getByText('看最新通报')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('when the bulletin is unknown, then the page says it cannot be found', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.reject(new ApiError('BULLETIN_NOT_FOUND', '找不到该通报，可能尚未发布', 404))

    await openDetail(api, { id: 'zzz' })

    expect(screen.getByText('找不到这条通报')).toBeTruthy()
  })

  it('when the network fails, then 重试 loads the bulletin again', async () => {
    const api = new FakeApi()
    let fail = true
    api.publicBulletin = () => (fail ? Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)) : Promise.resolve(aDetail()))
    api.createShare = () => Promise.reject(new Error('offline'))
    await openDetail(api, { id: 'b1' })
    expect(screen.getByText('网络不可用，请检查网络后重试')).toBeTruthy()

    fail = false
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })

    expect(screen.getByText('11月28日警情通报')).toBeTruthy()
  })

  it('when 关怀模式 is on, then the bulletin renders inside the large-type page', async () => {
    const api = new FakeApi()
    api.publicBulletin = () => Promise.resolve(aDetail())
    api.createShare = () => Promise.reject(new Error('offline'))
    ;(useRouter as jest.Mock).mockReturnValue({ params: { id: 'b1' } })
    const store = aRootStore(api)
    store.ui.setCareMode(true)

    await act(async () => {
      renderWithStores(<BulletinPage />, store)
    })

    expect(screen.getByText('11月28日警情通报').closest('.page')?.className).toContain('care-mode')
  })
})

describe('通报列表', () => {
  it('when bulletins are published, then the newest are listed and a tap opens one', async () => {
    const api = new FakeApi()
    api.publicBulletins = () => Promise.resolve({
      items: [{ id: 'b1', bulletinDate: '2026-11-28', title: '11月28日警情通报', caseCount: 2, totalLossYuan: 12300, publishedAt: '2026-11-29T00:00:00Z', version: 1 }],
      total: 1,
    })
    await act(async () => {
      renderWithStores(<BulletinsPage />, aRootStore(api))
    })

    expect(screen.getByText('2026-11-28 · 2 起案例 · 损失合计 ¥12,300.00')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: /^11月28日警情通报/ }))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/bulletin/index?id=b1' })
  })

  it('when nothing is published yet, then the page says so in words', async () => {
    const api = new FakeApi()
    api.publicBulletins = () => Promise.resolve({ items: [], total: 0 })
    await act(async () => {
      renderWithStores(<BulletinsPage />, aRootStore(api))
    })

    expect(screen.getByText('还没有发布通报')).toBeTruthy()
  })
})
