import type { ReactNode } from 'react'
import { act, fireEvent, screen } from '@testing-library/react'
import { useRouter } from '@tarojs/taro'
import type { LoginResult } from '@/core/api-types'
import type { BulletinDetail, BulletinInput, PublishInput } from '@/core/bulletin-api'
import BulletinEditPage from '@/packages/admin/pages/bulletin-edit/index'
import { ApiError } from '@/services/api-client'
import { FakeApi } from './support/fake-api'
import { aRootStore, renderWithStores } from './support/root'

jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('../__mocks__/taro-components')
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
    fireEvent.change(screen.getAllByPlaceholderText('如：某村 62岁 女性 退休职工')[0], { target: { value: '东胜村 70岁 男性' } })

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
})
