import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import type { Role } from '@/core/roles'
import { aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { testConfig } from '../../server/src/config'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { aRegionSheet, multipartFile } from './helpers/upload'

describe.each(ENGINES)('region import on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const upload = (token: string, file: Buffer, query = '') => {
    const { payload, headers } = multipartFile(file)
    return t.app.inject({ method: 'POST', url: `/api/regions/import${query}`, payload, headers: { ...headers, ...bearer(token) } })
  }
  const regionCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM regions`.execute(t.db)).rows[0].n

  it('when an admin imports a valid sheet, then new regions are created under the right parents, names updated and the import audited', async () => {
    const tree = await aRegionTree(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const sheet = await aRegionSheet([
      [`${tree.town.id}203`, '南村', '村社区', tree.town.id],
      [`${tree.town.id}203-01`, '南村第1网格', '网格', `${tree.town.id}203`],
      [tree.villages[0].id, '东村村民委员会', '村社区', tree.town.id],
    ])
    const res = await upload(await signIn(t, admin.id), sheet)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ dryRun: false, created: 2, updated: 1, errors: [] })
    const grid = await t.db.selectFrom('regions').selectAll().where('id', '=', `${tree.town.id}203-01`).executeTakeFirstOrThrow()
    expect(grid).toMatchObject({ parent_id: `${tree.town.id}203`, level: 'grid', path: `${tree.town.path}${tree.town.id}203/${tree.town.id}203-01/`, county_id: tree.county.id })
    const renamed = await t.db.selectFrom('regions').select('name').where('id', '=', tree.villages[0].id).executeTakeFirstOrThrow()
    expect(renamed.name).toBe('东村村民委员会')
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'region.import', actor_id: admin.id, county_id: tree.county.id })])
  })

  it('when the sheet has bad rows, then every bad row is answered with its reason and nothing is written', async () => {
    const tree = await aRegionTree(t.db)
    const otherCounty = await aRegionTree(t.db)
    const token = await tokenFor('admin', tree.town.id)
    const before = await regionCount()
    const sheet = await aRegionSheet([
      [`${tree.town.id}204`, '好村', '村社区', tree.town.id],
      [null, '无编码村', '村社区', tree.town.id],
      [`${tree.town.id}205`, null, '村社区', tree.town.id],
      [`${tree.town.id}206`, '怪村', '大队', tree.town.id],
      [`${tree.town.id}207`, '孤村', '村社区', 'NO-SUCH'],
      [`${tree.town.id}208`, '错层村', '村社区', tree.county.id],
      [`${tree.town.id}209`, '外村', '村社区', otherCounty.town.id],
      [`${tree.town.id}204`, '重复村', '村社区', tree.town.id],
      [`${tree.town.id}210-01`, '早网格', '网格', `${tree.town.id}210`],
      [`${tree.town.id}210`, '晚村', '村社区', tree.town.id],
    ])
    const res = await upload(token, sheet)
    expect(res.statusCode).toBe(422)
    const body = res.json()
    expect(body).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringMatching(/未导入/) })
    const byRow = Object.fromEntries(body.details.map((e: { row: number; message: string }) => [e.row, e.message]))
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10])
    expect(byRow[3]).toMatch(/第 3 行：缺少编码/)
    expect(byRow[4]).toMatch(/缺少名称/)
    expect(byRow[5]).toMatch(/级别无效/)
    expect(byRow[6]).toMatch(/上级编码不存在/)
    expect(byRow[7]).toMatch(/级别与上级不匹配/)
    expect(byRow[8]).toMatch(/上级不在您的辖区内/)
    expect(byRow[9]).toMatch(/文件内编码重复/)
    expect(byRow[10]).toMatch(/上级编码不存在/)
    expect(await regionCount()).toBe(before)
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([])
  })

  it('when a dry run is asked for, then the findings are answered and nothing is written', async () => {
    const tree = await aRegionTree(t.db)
    const token = await tokenFor('admin', tree.town.id)
    const before = await regionCount()
    const good = await upload(token, await aRegionSheet([[`${tree.town.id}211`, '北村', '村社区', tree.town.id]]), '?dryRun=true')
    expect(good.json()).toEqual({ dryRun: true, created: 1, updated: 0, errors: [] })
    const bad = await upload(token, await aRegionSheet([[`${tree.town.id}212`, '北村', '乡', tree.town.id]]), '?dryRun=true')
    expect(bad.statusCode).toBe(200)
    expect(bad.json().errors).toEqual([{ row: 2, message: expect.stringMatching(/级别无效/) }])
    expect(await regionCount()).toBe(before)
  })

  it.each([['cadre'], ['grid_worker'], ['resident']] as [Role][])('when a %s imports a sheet, then 403 FORBIDDEN and nothing is written', async (role) => {
    const tree = await aRegionTree(t.db)
    const before = await regionCount()
    const res = await upload(await tokenFor(role, tree.villages[0].id), await aRegionSheet([[`${tree.villages[0].id}-09`, '新网格', '网格', tree.villages[0].id]]))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
    expect(await regionCount()).toBe(before)
  })

  it.each([
    ['a file that is not a spreadsheet', Buffer.from('编码,名称\n1,2\n')],
    ['an empty file', Buffer.alloc(0)],
  ])('when the upload is %s, then 400 IMPORT_FILE_UNREADABLE', async (_label, file) => {
    const tree = await aRegionTree(t.db)
    const res = await upload(await tokenFor('admin', tree.town.id), file)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('IMPORT_FILE_UNREADABLE')
  })

  it('when the sheet lacks a header column, then 400 IMPORT_FILE_UNREADABLE naming it', async () => {
    const tree = await aRegionTree(t.db)
    const res = await upload(await tokenFor('admin', tree.town.id), await aRegionSheet([['x', 'y', '网格']], ['编码', '名称', '级别']))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/上级编码/)
  })

  it('when the file is larger than 5 MB, then 413 and nothing is written', async () => {
    const tree = await aRegionTree(t.db)
    const res = await upload(await tokenFor('admin', tree.town.id), Buffer.alloc(5 * 1024 * 1024 + 10, 1))
    expect(res.statusCode).toBe(413)
    expect(res.json().message).toMatch(/5 MB/)
  })

  it('when 20 imports of the same new regions run at once, then each code exists exactly once and no import fails', async () => {
    // What is under test is the database writes racing, not the import slots: let all 20 be read at once.
    await t.close()
    t = await startTestApp(engine, { imports: { ...testConfig().imports, concurrency: 20 } })
    const tree = await aRegionTree(t.db)
    const token = await tokenFor('admin', tree.town.id)
    const codes = Array.from({ length: 5 }, (_, i) => `${tree.town.id}3${i}0`)
    const sheet = await aRegionSheet(codes.flatMap((c) => [[c, `新村${c}`, '村社区', tree.town.id], [`${c}-01`, `新村${c}第1网格`, '网格', c]]))
    const answers = await Promise.all(Array.from({ length: 20 }, () => upload(token, sheet)))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200))
    expect(answers.reduce((sum, a) => sum + a.json().created, 0)).toBe(10)
    const rows = await t.db.selectFrom('regions').select('id').where('id', 'in', codes.flatMap((c) => [c, `${c}-01`])).execute()
    expect(rows).toHaveLength(10)
  })

  it('when an admin downloads the template, then it is an .xlsx with the header row and two examples', async () => {
    const tree = await aRegionTree(t.db)
    const res = await t.app.inject({ method: 'GET', url: '/api/regions/import-template', headers: bearer(await tokenFor('admin', tree.town.id)) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/spreadsheetml/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.getRow(1).values).toEqual([undefined, '编码', '名称', '级别', '上级编码'])
    expect(sheet.actualRowCount).toBe(3)
  })
})
