import { act, fireEvent, screen } from '@testing-library/react'
import Taro, { useRouter } from '@tarojs/taro'
import type { LoginResult } from '@/contract/auth'
import type { Activity, ActivityListItem } from '@/contract/activities'
import { chinaMonthOf, monthLabel, shiftMonth } from '@/core/activities'
import ActivitiesPage from '@/packages/admin/pages/activities/index'
import ActivityEditPage from '@/packages/admin/pages/activity-edit/index'
import { FakeApi } from '../../../../support/fake-api'
import { aRootStore, renderWithStores } from '../../../../support/root'

const aLogin = (): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '王书记', roles: [{ role: 'cadre', regionId: 'v1', regionName: '东村', regionPath: '/t/v1/' }] },
})

const anItem = (over: Partial<ActivityListItem> = {}): ActivityListItem => ({
  id: 'a1', regionId: 'v1', regionName: '东村', kind: 'market_day', title: '赶大集宣传', place: '柏林镇集市', heldAt: '2026-11-18T01:30:00.000Z',
  attendance: 300, photoCount: 4, thumbnails: ['/api/activity-photos/p1/thumbnail'], ...over,
})

const anActivity = (over: Partial<Activity> = {}): Activity => ({
  id: 'a1', regionId: 'v1', regionName: '东村', kind: 'courtyard_meeting', title: '东村院坝会', place: '村委会院坝', heldAt: '2026-11-18T01:30:00.000Z',
  organiser: '东村村委会', attendance: 60, targetGroups: ['老年人'], materials: 100, summary: '', createdBy: { id: 'u1', name: '王书记' },
  photos: [{ id: 'p1', url: '/api/activity-photos/p1', thumbnailUrl: '/api/activity-photos/p1/thumbnail' }], editable: true,
  updatedAt: '2026-11-18T02:00:00.000Z', ...over,
})

async function signedIn(api: FakeApi) {
  api.demoLogin = () => Promise.resolve(aLogin())
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('cadre')
  return store
}

describe('宣传活动 list page', () => {
  it('when the month has activities, then each shows its kind, time, place, attendance and thumbnails', async () => {
    const api = new FakeApi()
    api.activities = () => Promise.resolve({ items: [anItem()], total: 1 })
    const store = await signedIn(api)
    await act(async () => { renderWithStores(<ActivitiesPage />, store) })

    expect(screen.getByText('【赶大集】赶大集宣传')).toBeTruthy()
    expect(screen.getByText('2026-11-18 09:30 · 柏林镇集市')).toBeTruthy()
    expect(screen.getByText('东村 · 参加 300 人 · 照片 4 张')).toBeTruthy()
    expect(screen.getByLabelText('赶大集宣传 照片1').getAttribute('src')).toBe('blob:/api/activity-photos/p1/thumbnail')
  })

  it('when the month is empty, then it says so; when switched to the month before, then that month is asked for', async () => {
    const api = new FakeApi()
    const months: string[] = []
    api.activities = (q) => { months.push(q.month ?? ''); return Promise.resolve({ items: [], total: 0 }) }
    const store = await signedIn(api)
    await act(async () => { renderWithStores(<ActivitiesPage />, store) })
    const thisMonth = chinaMonthOf(new Date())
    expect(screen.getByText(`${monthLabel(thisMonth)}还没有活动记录`)).toBeTruthy()

    await act(async () => { fireEvent.click(screen.getByText('‹ 上月')) })
    expect(months).toEqual([thisMonth, shiftMonth(thisMonth, -1)])
    expect(screen.getByText(`${monthLabel(shiftMonth(thisMonth, -1))}还没有活动记录`)).toBeTruthy()
  })
})

describe('登记活动 page', () => {
  afterEach(() => { jest.mocked(useRouter).mockReturnValue({ params: {} } as never) })

  it('when the attendance typed is negative, then 参加人数不能为负数 shows, nothing is sent and the typing stays', async () => {
    const api = new FakeApi()
    const store = await signedIn(api)
    await act(async () => { renderWithStores(<ActivityEditPage />, store) })

    fireEvent.click(screen.getByText('院坝会'))
    fireEvent.change(screen.getByPlaceholderText('如：东村防诈骗院坝会'), { target: { value: '东村院坝会' } })
    fireEvent.change(screen.getByPlaceholderText('如：东村村委会院坝'), { target: { value: '村委会院坝' } })
    fireEvent.change(screen.getByPlaceholderText('如：柏林派出所、东村村委会'), { target: { value: '东村村委会' } })
    fireEvent.change(screen.getByPlaceholderText('如：60'), { target: { value: '-3' } })
    fireEvent.click(screen.getByText('宝妈'))
    await act(async () => { fireEvent.click(screen.getByText('保存')) })

    expect(screen.getByText('保存失败：参加人数不能为负数')).toBeTruthy()
    expect((screen.getByPlaceholderText('如：东村防诈骗院坝会') as HTMLInputElement).value).toBe('东村院坝会')
    expect(screen.getByText('✓ 宝妈')).toBeTruthy()
    expect(screen.getByText('保存活动后即可添加照片')).toBeTruthy()
  })

  it('when an activity is deleted, then it asks first, and only the confirmation deletes it and goes back', async () => {
    jest.mocked(useRouter).mockReturnValue({ params: { id: 'a1' } } as never)
    const api = new FakeApi()
    const deleted: string[] = []
    api.activity = () => Promise.resolve(anActivity())
    api.deleteActivity = (id) => { deleted.push(id); return Promise.resolve() }
    const store = await signedIn(api)
    await act(async () => { renderWithStores(<ActivityEditPage />, store) })

    expect(screen.getByText('活动照片（1/9）')).toBeTruthy()
    expect(screen.getByText('添加照片（还可 8 张）')).toBeTruthy()
    fireEvent.click(screen.getByText('删除活动'))
    expect(screen.getByText('删除这次活动？')).toBeTruthy()
    fireEvent.click(screen.getByText('取消'))
    expect(deleted).toEqual([])

    fireEvent.click(screen.getByText('删除活动'))
    await act(async () => { fireEvent.click(screen.getByText('确认删除')) })
    expect(deleted).toEqual(['a1'])
    expect(Taro.navigateBack).toHaveBeenCalled()
  })

  it('when the caller did not log the activity, then it reads without save, delete or photo buttons', async () => {
    jest.mocked(useRouter).mockReturnValue({ params: { id: 'a1' } } as never)
    const api = new FakeApi()
    api.activity = () => Promise.resolve(anActivity({ editable: false }))
    const store = await signedIn(api)
    await act(async () => { renderWithStores(<ActivityEditPage />, store) })

    expect(screen.getByText('只有登记人或派出所管理员可以修改、删除该活动')).toBeTruthy()
    expect(screen.queryByText('保存')).toBeNull()
    expect(screen.queryByText('删除活动')).toBeNull()
    expect(screen.queryByText('删除照片1')).toBeNull()
  })
})
