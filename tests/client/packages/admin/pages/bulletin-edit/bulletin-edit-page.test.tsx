import type { ReactNode } from 'react'
import { act, fireEvent, screen } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import type { LoginResult } from '@/contract/auth'
import type { BulletinAdminItem, BulletinDetail, PublishInput } from '@/contract/bulletins'
import { type BulletinInput, CASE_HINTS, chinaDateOf } from '@/core/bulletins'
import BulletinEditPage from '@/packages/admin/pages/bulletin-edit/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('../../../../../__mocks__/taro-components')
  // The date and time pickers only show their value here; the store's tests cover picking a time.
  return { ...actual, Picker: ({ children }: { children: ReactNode }) => children }
})

const adminLogin: LoginResult = {
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '李警官', roles: [{ role: 'admin', regionId: 't1', regionName: '柏林镇', regionPath: '/t1/' }] },
}
const aDetail = (input: BulletinInput, overrides: Partial<BulletinDetail> = {}): BulletinDetail => ({
  ...input, id: 'b1', status: 'draft', regionName: '柏林镇', stationName: '柏林派出所', version: 1, publishedAt: null,
  retractedAt: null, totalLossYuan: 0, posterUrl: '/api/public/bulletins/b1/poster.png', ...overrides,
})

async function openEditor(api: FakeApi, params: Record<string, string> = {}) {
  ;(useRouter as jest.Mock).mockReturnValue({ params })
  api.demoLogin = () => Promise.resolve(adminLogin)
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('police')
  await act(async () => {
    renderWithStores(<BulletinEditPage />, store)
  })
  return store
}

describe('编写通报', () => {
  afterEach(() => (useRouter as jest.Mock).mockReturnValue({ params: {} }))

  it('when a new bulletin is published now, then it is created from the form and published without a time', async () => {
    const api = new FakeApi()
    const created: BulletinInput[] = []
    const published: PublishInput[] = []
    api.createBulletin = (input) => {
      created.push(input)
      return Promise.resolve(aDetail(input))
    }
    api.publishBulletin = (_id, input) => {
      published.push(input)
      return Promise.resolve(aDetail(created[0], { status: 'published' }))
    }
    await openEditor(api)

    fireEvent.change(screen.getAllByPlaceholderText('0')[0], { target: { value: '8000' } })
    await act(async () => {
      fireEvent.click(screen.getAllByText('立即发布').at(-1)!)
    })

    expect(created[0].regionId).toBe('t1')
    expect(created[0].cases[0].lossYuan).toBe(8000)
    expect(published).toEqual([{}])
    expect(screen.getByText('已发布')).toBeTruthy()
    expect(screen.getByText('撤回通报')).toBeTruthy()
  })

  it('when the server refuses the bulletin, then its message shows beside the form and what was typed stays', async () => {
    const api = new FakeApi()
    api.createBulletin = () => Promise.reject(new ApiError('BULLETIN_INVALID', '通报内容不符合要求', 400, [{ message: '案例1的经过不能为空' }]))
    await openEditor(api)
    fireEvent.change(screen.getAllByPlaceholderText(CASE_HINTS.victimProfile)[0], { target: { value: '东胜村 70岁 男性' } })

    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })

    expect(screen.getByText('通报内容不符合要求')).toBeTruthy()
    expect(screen.getByText('· 案例1的经过不能为空')).toBeTruthy()
    expect(screen.getByDisplayValue('东胜村 70岁 男性')).toBeTruthy()
  })

  it('when 预览 is tapped, then the bulletin shows as residents will read it', async () => {
    const api = new FakeApi()
    await openEditor(api)
    fireEvent.change(screen.getAllByPlaceholderText('0')[0], { target: { value: '12300' } })

    fireEvent.click(screen.getByText('预览'))

    expect(screen.getByText('预览：居民看到的样子')).toBeTruthy()
    expect(screen.getByText('损失：¥12,300.00')).toBeTruthy()
    expect(screen.getByText('返回编辑')).toBeTruthy()
  })

  it('when a case is deleted, then a confirmation comes first', async () => {
    const api = new FakeApi()
    await openEditor(api)
    const cases = screen.getAllByText(/^删除案例/).length

    fireEvent.click(screen.getByText('删除案例1'))
    expect(screen.getByRole('dialog').textContent).toContain('案例1中填写的内容将被清除')
    expect(screen.getAllByText(/^删除案例/)).toHaveLength(cases)
    fireEvent.click(screen.getByText('确认删除'))

    expect(screen.getAllByText(/^删除案例/)).toHaveLength(cases - 1)
  })

  it('when a published bulletin is retracted, then a reason is asked for and the retraction confirmed', async () => {
    const api = new FakeApi()
    const input: BulletinInput = { regionId: 't1', bulletinDate: '2026-11-28', title: '11月28日警情通报', advice: '不听不信不转账', cases: [] }
    api.bulletin = () => Promise.resolve(aDetail(input, { status: 'published' }))
    const reasons: string[] = []
    api.retractBulletin = (_id, reason) => {
      reasons.push(reason)
      return Promise.resolve(aDetail(input, { status: 'retracted' }))
    }
    await openEditor(api, { id: 'b1' })

    fireEvent.click(screen.getByText('撤回通报'))
    fireEvent.change(screen.getByPlaceholderText('如：案例信息有误'), { target: { value: '案例信息有误' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤回'))
    })

    expect(reasons).toEqual(['案例信息有误'])
    expect(screen.getByText('状态：已撤回 · 第 1 版')).toBeTruthy()
  })

  it('when a new bulletin opens, then its facts are blank with hints as placeholders, not example values', async () => {
    await openEditor(new FakeApi())

    expect(screen.getAllByPlaceholderText(CASE_HINTS.victimProfile).map((i) => (i as HTMLInputElement).value)).toEqual(['', ''])
    expect(screen.getAllByPlaceholderText(CASE_HINTS.method).map((i) => (i as HTMLInputElement).value)).toEqual(['', ''])
    expect(screen.queryByDisplayValue(/XX岁/)).toBeNull()
  })

  it('when 立即发布 is tapped with template text left in, then it is refused, the fields are named and what was typed stays', async () => {
    const api = new FakeApi()
    const created: BulletinInput[] = []
    api.createBulletin = (input) => {
      created.push(input)
      return Promise.resolve(aDetail(input))
    }
    await openEditor(api)
    fireEvent.change(screen.getAllByPlaceholderText(CASE_HINTS.victimProfile)[0], { target: { value: '某社区 XX岁 男性 退休职工' } })
    fireEvent.change(screen.getAllByPlaceholderText(CASE_HINTS.method)[0], { target: { value: '受害人接到自称公安的来电，被要求转账' } })

    await act(async () => {
      fireEvent.click(screen.getAllByText('立即发布').at(-1)!)
    })

    expect(created).toEqual([])
    expect(screen.getByText('通报中还有模板提示文字，请按实际案情填写后再发布')).toBeTruthy()
    expect(screen.getByText('· 第 1 个案例的受害人情况还是模板提示，请按实际情况填写')).toBeTruthy()
    expect(screen.getByDisplayValue('某社区 XX岁 男性 退休职工')).toBeTruthy()
    expect(screen.getByDisplayValue('受害人接到自称公安的来电，被要求转账')).toBeTruthy()
  })

  it('when a bulletin for the same day is already out, then 立即发布 asks first, and 仍要发布 publishes', async () => {
    const api = new FakeApi()
    const published: PublishInput[] = []
    let created: BulletinInput | null = null
    api.createBulletin = (input) => {
      created = input
      return Promise.resolve(aDetail(input))
    }
    api.publishBulletin = (_id, input) => {
      published.push(input)
      return Promise.resolve(aDetail(created!, { status: 'published' }))
    }
    const sameDay: BulletinAdminItem = {
      // The editor starts on yesterday, as a station reports.
      id: 'b0', bulletinDate: chinaDateOf(new Date(Date.now() - 24 * 3600_000)), title: '昨日警情通报（早班）', caseCount: 1, totalLossYuan: 0, version: 1, status: 'published',
      regionId: 't1', regionName: '柏林镇', publishedAt: '2026-11-29T00:30:00Z', updatedAt: '2026-11-29T00:30:00Z',
    }
    api.manageBulletins = () => Promise.resolve({ total: 1, items: [sameDay] })
    await openEditor(api)

    await act(async () => {
      fireEvent.click(screen.getAllByText('立即发布').at(-1)!)
    })
    expect(published).toEqual([])
    expect(screen.getByRole('dialog').textContent).toContain('昨日警情通报（早班）')

    await act(async () => {
      fireEvent.click(screen.getByText('仍要发布'))
    })
    expect(published).toEqual([{}])
  })

  it('when published, then a 转发到平安群 step offers the poster to save and the bulletin’s link to copy', async () => {
    const api = new FakeApi()
    api.createBulletin = (input) => Promise.resolve(aDetail(input))
    api.publishBulletin = () => Promise.resolve(aDetail(
      { regionId: 't1', bulletinDate: '2026-11-28', title: '11月28日警情通报', advice: '不听不信不转账', cases: [] }, { status: 'published' },
    ))
    await openEditor(api)
    expect(screen.queryByText('转发到平安群')).toBeNull()

    await act(async () => {
      fireEvent.click(screen.getAllByText('立即发布').at(-1)!)
    })

    expect(screen.getByText('转发到平安群')).toBeTruthy()
    expect(screen.getByText('保存海报').getAttribute('href')).toBe('https://api.test/api/public/bulletins/b1/poster.png')
    expect(screen.getByText(/\/pages\/bulletin\/index\?id=b1$/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('复制链接'))
    })
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: expect.stringMatching(/\/pages\/bulletin\/index\?id=b1$/) })
  })
})
