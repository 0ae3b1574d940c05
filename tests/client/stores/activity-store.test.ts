import type { Activity, ActivityInput, ActivityListItem, ActivityQuery } from '@/contract/activities'
import type { ActivityKind, TargetGroup } from '@/core/activities'
import { ApiError } from '@/services/api-client'
import type { PreparedPhoto } from '@/services/activity-photos'
import { ActivityStore } from '@/stores/activity-store'
import { FakeApi } from '../support/fake-api'

const NOW = new Date('2026-11-20T04:00:00Z')

const anActivity = (over: Partial<Activity> = {}): Activity => ({
  id: 'a1', regionId: 'v1', regionName: '东村', kind: 'courtyard_meeting', title: '东村院坝会', place: '村委会院坝', heldAt: '2026-11-18T01:30:00.000Z',
  organiser: '东村村委会', attendance: 60, targetGroups: ['老年人'], materials: 100, summary: '', createdBy: { id: 'u1', name: '王书记' }, photos: [],
  editable: true, updatedAt: '2026-11-18T02:00:00.000Z', ...over,
})

const aPhoto = (id: string) => ({ id, url: `/api/activity-photos/${id}`, thumbnailUrl: `/api/activity-photos/${id}/thumbnail` })
const aPrepared = (name: string): PreparedPhoto => ({ kind: 'blob', name, photo: new Blob(['p']), thumbnail: new Blob(['t']) })
const noPicker = { choose: () => Promise.reject(new Error('cancelled')) }

function fillIn(store: ActivityStore) {
  store.startNew('v1')
  store.editDraft({ kind: 'market_day', title: '赶大集宣传', place: '柏林镇集市', date: '2026-11-18', time: '09:30', organiser: '柏林派出所', attendance: '300' })
  store.toggleTargetGroup('老年人')
}

describe('activity store', () => {
  it('when a new activity is saved, then its time goes up as Beijing time and it becomes the activity photos are added to', async () => {
    const api = new FakeApi()
    const sent: ActivityInput[] = []
    api.createActivity = (input) => {
      sent.push(input)
      // The server answers with the kind and groups it checked; the request's schema only knows they are strings.
      return Promise.resolve(anActivity({ ...input, kind: input.kind as ActivityKind, targetGroups: input.targetGroups as TargetGroup[], id: 'a9' }))
    }
    const store = new ActivityStore(api, noPicker, () => NOW)
    fillIn(store)
    await store.save()
    expect(sent).toEqual([expect.objectContaining({ kind: 'market_day', heldAt: '2026-11-18T01:30:00.000Z', attendance: 300, materials: 0, targetGroups: ['老年人'] })])
    expect(store.current?.id).toBe('a9')
    expect(store.photoRoom).toBe(9)
  })

  it('when the attendance is negative, then saving is refused in words, nothing is sent and the form keeps what was typed', async () => {
    const api = new FakeApi()
    const store = new ActivityStore(api, noPicker, () => NOW)
    fillIn(store)
    store.editDraft({ attendance: '-5' })
    await store.save()
    expect(store.saveError).toBe('参加人数不能为负数')
    expect(store.draft).toMatchObject({ title: '赶大集宣传', attendance: '-5', targetGroups: ['老年人'] })
  })

  it('when the server refuses the activity, then its message shows and the draft is untouched', async () => {
    const api = new FakeApi()
    api.createActivity = () => Promise.reject(new ApiError('REGION_NOT_FOUND', '找不到该区域', 404))
    const store = new ActivityStore(api, noPicker, () => NOW)
    fillIn(store)
    const before = { ...store.draft }
    await store.save()
    expect(store.saveError).toBe('找不到该区域')
    expect(store.draft).toEqual(before)
  })

  it('when photos are chosen, then each uploads with its progress and the activity is read again', async () => {
    const api = new FakeApi()
    const progress: number[] = []
    let photos = [aPhoto('p1')]
    api.activity = () => Promise.resolve(anActivity({ photos }))
    api.uploadActivityPhoto = (_id, prepared, onUpload) => {
      onUpload?.(0.5)
      progress.push(store.uploads[0]?.progress ?? -1)
      photos = [...photos, aPhoto(prepared.name)]
      return Promise.resolve(aPhoto(prepared.name))
    }
    const picked: number[] = []
    const store = new ActivityStore(api, { choose: (n) => { picked.push(n); return Promise.resolve([aPrepared('p2'), aPrepared('p3')]) } }, () => NOW)
    await store.open('a1')
    await store.addPhotos()
    expect(picked).toEqual([8])
    expect(progress).toEqual([0.5, 0.5])
    expect(store.uploads).toEqual([])
    expect(store.current?.photos.map((p) => p.id)).toEqual(['p1', 'p2', 'p3'])
    expect(store.photoSrc.get('/api/activity-photos/p3/thumbnail')).toBe('blob:/api/activity-photos/p3/thumbnail')
  })

  it('when an upload fails, then that photo says why and the others still go up', async () => {
    const api = new FakeApi()
    api.activity = () => Promise.resolve(anActivity())
    api.uploadActivityPhoto = (_id, prepared) => (prepared.name === 'p1'
      ? Promise.reject(new ApiError('ACTIVITY_PHOTO_LIMIT', '每个活动最多上传 9 张照片', 409))
      : Promise.resolve(aPhoto(prepared.name)))
    const store = new ActivityStore(api, { choose: () => Promise.resolve([aPrepared('p1'), aPrepared('p2')]) }, () => NOW)
    await store.open('a1')
    await store.addPhotos()
    expect(store.uploads).toMatchObject([{ name: 'p1', error: '每个活动最多上传 9 张照片' }])
  })

  it('when a photo removal is cancelled, then nothing is deleted; when confirmed, then that photo is deleted', async () => {
    const api = new FakeApi()
    const deleted: string[] = []
    api.activity = () => Promise.resolve(anActivity({ photos: deleted.length ? [] : [aPhoto('p1')] }))
    api.deleteActivityPhoto = (_a, photoId) => { deleted.push(photoId); return Promise.resolve() }
    const store = new ActivityStore(api, noPicker, () => NOW)
    await store.open('a1')
    store.askRemoval({ type: 'photo', photoId: 'p1' })
    store.cancelRemoval()
    expect(deleted).toEqual([])
    store.askRemoval({ type: 'photo', photoId: 'p1' })
    expect(await store.confirmRemoval()).toBe(false)
    expect(deleted).toEqual(['p1'])
    expect(store.current?.photos).toEqual([])
  })

  it('when the month is switched back, then the previous month of the same region and kind is asked for', async () => {
    const api = new FakeApi()
    const queries: ActivityQuery[] = []
    api.activities = (q) => { queries.push(q); return Promise.resolve({ items: [] as ActivityListItem[], total: 0 }) }
    const store = new ActivityStore(api, noPicker, () => NOW)
    await store.load('v1', '2026-01')
    await store.chooseKind('school')
    await store.switchMonth(-1)
    expect(queries.map((q) => [q.month, q.kind])).toEqual([['2026-01', undefined], ['2026-01', 'school'], ['2025-12', 'school']])
  })
})
