import { act, fireEvent, screen } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import type { HouseholdDetail } from '@/contract/households'
import type { PledgeSummary } from '@/contract/pledges'
import PledgeViewPage from '@/packages/worker/pages/pledge-view/index'
import VisitFormPage from '@/packages/worker/pages/visit/index'
import { ApiError } from '@/services/api-client'
import type { RootStore } from '@/stores/root-store'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, MemoryTokens, renderWithStores } from '../../../../support/root'

// The shared mock has no Textarea, which the visit form needs; the note field plays no part in these tests.
jest.mock('@tarojs/components', () => ({ ...jest.requireActual('@tarojs/components'), Textarea: () => null }))

const aHousehold = (overrides: Partial<HouseholdDetail> = {}): HouseholdDetail => ({
  id: 'h1', code: 'BL-0001', regionId: 'g1', gridName: '第1网格', address: '东胜村1组2号', headName: '李*海',
  phoneMasked: '138****1234', tags: [], memberCount: 4, labelVersion: 1, firstVisitAt: null, lastVisitAt: null,
  pledgedAt: null, appInstalled: false, callWarningOn: false, geo: null, ...overrides,
})

const aPledge = (overrides: Partial<PledgeSummary> = {}): PledgeSummary => ({
  id: 'p1', householdId: 'h1', signerName: '李*', signerRelation: '本人', signedAt: '2026-11-20T02:00:00.000Z',
  templateVersion: 1, workerName: '王网格', seq: 1, ...overrides,
})

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>反诈承诺书</text></svg>'

/** A worker on the household's pledge page, the household already known from the door or the visit form. */
async function openPage(api: FakeApi, household = aHousehold()): Promise<RootStore> {
  const store = aRootStore(api, new MemoryTokens('t'))
  store.doors.choose(household)
  jest.mocked(useRouter).mockReturnValue({ params: { householdId: household.id } } as never)
  await act(async () => {
    renderWithStores(<PledgeViewPage />, store)
  })
  return store
}

describe('查看承诺书', () => {
  it('when a household has two pledges, then both are listed newest first with signer, time, worker and number', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.householdPledges = (householdId) => {
      asked.push(householdId)
      return Promise.resolve({ items: [
        aPledge({ id: 'old', signerName: '李*', signerRelation: '本人', signedAt: '2025-06-01T02:00:00.000Z', workerName: '王网格', seq: 3 }),
        aPledge({ id: 'new', signerName: '张*华', signerRelation: '子女', signedAt: '2026-11-20T02:00:00.000Z', workerName: '赵民警', seq: 9 }),
      ] })
    }

    await openPage(api)

    expect(asked).toEqual(['h1'])
    const rows = screen.getAllByRole('button').filter((b) => b.className.includes('pledge-row'))
    expect(rows.map((r) => r.textContent)).toEqual([
      `张*华（子女）签署时间 ${dayjs('2026-11-20T02:00:00.000Z').format('YYYY-MM-DD HH:mm')}宣讲人 赵民警 · 本村第 9 份查看 ›`,
      `李*（本人）签署时间 ${dayjs('2025-06-01T02:00:00.000Z').format('YYYY-MM-DD HH:mm')}宣讲人 王网格 · 本村第 3 份查看 ›`,
    ])
  })

  it('when one is tapped, then its rendering appears full-width with 打印 and 保存图片, and the list is gone', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.resolve({ items: [aPledge({ id: 'p1', signerName: '李*' }), aPledge({ id: 'p2', signerName: '张*华', seq: 2 })] })
    const rendered: string[] = []
    api.pledgeSvg = (id) => {
      rendered.push(id)
      return Promise.resolve(SVG)
    }
    await openPage(api)

    await act(async () => {
      fireEvent.click(screen.getByText('张*华（本人）'))
    })

    expect(rendered).toEqual(['p2'])
    expect(screen.getByRole('img', { name: '张*华签署的承诺书' })).toBeTruthy()
    expect(screen.queryByText('李*（本人）')).toBeNull()
    // Without TARO_ENV the page takes its mini-program branch: no print, no save.
    expect(screen.getByText('如需打印或保存，请在电脑浏览器中登录后打开本页。')).toBeTruthy()

    fireEvent.click(screen.getByText('‹ 返回列表'))
    expect(screen.getByText('李*（本人）')).toBeTruthy()
  })

  describe('in the browser (H5)', () => {
    beforeEach(() => { process.env.TARO_ENV = 'h5' })
    afterEach(() => {
      delete process.env.TARO_ENV
      jest.restoreAllMocks()
    })

    async function openFirstPledge() {
      const api = new FakeApi()
      api.householdPledges = () => Promise.resolve({ items: [aPledge({ id: 'p1', seq: 7 })] })
      api.pledgeSvg = () => Promise.resolve(SVG)
      await openPage(api)
      await act(async () => {
        fireEvent.click(screen.getByText('李*（本人）'))
      })
    }

    it('when 打印 is tapped, then the browser prints', async () => {
      const print = jest.spyOn(window, 'print').mockImplementation(() => {})
      await openFirstPledge()

      fireEvent.click(screen.getByText('打印'))

      expect(print).toHaveBeenCalledTimes(1)
    })

    it('when 保存图片 is tapped, then the SVG downloads under the household code and the pledge number', async () => {
      const saved: { href: string; download: string }[] = []
      jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        saved.push({ href: this.href, download: this.download })
      })
      await openFirstPledge()

      fireEvent.click(screen.getByText('保存图片'))

      expect(saved).toHaveLength(1)
      expect(saved[0].download).toBe('反诈承诺书-BL-0001-第7份.svg')
      expect(decodeURIComponent(saved[0].href.replace('data:image/svg+xml;charset=utf-8,', ''))).toBe(SVG)
    })
  })

  it('when the request fails, then a Chinese error with 重试 is shown, and 重试 brings the list', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    await openPage(api)

    expect(screen.getByText('加载失败')).toBeTruthy()
    expect(screen.getByText('网络不可用，请检查网络后重试')).toBeTruthy()

    api.householdPledges = () => Promise.resolve({ items: [aPledge()] })
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(screen.getByText('李*（本人）')).toBeTruthy()
  })

  it('when the household has no uploaded pledge, then the page says so in Chinese', async () => {
    const api = new FakeApi()
    api.householdPledges = () => Promise.resolve({ items: [] })

    await openPage(api)

    expect(screen.getByText('这户还没有已上传的承诺书')).toBeTruthy()
  })
})

describe('记录走访 links to the signed pledges', () => {
  async function openVisitForm(household: HouseholdDetail) {
    const store = aRootStore(new FakeApi(), new MemoryTokens('t'))
    store.doors.choose(household)
    jest.mocked(useRouter).mockReturnValue({ params: { householdId: household.id } } as never)
    await act(async () => {
      renderWithStores(<VisitFormPage />, store)
    })
  }

  it('when the household has signed a pledge, then 查看承诺书 opens its pledges', async () => {
    await openVisitForm(aHousehold({ id: 'h-signed', pledgedAt: '2026-11-20T02:00:00.000Z' }))

    fireEvent.click(screen.getByText('查看承诺书'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/pledge-view/index?householdId=h-signed' })
  })

  it('when the household has not signed, then there is no 查看承诺书', async () => {
    await openVisitForm(aHousehold({ id: 'h-unsigned', pledgedAt: null }))

    expect(screen.getByText('走访内容（点一下勾选）')).toBeTruthy()
    expect(screen.queryByText('查看承诺书')).toBeNull()
  })
})
