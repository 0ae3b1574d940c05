import type { ReactNode } from 'react'
import { act, fireEvent, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { LoginResult } from '@/contract/auth'
import type { Comparison, Report, ReportSections } from '@/contract/reports'
import ReportsPage from '@/packages/admin/pages/reports/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('@tarojs/components')
  return { ...actual, Picker: ({ children }: { children: ReactNode }) => children }
})

const adminLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '李警官', roles: [{ role: 'admin', regionId: 't1', regionName: '柏林镇', regionPath: '/c1/t1/' }] },
}

const sections = (received: number): ReportSections => ({
  bulletins: { published: 1, opens: 30, uniqueReaders: 20, groupsReached: 5, groupsRegistered: 8 },
  doorToDoor: { households: 10, householdsVisited: 4, visits: 5, coveredAtEnd: 6, coveredAtStart: 2, pledgesSigned: 3, appInstalled: 2, callWarningOn: 1 },
  quiz: { participants: 7, attempts: 9, averageScore: 85.5, flagged: 0 },
  warnings: {
    received, handledInTime: 3, outcomes: { dissuaded: 2, defrauded: 1, unreachable: 0, falseAlarm: 0, open: 1 },
    lossPrevented: 200000, lossSuffered: 36000,
    byRisk: [{ riskLevel: 'high', received: 2, handledInTime: 2 }, { riskLevel: 'medium', received: 2, handledInTime: 1 }, { riskLevel: 'low', received: 0, handledInTime: 0 }],
  },
  activities: { activities: 2, attendance: 120, byKind: [] },
})

const comparison = (key: string, label: string, current: number, previous: number, changePercent: number | null): Comparison =>
  ({ key, label, current, previous, change: current - previous, changePercent })

function aReport(overrides: Partial<Report> = {}): Report {
  return {
    region: { id: 't1', name: '柏林镇', level: 'town' },
    period: { kind: 'day', from: '2026-11-25', to: '2026-11-25', label: '2026年11月25日' },
    previousPeriod: { kind: 'day', from: '2026-11-24', to: '2026-11-24', label: '2026年11月24日' },
    current: sections(4),
    previous: sections(2),
    comparisons: [
      comparison('bulletins.published', '发布通报（期）', 1, 1, 0),
      comparison('doorToDoor.householdsVisited', '走访住户（户）', 4, 0, null),
      comparison('doorToDoor.pledgesSigned', '签订承诺书（份）', 3, 4, -25),
      comparison('doorToDoor.appInstalled', '安装国家反诈中心APP（户次）', 2, 1, 100),
      comparison('quiz.participants', '答题人数', 7, 7, 0),
      comparison('warnings.received', '接收预警（条）', 4, 2, 100),
      comparison('activities.activities', '宣传活动（场）', 2, 1, 100),
    ],
    children: [{ regionId: 'v1', regionName: '东胜村', households: 10, householdsVisited: 4, pledgesSigned: 3, warningsReceived: 4, activities: 2 }],
    summaryText: '',
    generatedAt: '2026-11-25T03:00:00Z',
    ...overrides,
  }
}

async function renderAsAdmin(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(adminLogin)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('police')
  await act(async () => {
    renderWithStores(<ReportsPage />, store)
  })
  return store
}

describe('统计通报 page', () => {
  beforeEach(() => {
    jest.mocked(Taro.setClipboardData).mockClear()
    jest.mocked(Taro.openDocument).mockClear()
  })

  it('when an admin opens it, then the seven sections show each figure with its 环比 in words, and the charts', async () => {
    const api = new FakeApi()
    api.reportAnswer = () => Promise.resolve(aReport())
    await renderAsAdmin(api)

    for (const title of ['通报传播', '入户宣防', '承诺书', '反诈APP与来电预警', '每日答题', '预警劝阻', '宣传活动']) {
      expect(await screen.findByText(title)).toBeTruthy()
    }
    expect(screen.getByRole('group', { name: '走访住户（户） 4，环比 ↑ +4（上期为 0）' })).toBeTruthy()
    expect(screen.getByRole('group', { name: '签订承诺书（份） 3，环比 ↓ -1（-25.0%）' })).toBeTruthy()
    expect(screen.getByRole('group', { name: '答题人数 7，环比 持平' })).toBeTruthy()
    expect(screen.getByText('平均得分 85.5 分')).toBeTruthy()
    expect(screen.getByRole('img', { name: '劝阻成功 2/4 条，50%' })).toBeTruthy()
    expect(screen.getByRole('img', { name: '高风险 2/2 条，100%' })).toBeTruthy()
    expect(screen.getByRole('img', { name: '东胜村 4/10 户，40%' })).toBeTruthy()
    expect(api.reportQueries[0]).toMatchObject({ regionId: 't1', period: 'day' })
  })

  it('when 月 is tapped, then the month report is asked for', async () => {
    const api = new FakeApi()
    api.reportAnswer = () => Promise.resolve(aReport())
    await renderAsAdmin(api)

    await act(async () => {
      fireEvent.click(screen.getByText('月'))
    })

    expect(api.reportQueries.at(-1)).toMatchObject({ regionId: 't1', period: 'month' })
    expect(api.reportQueries.at(-1)?.date).toMatch(/^\d{4}-\d{2}-01$/)
  })

  it('when 复制通报 is tapped, then the text is previewed first and 复制到剪贴板 puts it on the clipboard', async () => {
    const api = new FakeApi()
    api.reportAnswer = () => Promise.resolve(aReport())
    api.reportSummary = () => Promise.resolve('【柏林镇反诈宣防日报】\n一、入户宣防：走访住户4户')
    await renderAsAdmin(api)

    await act(async () => {
      fireEvent.click(await screen.findByText('复制通报'))
    })
    expect(screen.getByText('通报预览')).toBeTruthy()
    expect(Taro.setClipboardData).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('复制到剪贴板'))
    })

    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: '【柏林镇反诈宣防日报】\n一、入户宣防：走访住户4户' })
  })

  it('when 导出Excel is tapped in the mini-program, then the file is downloaded and opened as xlsx', async () => {
    const api = new FakeApi()
    api.reportAnswer = () => Promise.resolve(aReport())
    const exported: string[] = []
    api.reportXlsxFile = (q) => { exported.push(q.period); return Promise.resolve('wxfile://tmp/report.xlsx') }
    await renderAsAdmin(api)

    await act(async () => {
      fireEvent.click(await screen.findByText('导出Excel'))
    })

    expect(exported).toEqual(['day'])
    expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/report.xlsx', fileType: 'xlsx', showMenu: true })
  })

  describe('in H5', () => {
    beforeEach(() => { process.env.TARO_ENV = 'h5' })
    afterEach(() => { delete process.env.TARO_ENV })

    it('when 导出Excel is tapped, then the fetched file is saved through a download link named after the region and period', async () => {
      const api = new FakeApi()
      api.reportAnswer = () => Promise.resolve(aReport())
      api.reportXlsx = () => Promise.resolve(new Blob(['xlsx']))
      URL.createObjectURL = jest.fn(() => 'blob:report')
      URL.revokeObjectURL = jest.fn()
      const names: string[] = []
      const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download) })
      await renderAsAdmin(api)

      await act(async () => {
        fireEvent.click(await screen.findByText('导出Excel'))
      })

      expect(names).toEqual(['柏林镇-2026年11月25日-宣防通报.xlsx'])
      expect(Taro.openDocument).not.toHaveBeenCalled()
      click.mockRestore()
    })

    it('when the export has been saved, then a confirmation names the file', async () => {
      const api = new FakeApi()
      api.reportAnswer = () => Promise.resolve(aReport())
      api.reportXlsx = () => Promise.resolve(new Blob(['xlsx']))
      URL.createObjectURL = jest.fn(() => 'blob:report')
      URL.revokeObjectURL = jest.fn()
      const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
      await renderAsAdmin(api)

      await act(async () => {
        fireEvent.click(await screen.findByText('导出Excel'))
      })

      expect(screen.getByText('✓ 导出成功：柏林镇-2026年11月25日-宣防通报.xlsx')).toBeTruthy()
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '导出成功：柏林镇-2026年11月25日-宣防通报.xlsx' }))
      click.mockRestore()
    })

    it('when the export fails, then no success is claimed and the reason is shown', async () => {
      const api = new FakeApi()
      api.reportAnswer = () => Promise.resolve(aReport())
      api.reportXlsx = () => Promise.reject(new ApiError('DB_UNAVAILABLE', '数据库暂时不可用', 503))
      await renderAsAdmin(api)

      await act(async () => {
        fireEvent.click(await screen.findByText('导出Excel'))
      })

      expect(screen.queryByText(/导出成功/)).toBeNull()
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '数据库暂时不可用' }))
    })
  })

  it('when nothing happened in the period, then it says so instead of a wall of zeros', async () => {
    const api = new FakeApi()
    api.reportAnswer = () => Promise.resolve(aReport({ comparisons: [comparison('warnings.received', '接收预警（条）', 0, 0, null)], children: [] }))
    await renderAsAdmin(api)

    expect(await screen.findByText('本期暂无宣防数据')).toBeTruthy()
  })

  it('when the report fails, then the Chinese message shows with a retry', async () => {
    const api = new FakeApi()
    api.reportAnswer = () => Promise.reject(new ApiError('DB_UNAVAILABLE', '数据库暂时不可用', 503))
    await renderAsAdmin(api)

    expect(await screen.findByText('数据库暂时不可用')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
