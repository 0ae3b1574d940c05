import { randomBytes } from 'node:crypto'
import type { Activity, ActivityInput, ActivityListItem, ActivityPhoto } from '@/contract/activities'
import type { Role } from '@/core/roles'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const aJpeg = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)])
const aPng = (size = 512) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)])

/** A multipart body with several files, as a browser's FormData sends it. */
function photoForm(files: { field: string; content: Buffer; contentType?: string }[]) {
  const boundary = `----xuanfang${randomBytes(8).toString('hex')}`
  const parts = files.map((f) => Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.field}.jpg"\r\nContent-Type: ${f.contentType ?? 'image/jpeg'}\r\n\r\n`),
    f.content,
    Buffer.from('\r\n'),
  ]))
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe.each(ENGINES)('activities on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    t.setNow(new Date('2026-11-20T04:00:00Z'))
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string, displayName = '王书记') =>
    signIn(t, (await aUser(t.db, { displayName, roles: [{ role, regionId }] })).id)
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) })
  const anInput = (overrides: Partial<ActivityInput> = {}): ActivityInput => ({
    regionId: tree.villages[0].id, kind: 'courtyard_meeting', title: '东村院坝会', place: '东村村委会院坝', heldAt: '2026-11-18T06:30:00.000Z',
    organiser: '东村村委会', attendance: 60, targetGroups: ['老年人', '宝妈'], materials: 120, summary: '讲解刷单返利和冒充客服骗局', ...overrides,
  })
  async function anActivity(token: string, overrides: Partial<ActivityInput> = {}): Promise<Activity> {
    const res = await send('POST', '/api/activities', token, anInput(overrides))
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const upload = (token: string, activityId: string, photo: Buffer, thumbnail: Buffer, contentType?: string) =>
    t.app.inject({
      method: 'POST', url: `/api/activities/${activityId}/photos`,
      ...(({ payload, headers }) => ({ payload, headers: { ...headers, ...bearer(token) } }))(photoForm([
        { field: 'photo', content: photo, contentType }, { field: 'thumbnail', content: thumbnail, contentType },
      ])),
    })
  async function aPhoto(token: string, activityId: string, photo = aJpeg(), thumbnail = aJpeg(256)): Promise<ActivityPhoto> {
    const res = await upload(token, activityId, photo, thumbnail)
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const listOf = async (token: string, query: string): Promise<ActivityListItem[]> => {
    const res = await send('GET', `/api/activities?${query}`, token)
    expect(res.statusCode).toBe(200)
    return res.json().items
  }

  it('when a cadre logs an activity, then it reads back whole with its region, its creator and editable', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const created = await anActivity(cadre)
    expect(created).toMatchObject({
      ...anInput(), regionName: '东村', createdBy: { name: '王书记' }, photos: [], editable: true,
    })
    expect((await send('GET', `/api/activities/${created.id}`, cadre)).json()).toEqual(created)
  })

  it('when another village\'s cadre asks, then the activity is neither listed nor readable, while the town admin sees it', async () => {
    const created = await anActivity(await tokenFor('cadre', tree.villages[0].id))
    const west = await tokenFor('cadre', tree.villages[1].id, '李主任')
    expect(await listOf(west, 'month=2026-11')).toEqual([])
    const read = await send('GET', `/api/activities/${created.id}`, west)
    expect([read.statusCode, read.json().code]).toEqual([404, 'ACTIVITY_NOT_FOUND'])
    const asked = await send('GET', `/api/activities?regionId=${tree.villages[0].id}`, west)
    expect([asked.statusCode, asked.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
    const admin = await tokenFor('admin', tree.town.id, '李警官')
    expect((await listOf(admin, `regionId=${tree.villages[0].id}&month=2026-11`)).map((a) => a.id)).toEqual([created.id])
  })

  it('when a cadre logs an activity in another village, then 403 OUT_OF_SCOPE; in an unknown region, then 404 REGION_NOT_FOUND', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const other = await send('POST', '/api/activities', cadre, anInput({ regionId: tree.villages[1].id }))
    expect([other.statusCode, other.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
    const unknown = await send('POST', '/api/activities', cadre, anInput({ regionId: 'NOPE-1' }))
    expect([unknown.statusCode, unknown.json().code, unknown.json().message]).toEqual([404, 'REGION_NOT_FOUND', '找不到该区域'])
  })

  it('when a dissuader or a resident lists activities, then 403 FORBIDDEN', async () => {
    for (const role of ['dissuader', 'resident'] as const) {
      const res = await send('GET', '/api/activities', await tokenFor(role, tree.villages[0].id))
      expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN'])
    }
  })

  it('when the month is chosen, then activities are grouped by Beijing time, newest first, and the kind narrows them', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const lateOctober = await anActivity(cadre, { title: '十月末', heldAt: '2026-10-31T15:30:00.000Z' }) // 23:30 on 31 Oct in Beijing
    const firstNovember = await anActivity(cadre, { title: '十一月初', heldAt: '2026-10-31T16:10:00.000Z' }) // 00:10 on 1 Nov in Beijing
    const school = await anActivity(cadre, { title: '进校园', kind: 'school', heldAt: '2026-11-10T02:00:00.000Z' })
    expect((await listOf(cadre, 'month=2026-10')).map((a) => a.id)).toEqual([lateOctober.id])
    expect((await listOf(cadre, 'month=2026-11')).map((a) => a.id)).toEqual([school.id, firstNovember.id])
    expect((await listOf(cadre, 'month=2026-11&kind=school')).map((a) => a.id)).toEqual([school.id])
    const bad = await send('GET', '/api/activities?month=2026-13', cadre)
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED'])
  })

  it('when there are more activities than a page, then the page and the total say so', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    for (const day of [1, 2, 3]) await anActivity(cadre, { title: `第${day}场`, heldAt: `2026-11-0${day}T02:00:00.000Z` })
    const res = await send('GET', '/api/activities?month=2026-11&page=2&pageSize=2', cadre)
    expect(res.json()).toMatchObject({ total: 3, items: [{ title: '第1场' }] })
  })

  it('when the attendance is negative, then 400 ACTIVITY_ATTENDANCE_INVALID says 参加人数不能为负数 and nothing is saved', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const res = await send('POST', '/api/activities', cadre, anInput({ attendance: -5 }))
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'ACTIVITY_ATTENDANCE_INVALID', '参加人数不能为负数'])
    expect(await listOf(cadre, 'month=2026-11')).toEqual([])
  })

  it('when the kind is unknown and the title blank, then 400 ACTIVITY_INVALID names both', async () => {
    const res = await send('POST', '/api/activities', await tokenFor('cadre', tree.villages[0].id), anInput({ kind: 'party' as never, title: ' ' }))
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'ACTIVITY_INVALID', '请选择活动类型；请填写活动名称'])
  })

  it('when its creator edits it, then the new values are kept; when another cadre of the village tries, then 403', async () => {
    const creator = await tokenFor('cadre', tree.villages[0].id)
    const created = await anActivity(creator)
    const updated = await send('PUT', `/api/activities/${created.id}`, creator, anInput({ attendance: 75, targetGroups: ['学生'] }))
    expect(updated.json()).toMatchObject({ attendance: 75, targetGroups: ['学生'] })
    const colleague = await tokenFor('cadre', tree.villages[0].id, '赵委员')
    expect((await send('GET', `/api/activities/${created.id}`, colleague)).json().editable).toBe(false)
    const refused = await send('PUT', `/api/activities/${created.id}`, colleague, anInput())
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN'])
  })

  it('when a photo is uploaded, then it and its thumbnail are served back byte for byte with their type and cache headers', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const activity = await anActivity(cadre)
    const [photo, thumbnail] = [aPng(4096), aJpeg(300)]
    const added = await aPhoto(cadre, activity.id, photo, thumbnail)
    expect(added).toEqual({ id: expect.any(String), url: `/api/activity-photos/${added.id}`, thumbnailUrl: `/api/activity-photos/${added.id}/thumbnail` })

    const full = await send('GET', added.url, cadre)
    expect([full.statusCode, full.headers['content-type'], full.headers['cache-control']]).toEqual([200, 'image/png', 'private, max-age=31536000, immutable'])
    expect(full.rawPayload.equals(photo)).toBe(true)
    const thumb = await send('GET', added.thumbnailUrl, cadre)
    expect(thumb.headers['content-type']).toBe('image/jpeg')
    expect(thumb.rawPayload.equals(thumbnail)).toBe(true)

    expect((await send('GET', `/api/activities/${activity.id}`, cadre)).json().photos).toEqual([added])
    expect(await listOf(cadre, 'month=2026-11')).toMatchObject([{ photoCount: 1, thumbnails: [added.thumbnailUrl] }])
  })

  it('when a photo is fetched by another village\'s cadre, then 404 as for an unknown activity', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const added = await aPhoto(cadre, (await anActivity(cadre)).id)
    const res = await send('GET', added.url, await tokenFor('cadre', tree.villages[1].id, '李主任'))
    expect([res.statusCode, res.json().code]).toEqual([404, 'ACTIVITY_NOT_FOUND'])
  })

  it('when the bytes are not a JPEG, PNG or WebP whatever the header says, then 400 ACTIVITY_PHOTO_INVALID', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const activity = await anActivity(cadre)
    const gif = Buffer.concat([Buffer.from('GIF89a'), randomBytes(200)])
    const res = await upload(cadre, activity.id, gif, aJpeg(200), 'image/jpeg')
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, 'ACTIVITY_PHOTO_INVALID', '照片格式不支持或过大，请上传压缩后的 JPG/PNG 照片'])
    const html = await upload(cadre, activity.id, aJpeg(), Buffer.from('<script>alert(1)</script>'))
    expect(html.json().code).toBe('ACTIVITY_PHOTO_INVALID')
  })

  it('when a photo or a thumbnail is over its size, then it is refused', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const activity = await anActivity(cadre)
    const big = await upload(cadre, activity.id, aJpeg(1024 * 1024 + 1), aJpeg(200))
    expect([big.statusCode, big.json().code]).toEqual([413, 'ACTIVITY_PHOTO_INVALID'])
    const bigThumb = await upload(cadre, activity.id, aJpeg(), aJpeg(64 * 1024 + 1))
    expect([bigThumb.statusCode, bigThumb.json().code]).toEqual([400, 'ACTIVITY_PHOTO_INVALID'])
    expect((await send('GET', `/api/activities/${activity.id}`, cadre)).json().photos).toEqual([])
  })

  it('when the mini-program sends the thumbnail as base64 text, then it is stored as the same bytes', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const activity = await anActivity(cadre)
    const thumbnail = aJpeg(500)
    const boundary = 'wxupload'
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="thumbnail"\r\n\r\n${thumbnail.toString('base64')}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="tmp.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      aJpeg(), Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const res = await t.app.inject({
      method: 'POST', url: `/api/activities/${activity.id}/photos`, payload, headers: { ...bearer(cadre), 'content-type': `multipart/form-data; boundary=${boundary}` },
    })
    expect(res.statusCode).toBe(200)
    expect((await send('GET', res.json().thumbnailUrl, cadre)).rawPayload.equals(thumbnail)).toBe(true)
  })

  it('when the ninth photo is in, then the tenth is refused with ACTIVITY_PHOTO_LIMIT', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const activity = await anActivity(cadre)
    for (let i = 0; i < 9; i++) await aPhoto(cadre, activity.id, aJpeg(300), aJpeg(100))
    const res = await upload(cadre, activity.id, aJpeg(300), aJpeg(100))
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([409, 'ACTIVITY_PHOTO_LIMIT', '每个活动最多上传 9 张照片'])
  })

  it('when four photos arrive at once with room for two, then exactly two are kept', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const activity = await anActivity(cadre)
    for (let i = 0; i < 7; i++) await aPhoto(cadre, activity.id, aJpeg(300), aJpeg(100))
    const results = await Promise.all([1, 2, 3, 4].map(() => upload(cadre, activity.id, aJpeg(300), aJpeg(100))))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 409, 409])
    expect((await send('GET', `/api/activities/${activity.id}`, cadre)).json().photos).toHaveLength(9)
  })

  it('when a photo is removed, then it is gone from the activity and no longer served', async () => {
    const cadre = await tokenFor('cadre', tree.villages[0].id)
    const activity = await anActivity(cadre)
    const [first, second] = [await aPhoto(cadre, activity.id), await aPhoto(cadre, activity.id)]
    expect((await send('DELETE', `/api/activities/${activity.id}/photos/${first.id}`, cadre)).statusCode).toBe(204)
    expect((await send('GET', `/api/activities/${activity.id}`, cadre)).json().photos).toEqual([second])
    expect((await send('GET', first.url, cadre)).statusCode).toBe(404)
  })

  it('when the creator deletes an activity, then its photos go with it and an audit row records who did it', async () => {
    const creator = await aUser(t.db, { displayName: '王书记', roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const cadre = await signIn(t, creator.id)
    const activity = await anActivity(cadre)
    const photo = await aPhoto(cadre, activity.id)
    expect((await send('DELETE', `/api/activities/${activity.id}`, cadre)).statusCode).toBe(204)
    expect((await send('GET', `/api/activities/${activity.id}`, cadre)).json().code).toBe('ACTIVITY_NOT_FOUND')
    expect((await send('GET', photo.url, cadre)).statusCode).toBe(404)
    expect(await t.db.selectFrom('activity_photos').selectAll().where('activity_id', '=', activity.id).execute()).toEqual([])
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'activity.delete').execute()
    expect(audit).toMatchObject([{ actor_id: creator.id, target_type: 'activity', target_id: activity.id }])
  })

  it('when another cadre of the village deletes it, then 403 and it stays; when the town admin does, then it is deleted', async () => {
    const activity = await anActivity(await tokenFor('cadre', tree.villages[0].id))
    const colleague = await send('DELETE', `/api/activities/${activity.id}`, await tokenFor('cadre', tree.villages[0].id, '赵委员'))
    expect([colleague.statusCode, colleague.json().code]).toEqual([403, 'FORBIDDEN'])
    const admin = await tokenFor('admin', tree.town.id, '李警官')
    expect((await send('GET', `/api/activities/${activity.id}`, admin)).json().editable).toBe(true)
    expect((await send('DELETE', `/api/activities/${activity.id}`, admin)).statusCode).toBe(204)
  })
})
