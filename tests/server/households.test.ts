import type { Role } from '@/core/roles'
import { HouseholdRepo } from '../../server/src/modules/households/repo'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('households: filters, add, edit and phone reveal on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })
  const send = (method: 'POST' | 'PUT', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) })
  const codes = (res: { json(): { items: { code: string }[] } }) => res.json().items.map((h) => h.code)
  const input = (regionId: string, overrides: object = {}) => ({
    regionId, address: '幸福路8号', headName: '李秀英', phone: '139 1234 5678', tags: ['独居老人'], memberCount: 1, ...overrides,
  })

  it('when households are filtered by tag, visited and pledged, then only the matching ones come back', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    await aHousehold(t.db, { regionId: grid, code: 'A1', tags: ['独居老人'] })
    const visited = await aHousehold(t.db, { regionId: grid, code: 'A2', tags: ['一老一小', '独居老人'] })
    const pledged = await aHousehold(t.db, { regionId: grid, code: 'A3' })
    await t.db.updateTable('households').set({ first_visit_at: t.now(), last_visit_at: t.now() }).where('id', 'in', [visited.id, pledged.id]).execute()
    await t.db.updateTable('households').set({ pledged_at: t.now() }).where('id', '=', pledged.id).execute()
    const token = await tokenFor('grid_worker', grid)

    expect(codes(await get(`/api/households?tag=${encodeURIComponent('独居老人')}`, token))).toEqual(['A1', 'A2'])
    expect(codes(await get('/api/households?visited=yes', token))).toEqual(['A2', 'A3'])
    expect(codes(await get('/api/households?visited=no', token))).toEqual(['A1'])
    expect(codes(await get('/api/households?pledged=yes', token))).toEqual(['A3'])
    const combined = await get(`/api/households?tag=${encodeURIComponent('独居老人')}&visited=yes&pledged=no`, token)
    expect(combined.json()).toMatchObject({ total: 1, items: [{ code: 'A2' }] })
  })

  it('when the tag filter is not a known tag, then 400 with a Chinese message', async () => {
    const tree = await aRegionTree(t.db)
    const res = await get(`/api/households?tag=${encodeURIComponent('富人')}`, await tokenFor('admin', tree.town.id))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/查询参数/)
  })

  it('when one household is read, then its detail comes back masked with label and visit fields', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id, code: 'D1', headName: '王小明', phone: '13712345678' })
    await t.db.updateTable('households').set({ first_visit_at: t.now(), app_installed: true, geo_lat: 29.2, geo_lng: 106.3 }).where('id', '=', h.id).execute()
    const res = await get(`/api/households/${h.id}`, await tokenFor('grid_worker', tree.grids[0][0].id))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      id: h.id, code: 'D1', regionId: tree.grids[0][0].id, gridName: '东村第1网格', address: 'D1 号', headName: '王*明',
      phoneMasked: '137****5678', tags: [], memberCount: 1, labelVersion: 0, firstVisitAt: t.now().toISOString(), lastVisitAt: null,
      pledgedAt: null, appInstalled: true, callWarningOn: false, geo: { lat: 29.2, lng: 106.3 },
    })
  })

  it('when a grid worker adds a household to their grid, then it is stored with a fresh short code and an encrypted phone', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const res = await send('POST', '/api/households', await tokenFor('grid_worker', grid), input(grid, { geo: { lat: 29.1, lng: 106.2 } }))
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ regionId: grid, address: '幸福路8号', headName: '李*英', phoneMasked: '139****5678', tags: ['独居老人'], geo: { lat: 29.1, lng: 106.2 } })
    expect(body.code).toMatch(/^H[2-9A-HJKMNP-Z]{7}$/)
    const row = await t.db.selectFrom('households').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
    expect(row.phone_last4).toBe('5678')
    expect(row.phone_enc).not.toContain('13912345678')
    const coverage = await t.db.selectFrom('grid_coverage').select(['households', 'vulnerable']).where('grid_id', '=', grid).executeTakeFirstOrThrow()
    expect(coverage).toEqual({ households: 1, vulnerable: 1 })
  })

  it('when a grid worker adds a household to another grid, then 403 OUT_OF_SCOPE and nothing is stored', async () => {
    const tree = await aRegionTree(t.db)
    const res = await send('POST', '/api/households', await tokenFor('grid_worker', tree.grids[0][0].id), input(tree.grids[0][1].id))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('OUT_OF_SCOPE')
    expect(await t.db.selectFrom('households').selectAll().execute()).toEqual([])
  })

  it.each([
    ['a phone that is not a mobile number', { phone: '023-4567890' }, /11 位手机号码/],
    ['an ID-card number in the address', { address: '幸福路 500116199001011234' }, /身份证/],
    ['an unknown tag', { tags: ['富人'] }, /未知标签：富人/],
    ['a member count of 0', { memberCount: 0 }, /人数/],
    ['an empty name', { headName: '  ' }, /缺少户主姓名/],
  ])('when a household is added with %s, then 400 HOUSEHOLD_INVALID naming the problem', async (_label, overrides, message) => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const res = await send('POST', '/api/households', await tokenFor('cadre', tree.villages[0].id), input(grid, overrides))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'HOUSEHOLD_INVALID', message: expect.stringMatching(message) })
  })

  it('when a new code is already taken or drawn twice in one batch, then each household is stored under a code of its own', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    await aHousehold(t.db, { regionId: grid, code: 'HTAKEN01' })
    const draws = ['HTAKEN01', 'HTWICE02', 'HTWICE02', 'HFRESH03', 'HFRESH04']
    const repo = new HouseholdRepo(t.db, () => draws.shift()!)
    const fields = (address: string) => ({ regionId: grid, countyId: tree.county.id, address, headName: '张三', phone: null, tags: [], memberCount: 1, geo: null })
    const ids = await repo.insertMany([fields('一号'), fields('二号'), fields('三号')], t.now())
    const rows = await t.db.selectFrom('households').select(['id', 'code', 'address']).where('id', 'in', ids).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(ids.map((id) => byId.get(id)!.address)).toEqual(['一号', '二号', '三号'])
    expect(ids.map((id) => byId.get(id)!.code)).toEqual(['HFRESH03', 'HTWICE02', 'HFRESH04'])
  })

  it('when a household is added to a village rather than a grid, then 400 HOUSEHOLD_NOT_IN_GRID', async () => {
    const tree = await aRegionTree(t.db)
    const res = await send('POST', '/api/households', await tokenFor('cadre', tree.villages[0].id), input(tree.villages[0].id))
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('HOUSEHOLD_NOT_IN_GRID')
  })

  it('when a resident adds a household, then 403 FORBIDDEN', async () => {
    const tree = await aRegionTree(t.db)
    const res = await send('POST', '/api/households', await tokenFor('resident', tree.grids[0][0].id), input(tree.grids[0][0].id))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it('when a household is edited without a phone, then the fields change and the stored phone is kept', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const h = await aHousehold(t.db, { regionId: grid, phone: '13812345678' })
    const res = await send('PUT', `/api/households/${h.id}`, await tokenFor('grid_worker', grid), {
      regionId: grid, address: '新街1号', headName: '赵六', tags: ['新市民'], memberCount: 3,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: h.id, code: h.code, address: '新街1号', headName: '赵*', phoneMasked: '138****5678', tags: ['新市民'], memberCount: 3 })
  })

  it('when a household is edited with phone null, then the phone is cleared', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const h = await aHousehold(t.db, { regionId: grid, phone: '13812345678' })
    const res = await send('PUT', `/api/households/${h.id}`, await tokenFor('grid_worker', grid), input(grid, { phone: null }))
    expect(res.json().phoneMasked).toBeNull()
  })

  it('when a grid worker moves their household into another grid, then 403 OUT_OF_SCOPE and it stays', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const res = await send('PUT', `/api/households/${h.id}`, await tokenFor('grid_worker', tree.grids[0][0].id), input(tree.grids[0][1].id))
    expect(res.statusCode).toBe(403)
    const row = await t.db.selectFrom('households').select('region_id').where('id', '=', h.id).executeTakeFirstOrThrow()
    expect(row.region_id).toBe(tree.grids[0][0].id)
  })

  it('when a grid worker edits a household of another grid, then 404 as for an unknown household', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][1].id })
    const res = await send('PUT', `/api/households/${h.id}`, await tokenFor('grid_worker', tree.grids[0][0].id), input(tree.grids[0][1].id))
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
  })

  it('when a grid worker reveals a phone in their grid, then the full number comes back and the reveal is audited', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const h = await aHousehold(t.db, { regionId: grid, phone: '13812345678' })
    const worker = await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid }] })
    const res = await send('POST', `/api/households/${h.id}/phone`, await signIn(t, worker.id))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ phone: '13812345678' })
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([expect.objectContaining({
      action: 'household.reveal_phone', actor_id: worker.id, target_type: 'household', target_id: h.id, county_id: tree.county.id, created_at: t.now(),
    })])
  })

  it.each([['cadre'], ['resident'], ['dissuader']] as [Role][])('when a %s asks for a full phone, then 403 FORBIDDEN and nothing is audited', async (role) => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id, phone: '13812345678' })
    const res = await send('POST', `/api/households/${h.id}/phone`, await tokenFor(role, tree.villages[0].id))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([])
  })

  it('when a grid worker asks for the phone of another grid\'s household, then 404 as for an unknown household and nothing is audited', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][1].id, phone: '13812345678' })
    const res = await send('POST', `/api/households/${h.id}/phone`, await tokenFor('grid_worker', tree.grids[0][0].id))
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([])
  })

  it('when the household has no phone, then 404 HOUSEHOLD_NO_PHONE', async () => {
    const tree = await aRegionTree(t.db)
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const res = await send('POST', `/api/households/${h.id}/phone`, await tokenFor('admin', tree.town.id))
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('HOUSEHOLD_NO_PHONE')
  })
})
