import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { HOUSEHOLD_IMPORT_COLUMNS } from '@/core/households'
import type { Role } from '@/core/roles'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { multipartFile } from './helpers/upload'

type Cell = string | number | null

async function anXlsx(rows: Cell[][], header: string[] = [...HOUSEHOLD_IMPORT_COLUMNS]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('住户')
  sheet.addRow(header)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function aCsv(rows: Cell[][], opts: { bom?: boolean; header?: string[] } = {}): Buffer {
  const quote = (c: Cell) => (c === null ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))
  const text = [opts.header ?? [...HOUSEHOLD_IMPORT_COLUMNS], ...rows].map((r) => r.map(quote).join(',')).join('\r\n')
  return Buffer.concat([Buffer.from(opts.bom ? '\uFEFF' : ''), Buffer.from(text, 'utf8')])
}

describe.each(ENGINES)('household import on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const upload = (token: string, file: Buffer, opts: { query?: string; filename?: string } = {}) => {
    const { payload, headers } = multipartFile(file, { filename: opts.filename ?? 'households.xlsx' })
    return t.app.inject({ method: 'POST', url: `/api/households/import${opts.query ?? ''}`, payload, headers: { ...headers, ...bearer(token) } })
  }
  const householdCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM households`.execute(t.db)).rows[0].n

  it('when a valid .xlsx is imported, then every row becomes a household with its tags, count and encrypted phone, and the import is audited', async () => {
    const tree = await aRegionTree(t.db)
    const [g1, g2] = tree.grids[0]
    const cadre = await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
    const res = await upload(await signIn(t, cadre.id), await anXlsx([
      [g1.id, '幸福路1号', '张建华', 13812345678, '一老一小、独居老人', 2],
      [g2.id, '幸福路1号', '李秀英', null, '新市民,留守儿童', null],
    ]))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ dryRun: false, rows: 2, created: 2, errors: [], preview: [] })
    const rows = await t.db.selectFrom('households').selectAll().orderBy('head_name').execute()
    expect(rows.map((r) => [r.region_id, r.head_name, r.tags, r.member_count, r.phone_last4])).toEqual([
      [g1.id, '张建华', ['一老一小', '独居老人'], 2, '5678'],
      [g2.id, '李秀英', ['新市民', '留守儿童'], 1, null],
    ])
    expect(new Set(rows.map((r) => r.code)).size).toBe(2)
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'household.import', actor_id: cadre.id, county_id: tree.county.id })])
  })

  it.each([[true], [false]])('when a UTF-8 .csv (BOM: %s) with quoted cells is imported, then its rows are stored', async (bom) => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const csv = aCsv([[grid, '幸福路3号，"东"单元', '王小明', '+86 139-1234-5678', '独居老人', 1]], { bom })
    const res = await upload(await tokenFor('grid_worker', grid), csv, { filename: 'households.csv' })
    expect(res.statusCode).toBe(200)
    const row = await t.db.selectFrom('households').select(['address', 'phone_last4']).executeTakeFirstOrThrow()
    expect(row).toEqual({ address: '幸福路3号，"东"单元', phone_last4: '5678' })
  })

  it('when the columns are wrong, then 400 naming every expected column and nothing is written', async () => {
    const tree = await aRegionTree(t.db)
    const res = await upload(await tokenFor('admin', tree.town.id), await anXlsx([['x', 'y', 'z']], ['网格', '地址', '姓名']))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', message: expect.stringMatching(/网格编码 \| 地址 \| 户主姓名 \| 联系电话 \| 标签 \| 人数/) })
    expect(res.json().message).toMatch(/表头缺少：网格编码、户主姓名、联系电话、标签、人数/)
    expect(await householdCount()).toBe(0)
  })

  it('when rows are bad, then each is named with its row number and reason in Chinese and nothing is written', async () => {
    const tree = await aRegionTree(t.db)
    const other = await aRegionTree(t.db)
    const [g1, g2] = tree.grids[0]
    await aHousehold(t.db, { regionId: g1.id, address: '老街9号' })
    const before = await householdCount()
    const res = await upload(await tokenFor('grid_worker', g1.id), await anXlsx([
      [g1.id, '好路1号', '张三', '13812345678', '', 1],
      ['NO-SUCH', '好路2号', '张三', '', '', 1],
      [g2.id, '好路3号', '张三', '', '', 1],
      [tree.villages[0].id, '好路4号', '张三', '', '', 1],
      [g1.id, '', '', '', '', 1],
      [g1.id, '好路6号', '张三', '0234567890', '', 1],
      [g1.id, '好路7号', '张三', '', '富人', 1],
      [g1.id, '好路8号', '张三', '', '', 'abc'],
      [g1.id, '好路 1号', '李四', '', '', 1],
      [g1.id, '老街9号', '李四', '', '', 1],
      [other.grids[0][0].id, '好路11号', '张三', '', '', 1],
      [g1.id, '好路12号', '张三', '', '', 31],
    ]))
    expect(res.statusCode).toBe(422)
    const body = res.json()
    expect(body).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringMatching(/11 行错误，未导入任何数据/) })
    const byRow = Object.fromEntries(body.details.map((e: { row: number; message: string }) => [e.row, e.message]))
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    expect(byRow[3]).toMatch(/^第 3 行：网格编码 NO-SUCH 不存在/)
    expect(byRow[4]).toMatch(/不在您的辖区内/)
    expect(byRow[5]).toMatch(/不是网格编码/)
    expect(byRow[6]).toMatch(/缺少地址；缺少户主姓名/)
    expect(byRow[7]).toMatch(/联系电话 0234567890 不是 11 位手机号码/)
    expect(byRow[8]).toMatch(/未知标签：富人/)
    expect(byRow[9]).toMatch(/人数应为 1–30 的整数/)
    expect(byRow[10]).toMatch(/同一网格内地址重复（与第 2 行相同）/)
    expect(byRow[11]).toMatch(/该网格已有此地址的住户/)
    expect(byRow[12]).toMatch(/不在您的辖区内/)
    expect(byRow[13]).toMatch(/人数/)
    expect(await householdCount()).toBe(before)
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([])
  })

  it('when a dry run is asked for, then counts, errors and a masked preview come back and nothing is written', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const rows: Cell[][] = Array.from({ length: 25 }, (_, i) => [grid, `幸福路${i + 1}号`, '张建华', '13812345678', '独居老人', 2])
    rows.push([grid, '幸福路99号', '张建华', '12345', '', 1])
    const res = await upload(await tokenFor('admin', tree.town.id), await anXlsx(rows), { query: '?dryRun=true' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ dryRun: true, rows: 26, created: 25, errors: [{ row: 27, message: expect.stringMatching(/联系电话/) }] })
    expect(body.preview).toHaveLength(20)
    expect(body.preview[0]).toEqual({ row: 2, regionId: grid, address: '幸福路1号', headName: '张*华', phoneMasked: '138****5678', tags: ['独居老人'], memberCount: 2 })
    expect(await householdCount()).toBe(0)
  })

  it('when a 20 MB file is uploaded, then 413 with a Chinese message and nothing is written', async () => {
    const tree = await aRegionTree(t.db)
    const res = await upload(await tokenFor('admin', tree.town.id), Buffer.alloc(20 * 1024 * 1024, 'a'), { filename: 'big.csv' })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE', message: '导入文件不能超过 5 MB，请分批导入' })
    expect(await householdCount()).toBe(0)
  })

  it('when a 3 MB file is uploaded, then it is read (the limit is 5 MB, not the 1 MB JSON limit)', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0].id
    const filler = 'x'.repeat(3 * 1024 * 1024)
    const res = await upload(await tokenFor('admin', tree.town.id), aCsv([[grid, '幸福路1号', '张三', '', '', 1]], { header: [...HOUSEHOLD_IMPORT_COLUMNS, filler] }), { query: '?dryRun=true' })
    expect(res.statusCode).toBe(200)
    expect(res.json().created).toBe(1)
  })

  it('when a CSV is not UTF-8, then 400 asking for UTF-8', async () => {
    const tree = await aRegionTree(t.db)
    const gbk = Buffer.from([0xcd, 0xf8, 0xb8, 0xf1, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xb5, 0xd8, 0xd6, 0xb7]) // 网格编码,地址 in GBK
    const res = await upload(await tokenFor('admin', tree.town.id), gbk, { filename: 'households.csv' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/UTF-8/)
  })

  it('when a 10,000-row CSV is imported, then all of it is stored in one request and one transaction', async () => {
    const tree = await aRegionTree(t.db)
    const grids = tree.grids.flat().map((g) => g.id)
    const rows: Cell[][] = Array.from({ length: 10000 }, (_, i) => [grids[i % 4], `幸福路${i + 1}号`, '张建华', `138${String(i).padStart(8, '0')}`, i % 3 ? '' : '独居老人', 1 + (i % 5)])
    const res = await upload(await tokenFor('admin', tree.town.id), aCsv(rows), { filename: 'big.csv' })
    expect(res.statusCode).toBe(200)
    expect(res.json().created).toBe(10000)
    expect(await householdCount()).toBe(10000)
    const coverage = await sql<{ n: number }>`SELECT sum(households)::int AS n FROM grid_coverage`.execute(t.db)
    expect(coverage.rows[0].n).toBe(10000)
  })

  it('when a resident imports, then 403 FORBIDDEN', async () => {
    const tree = await aRegionTree(t.db)
    const res = await upload(await tokenFor('resident', tree.grids[0][0].id), await anXlsx([[tree.grids[0][0].id, '幸福路1号', '张三', '', '', 1]]))
    expect(res.statusCode).toBe(403)
    expect(await householdCount()).toBe(0)
  })

  it('when the template is downloaded, then it is an .xlsx with the header and two example rows', async () => {
    const tree = await aRegionTree(t.db)
    const res = await t.app.inject({ method: 'GET', url: '/api/households/import-template', headers: bearer(await tokenFor('grid_worker', tree.grids[0][0].id)) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/spreadsheetml/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.getRow(1).values).toEqual([undefined, ...HOUSEHOLD_IMPORT_COLUMNS])
    expect(sheet.actualRowCount).toBe(3)
  })
})
