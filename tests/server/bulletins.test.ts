import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { BulletinDetail } from '@/contract/bulletins'
import { type BulletinCase, type BulletinInput, chinaDateOf } from '@/core/bulletins'
import { countyIdOf, regionPath, type RegionLevel } from '@/core/regions'
import type { Role } from '@/core/roles'
import type { DB } from '../../server/src/db/schema'
import { demoBulletinRows, seedDemoBulletins } from '../../server/src/seed/bulletins'
import { aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

interface Place { id: string; path: string }
interface Jurisdiction { county: Place; bailin: Place; tanghe: Place; village: Place }

/** A county with two towns, 柏林镇 and 塘河镇, and a village in 柏林镇; fresh codes so that files never collide. */
async function aJurisdiction(db: Kysely<DB>): Promise<Jurisdiction> {
  const c = `8${String(parseInt(randomBytes(4).toString('hex'), 16)).slice(-5).padStart(5, '0')}`
  const add = async (id: string, level: RegionLevel, name: string, parent: Place | null): Promise<Place> => {
    const path = regionPath(parent?.path ?? null, id)
    await db.insertInto('regions').values({ id, parent_id: parent?.id ?? null, level, name, path, county_id: countyIdOf(path) }).execute()
    return { id, path }
  }
  const county = await add(c, 'county', '江津区', null)
  const bailin = await add(`${c}115`, 'town', '柏林镇', county)
  const tanghe = await add(`${c}107`, 'town', '塘河镇', county)
  const village = await add(`${c}115200`, 'village', '东胜村', bailin)
  return { county, bailin, tanghe, village }
}

const aCase = (overrides: Partial<BulletinCase> = {}): BulletinCase => ({
  fraudType: 'rebate_task',
  victimProfile: '柏林镇某村 45岁 女性 务农',
  lossYuan: 12800,
  method: '受害人在短视频平台看到“点赞返利”广告后被拉入刷单群，先后垫付 5 笔资金后无法提现。',
  warning: '刷单返利都是诈骗，凡是要求先垫付的兼职一律不要信。',
  ...overrides,
})

describe.each(ENGINES)('bulletins: authoring and the public pages on %s', (engine) => {
  let t: TestApp
  let j: Jurisdiction
  beforeEach(async () => {
    t = await startTestApp(engine)
    j = await aJurisdiction(t.db)
  })
  afterEach(async () => { await t.close() })

  const anInput = (overrides: Partial<BulletinInput> = {}): BulletinInput => ({
    regionId: j.bailin.id,
    bulletinDate: chinaDateOf(new Date(t.now().getTime() - 24 * 3600_000)),
    title: '11月28日 电信网络诈骗警情通报',
    cases: [aCase(), aCase({ fraudType: 'fake_police', lossYuan: 0.5 })],
    advice: '不听不信不转账，接到 96110 来电请务必接听。',
    ...overrides,
  })
  const tokenFor = async (role: Role, regionId: string, displayName = '李警官') =>
    signIn(t, (await aUser(t.db, { displayName, roles: [{ role, regionId }] })).id)
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: object) =>
    t.app.inject({ method, url, ...(token && { headers: bearer(token) }), ...(payload && { payload }) })
  const minutesFromNow = (n: number) => new Date(t.now().getTime() + n * 60_000)

  async function aDraft(token: string, overrides: Partial<BulletinInput> = {}): Promise<BulletinDetail> {
    const res = await send('POST', '/api/bulletins', token, anInput(overrides))
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  async function aPublished(token: string, overrides: Partial<BulletinInput> = {}): Promise<BulletinDetail> {
    const draft = await aDraft(token, overrides)
    const res = await send('POST', `/api/bulletins/${draft.id}/publish`, token, {})
    expect(res.statusCode).toBe(200)
    return res.json()
  }

  it('when a draft is published with at: null, then it is published now as the contract says', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const draft = await aDraft(token)
    const res = await send('POST', `/api/bulletins/${draft.id}/publish`, token, { at: null })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'published', publishedAt: t.now().toISOString() })
  })

  it('when an admin creates a bulletin, then it is a draft at version 1 signed by the town\'s station', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const res = await send('POST', '/api/bulletins', token, anInput({ title: '  11月28日 电信网络诈骗警情通报 ' }))
    expect(res.statusCode).toBe(200)
    const detail: BulletinDetail = res.json()
    expect(detail).toMatchObject({
      status: 'draft', version: 1, regionId: j.bailin.id, regionName: '柏林镇', stationName: '柏林派出所', title: '11月28日 电信网络诈骗警情通报',
      publishedAt: null, retractedAt: null, totalLossYuan: 12800.5, posterUrl: `/api/public/bulletins/${detail.id}/poster.png`,
    })
    expect(detail.cases).toEqual(anInput().cases)
    expect((await send('GET', `/api/bulletins/${detail.id}`, token)).json()).toEqual(detail)
  })

  it('when a county admin writes for the county, then the poster is signed by the county bureau', async () => {
    const token = await tokenFor('admin', j.county.id)
    expect((await aDraft(token, { regionId: j.county.id })).stationName).toBe('江津区公安局')
  })

  it('when a draft is edited, then its version 1 is rewritten and the versions list names the editor', async () => {
    const draft = await aDraft(await tokenFor('admin', j.bailin.id, '李警官'))
    const editor = await tokenFor('admin', j.bailin.id, '王所长')
    const res = await send('PUT', `/api/bulletins/${draft.id}`, editor, anInput({ title: '更正后的标题' }))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ version: 1, title: '更正后的标题', status: 'draft' })
    const versions = (await send('GET', `/api/bulletins/${draft.id}/versions`, editor)).json()
    expect(versions).toEqual([{ version: 1, title: '更正后的标题', editedBy: '王所长', editedAt: expect.any(String) }])
  })

  it('when a draft is published without a time, then residents can list and read it without signing in, with a short cache', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const published = await aPublished(token)
    expect(published).toMatchObject({ status: 'published', publishedAt: t.now().toISOString() })
    const list = await send('GET', '/api/public/bulletins')
    expect(list.statusCode).toBe(200)
    expect(list.headers['cache-control']).toBe('public, max-age=60')
    expect(list.json()).toEqual({
      total: 1,
      items: [{
        id: published.id, bulletinDate: published.bulletinDate, title: published.title, caseCount: 2, totalLossYuan: 12800.5,
        publishedAt: t.now().toISOString(), version: 1,
      }],
    })
    const detail = await send('GET', `/api/public/bulletins/${published.id}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json()).toEqual(published)
  })

  it('when a published bulletin is edited, then it becomes version 2, the public detail shows it and both versions are listed', async () => {
    const published = await aPublished(await tokenFor('admin', j.bailin.id, '李警官'))
    const editor = await tokenFor('admin', j.bailin.id, '王所长')
    const res = await send('PUT', `/api/bulletins/${published.id}`, editor, anInput({ cases: [aCase({ lossYuan: 13800 })] }))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ version: 2, status: 'published', totalLossYuan: 13800 })
    const row = await t.db.selectFrom('bulletins').select('current_version').where('id', '=', published.id).executeTakeFirstOrThrow()
    expect(row.current_version).toBe(2)
    const detail = (await send('GET', `/api/public/bulletins/${published.id}`)).json()
    expect(detail).toMatchObject({ version: 2, cases: [aCase({ lossYuan: 13800 })] })
    const versions = (await send('GET', `/api/bulletins/${published.id}/versions`, editor)).json()
    expect(versions.map((v: { version: number; editedBy: string }) => [v.version, v.editedBy])).toEqual([[2, '王所长'], [1, '李警官']])
  })

  it('when edits of a published bulletin race, then every accepted one has its own version and the others are told to refresh', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const published = await aPublished(token)
    const results = await Promise.all([1, 2, 3, 4].map((n) => send('PUT', `/api/bulletins/${published.id}`, token, anInput({ title: `第${n}次修改` }))))
    const accepted = results.filter((r) => r.statusCode === 200).length
    expect(accepted).toBeGreaterThanOrEqual(1)
    for (const r of results.filter((r) => r.statusCode !== 200)) expect([r.statusCode, r.json().code]).toEqual([409, 'BULLETIN_EDIT_CONFLICT'])
    const versions = (await send('GET', `/api/bulletins/${published.id}/versions`, token)).json()
    expect(versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: accepted + 1 }, (_, i) => accepted + 1 - i))
  })

  it('when a bulletin is scheduled an hour ahead, then residents see nothing until the hour has passed', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const draft = await aDraft(token)
    const at = minutesFromNow(60)
    const res = await send('POST', `/api/bulletins/${draft.id}/publish`, token, { at: at.toISOString() })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'scheduled', publishedAt: at.toISOString() })
    expect((await send('GET', '/api/public/bulletins')).json()).toEqual({ total: 0, items: [] })
    expect((await send('GET', `/api/public/bulletins/${draft.id}`)).json().code).toBe('BULLETIN_NOT_FOUND')
    t.setNow(minutesFromNow(61))
    expect((await send('GET', '/api/public/bulletins')).json().total).toBe(1)
    expect((await send('GET', `/api/public/bulletins/${draft.id}`)).json()).toMatchObject({ status: 'published' })
  })

  it('when the publish time is 10 minutes past, then 400 BULLETIN_PUBLISH_TIME_INVALID in Chinese and it stays a draft', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const draft = await aDraft(token)
    const res = await send('POST', `/api/bulletins/${draft.id}/publish`, token, { at: minutesFromNow(-10).toISOString() })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ code: 'BULLETIN_PUBLISH_TIME_INVALID', message: '定时发布时间无效或已过去太久' })
    expect((await send('GET', `/api/bulletins/${draft.id}`, token)).json().status).toBe('draft')
  })

  it('when a draft still holds template text, then publishing is refused with 400 BULLETIN_TEMPLATE_TEXT naming the field, and it stays a draft', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const draft = await aDraft(token, { cases: [aCase(), aCase({ victimProfile: '某社区 XX岁 男性 退休职工' })] })

    const res = await send('POST', `/api/bulletins/${draft.id}/publish`, token, {})

    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BULLETIN_TEMPLATE_TEXT', message: '通报中还有模板提示文字，请按实际案情填写后再发布' })
    expect(res.json().details).toEqual([expect.objectContaining({ field: 'cases.1.victimProfile' })])
    expect((await send('GET', `/api/bulletins/${draft.id}`, token)).json().status).toBe('draft')
    expect((await send('GET', '/api/public/bulletins?page=1&pageSize=20')).json().items).toEqual([])
  })

  it('when a published bulletin is edited back to template text, then 400 BULLETIN_TEMPLATE_TEXT and residents keep version 1', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const published = await aPublished(token)

    const res = await send('PUT', `/api/bulletins/${published.id}`, token, anInput({ cases: [aCase({ method: '受害人被拉入刷单群……' })] }))

    expect([res.statusCode, res.json().code]).toEqual([400, 'BULLETIN_TEMPLATE_TEXT'])
    expect((await send('GET', `/api/public/bulletins/${published.id}`)).json()).toMatchObject({ version: 1 })
  })

  it('when a published bulletin is published again, then 409 BULLETIN_ALREADY_PUBLISHED', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const published = await aPublished(token)
    const res = await send('POST', `/api/bulletins/${published.id}/publish`, token, {})
    expect([res.statusCode, res.json().code]).toEqual([409, 'BULLETIN_ALREADY_PUBLISHED'])
  })

  it('when a bulletin is published, then the publishing is in the audit log', async () => {
    const published = await aPublished(await tokenFor('admin', j.bailin.id))
    const audit = await t.db.selectFrom('audit_log').select(['action', 'county_id']).where('target_id', '=', published.id).execute()
    expect(audit).toEqual([{ action: 'bulletin.publish', county_id: j.county.id }])
  })

  it('when a bulletin is retracted with a reason, then residents get 410 and it leaves the public list', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const published = await aPublished(token)
    const res = await send('POST', `/api/bulletins/${published.id}/retract`, token, { reason: '损失金额有误' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'retracted', retractedAt: t.now().toISOString() })
    const detail = await send('GET', `/api/public/bulletins/${published.id}`)
    expect(detail.statusCode).toBe(410)
    expect(detail.json()).toEqual({ code: 'BULLETIN_RETRACTED', message: '该通报已撤回' })
    expect((await send('GET', '/api/public/bulletins')).json().total).toBe(0)
    const row = await t.db.selectFrom('bulletins').select(['retract_reason']).where('id', '=', published.id).executeTakeFirstOrThrow()
    expect(row.retract_reason).toBe('损失金额有误')
  })

  it('when a retraction has a blank reason, then 400 BULLETIN_RETRACT_REASON_REQUIRED; without one, 400 VALIDATION_FAILED', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const published = await aPublished(token)
    const blank = await send('POST', `/api/bulletins/${published.id}/retract`, token, { reason: '   ' })
    expect([blank.statusCode, blank.json()]).toEqual([400, { code: 'BULLETIN_RETRACT_REASON_REQUIRED', message: '请填写撤回原因' }])
    const missing = await send('POST', `/api/bulletins/${published.id}/retract`, token, {})
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'VALIDATION_FAILED'])
  })

  it('when a draft is retracted or a retracted bulletin edited, then 409 with the reason', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const draft = await aDraft(token)
    const retractDraft = await send('POST', `/api/bulletins/${draft.id}/retract`, token, { reason: '不需要了' })
    expect([retractDraft.statusCode, retractDraft.json().code]).toEqual([409, 'BULLETIN_NOT_PUBLISHED'])
    const published = await aPublished(token)
    await send('POST', `/api/bulletins/${published.id}/retract`, token, { reason: '重复发布' })
    const edit = await send('PUT', `/api/bulletins/${published.id}`, token, anInput())
    expect([edit.statusCode, edit.json().code]).toEqual([409, 'BULLETIN_RETRACTED'])
  })

  it('when residents open an unknown id or a draft, then 404 BULLETIN_NOT_FOUND', async () => {
    const draft = await aDraft(await tokenFor('admin', j.bailin.id))
    for (const id of [draft.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await send('GET', `/api/public/bulletins/${id}`)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ code: 'BULLETIN_NOT_FOUND', message: '找不到该通报，可能尚未发布' })
    }
  })

  it('when several are published, then the public list pages them newest first', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const ids: string[] = []
    for (const n of [1, 2, 3]) {
      ids.push((await aPublished(token, { title: `通报${n}` })).id)
      t.setNow(minutesFromNow(10))
    }
    const first = (await send('GET', '/api/public/bulletins?page=1&pageSize=2')).json()
    const second = (await send('GET', '/api/public/bulletins?page=2&pageSize=2')).json()
    expect(first.total).toBe(3)
    expect([...first.items, ...second.items].map((b: { id: string }) => b.id)).toEqual([ids[2], ids[1], ids[0]])
  })

  it('when an admin of 塘河镇 edits, publishes or reads 柏林镇\'s bulletin, then 404 as for an unknown bulletin, writing one for 柏林镇 is 403 OUT_OF_SCOPE, and their list leaves it out', async () => {
    const bailinBulletin = await aDraft(await tokenFor('admin', j.bailin.id))
    const tanghe = await tokenFor('admin', j.tanghe.id)
    for (const res of [
      await send('PUT', `/api/bulletins/${bailinBulletin.id}`, tanghe, anInput()),
      await send('POST', `/api/bulletins/${bailinBulletin.id}/publish`, tanghe, {}),
      await send('GET', `/api/bulletins/${bailinBulletin.id}`, tanghe),
    ]) {
      expect([res.statusCode, res.json().code]).toEqual([404, 'BULLETIN_NOT_FOUND'])
    }
    const created = await send('POST', '/api/bulletins', tanghe, anInput({ regionId: j.bailin.id }))
    expect([created.statusCode, created.json().code]).toEqual([403, 'OUT_OF_SCOPE'])
    expect((await send('GET', '/api/bulletins/manage', tanghe)).json()).toEqual({ total: 0, items: [] })
  })

  it('when the manage list is read, then drafts and published bulletins of the scope come back with their status', async () => {
    const token = await tokenFor('admin', j.bailin.id)
    const draft = await aDraft(token)
    const published = await aPublished(token)
    const county = await tokenFor('admin', j.county.id)
    const res = await send('GET', `/api/bulletins/manage?regionId=${j.bailin.id}`, county)
    expect(res.statusCode).toBe(200)
    const byId = new Map(res.json().items.map((i: { id: string; status: string }) => [i.id, i.status]))
    expect(byId).toEqual(new Map([[draft.id, 'draft'], [published.id, 'published']]))
    expect(res.json().items[0]).toMatchObject({ regionId: j.bailin.id, regionName: '柏林镇', caseCount: 2, totalLossYuan: 12800.5 })
  })

  it('when a cadre tries to author, then 403 FORBIDDEN; without sign-in, 401', async () => {
    const cadre = await tokenFor('cadre', j.village.id)
    const res = await send('POST', '/api/bulletins', cadre, anInput())
    expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN'])
    const anonymous = await send('POST', '/api/bulletins', undefined, anInput())
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'AUTH_REQUIRED'])
  })

  it('when a bulletin is written for a village, then 400 BULLETIN_REGION_INVALID', async () => {
    const res = await send('POST', '/api/bulletins', await tokenFor('admin', j.bailin.id), anInput({ regionId: j.village.id }))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ code: 'BULLETIN_REGION_INVALID', message: '通报只能以镇街派出所或区县公安局的名义发布' })
  })

  it('when a bulletin has no case, then 400 BULLETIN_NO_CASES in Chinese', async () => {
    const res = await send('POST', '/api/bulletins', await tokenFor('admin', j.bailin.id), anInput({ cases: [] }))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BULLETIN_NO_CASES', message: '请至少填写一个案例' })
  })

  it('when a loss is negative, then 400 BULLETIN_INVALID naming the case', async () => {
    const res = await send('POST', '/api/bulletins', await tokenFor('admin', j.bailin.id), anInput({ cases: [aCase({ lossYuan: -100 })] }))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BULLETIN_INVALID', message: '第 1 个案例的损失金额应为不小于 0 的金额，最多两位小数' })
  })

  it('when the demo bulletins are seeded, then residents read yesterday\'s 柏林镇 bulletin with 3 cases and the police persona also has a draft', async () => {
    const seededAt = new Date('2026-01-05T01:00:00Z')
    await t.db.insertInto('regions').values([
      { id: '500116', parent_id: null, level: 'county', name: '江津区', path: '/500116/', county_id: '500116' },
      { id: '500116115', parent_id: '500116', level: 'town', name: '柏林镇', path: '/500116/500116115/', county_id: '500116' },
    ]).execute()
    const police = await aUser(t.db, { displayName: '李警官', demoPersona: 'police', roles: [{ role: 'admin', regionId: '500116115' }] })
    expect(await seedDemoBulletins(t.db, [{ id: police.id, display_name: police.displayName, demo_persona: 'police' }], seededAt)).toBe(2)
    t.setNow(seededAt)
    const list = (await send('GET', '/api/public/bulletins')).json()
    expect(list.items).toEqual([expect.objectContaining({ bulletinDate: '2026-01-04', title: '1月4日 电信网络诈骗警情通报', caseCount: 3 })])
    const detail = (await send('GET', `/api/public/bulletins/${list.items[0].id}`)).json()
    expect(detail).toMatchObject({ stationName: '柏林派出所', totalLossYuan: 194650 })
    const managed = (await send('GET', '/api/bulletins/manage', await signIn(t, police.id))).json()
    expect(managed.items.map((b: { status: string }) => b.status).sort()).toEqual(['draft', 'published'])
  })

  it('when the fraud type is unknown, then 400 BULLETIN_INVALID naming the case', async () => {
    const res = await send('POST', '/api/bulletins', await tokenFor('admin', j.bailin.id), anInput({ cases: [aCase(), aCase({ fraudType: 'lottery' as never })] }))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BULLETIN_INVALID', message: '第 2 个案例的诈骗类型未知' })
    const { n } = await t.db.selectFrom('bulletins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(0)
  })
})

describe('demo bulletins', () => {
  it('when they are built twice for the same town and time, then the rows are identical, ids included', () => {
    const at = new Date('2026-01-05T01:00:00Z')
    const author = '11111111-1111-4111-8111-111111111111'
    const first = demoBulletinRows('500116115', '500116', author, at)
    expect(demoBulletinRows('500116115', '500116', author, at)).toEqual(first)
    expect(first.bulletins.map((b) => [b.bulletin_date, b.published_at])).toEqual([['2026-01-04', new Date('2026-01-05T00:30:00Z')], ['2026-01-05', null]])
  })
})
