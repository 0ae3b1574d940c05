import Taro from '@tarojs/taro'
import type { ReportQuery } from '@/contract/reports'
import { ApiClient, type HttpRequest } from '@/services/api-client'
import { MemoryTokens } from '../support/root'

const WEEK: ReportQuery = { regionId: '500116115', period: 'week', date: '2026-11-23' }
const CUSTOM: ReportQuery = { regionId: '500116115', period: 'custom', date: '2026-11-01', to: '2026-11-10' }

describe('report endpoints of the API client', () => {
  const realFetch = global.fetch
  afterEach(() => {
    delete (Taro as { downloadFile?: unknown }).downloadFile
    global.fetch = realFetch
  })

  it('when a report is asked for, then GET /api/reports carries the region, the period and its dates', async () => {
    const http = jest.fn<ReturnType<HttpRequest>, Parameters<HttpRequest>>(() => Promise.resolve({ statusCode: 200, data: {} }))
    await new ApiClient(new MemoryTokens('abc'), '', http).report(CUSTOM)

    expect(http.mock.calls[0][0]).toMatchObject({ url: '/api/reports?regionId=500116115&period=custom&date=2026-11-01&to=2026-11-10', method: 'GET' })
  })

  it('when the 通报 is asked for, then GET /api/reports/summary.txt is read as text with the bearer token', async () => {
    const http = jest.fn<ReturnType<HttpRequest>, Parameters<HttpRequest>>(() => Promise.resolve({ statusCode: 200, data: '【周报】' }))
    const text = await new ApiClient(new MemoryTokens('abc'), '', http).reportSummary(WEEK)

    expect(text).toBe('【周报】')
    expect(http.mock.calls[0][0]).toMatchObject({
      url: '/api/reports/summary.txt?regionId=500116115&period=week&date=2026-11-23', dataType: 'text',
      header: expect.objectContaining({ Authorization: 'Bearer abc' }),
    })
  })

  it('when the Excel is exported in H5, then export.xlsx is fetched with the bearer token', async () => {
    const fetchMock = jest.fn(() => Promise.resolve({ ok: true, status: 200, blob: () => Promise.resolve(new Blob(['xlsx'])) }))
    global.fetch = fetchMock as unknown as typeof fetch

    await new ApiClient(new MemoryTokens('abc'), 'http://api', jest.fn()).reportXlsx(WEEK)

    expect(fetchMock).toHaveBeenCalledWith('http://api/api/reports/export.xlsx?regionId=500116115&period=week&date=2026-11-23', {
      method: 'GET', headers: { Authorization: 'Bearer abc' },
    })
  })

  it('when the Excel is exported in the mini-program, then Taro.downloadFile fetches export.xlsx with the bearer token', async () => {
    const downloadFile = jest.fn(() => Promise.resolve({ statusCode: 200, tempFilePath: 'wxfile://tmp/r.xlsx' }))
    Object.assign(Taro, { downloadFile })

    const path = await new ApiClient(new MemoryTokens('abc'), 'https://api', jest.fn()).reportXlsxFile(WEEK)

    expect(path).toBe('wxfile://tmp/r.xlsx')
    expect(downloadFile).toHaveBeenCalledWith({
      url: 'https://api/api/reports/export.xlsx?regionId=500116115&period=week&date=2026-11-23', header: { Authorization: 'Bearer abc' },
    })
  })
})
