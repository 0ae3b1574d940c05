import ExcelJS from 'exceljs'
import type { Role } from '@/core/roles'
import type { WarningListItem } from '@/contract/warnings'
import { WARNING_IMPORT_COLUMNS } from '../../server/src/modules/warnings/warning-sheet'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { multipartFile } from './helpers/upload'

type Cell = string | number | Date | null

async function anXlsx(rows: Cell[][], header: string[] = [...WARNING_IMPORT_COLUMNS]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('预警')
  sheet.addRow(header)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describe.each(ENGINES)('warning import on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const aPerson = (role: Role, regionId: string, displayName: string) => aUser(t.db, { displayName, roles: [{ role, regionId }] })
  const upload = async (token: string, file: Buffer) => {
    const { payload, headers } = multipartFile(file, { filename: 'warnings.xlsx' })
    return t.app.inject({ method: 'POST', url: '/api/warnings/import', payload, headers: { ...headers, ...bearer(token) } })
  }
  /** 姓名, 手机号, 区域编码, 门牌编号, 地址, 诈骗类型, 风险等级, 来源, 涉案金额, 接警时间 — received yesterday in Beijing time. */
  const aRow = (overrides: Partial<Record<(typeof WARNING_IMPORT_COLUMNS)[number], Cell>> = {}): Cell[] => {
    const cells: Record<string, Cell> = {
      姓名: '刘大爷', 手机号: '13812341234', 区域编码: tree.villages[0].id, 门牌编号: '', 地址: '东胜村幸福路12号', 诈骗类型: '冒充公检法', 风险等级: '高',
      来源: '银行网点', 涉案金额: 200000, 接警时间: '2026-11-27 09:30', ...overrides,
    }
    return WARNING_IMPORT_COLUMNS.map((c) => cells[c])
  }

  it('when a valid file is imported, then every row is stored, spread over the least loaded dissuaders, and audited', async () => {
    t.setNow(new Date('2026-11-28T02:00:00Z'))
    const adminUser = await aPerson('admin', tree.town.id, '李警官')
    await aPerson('dissuader', tree.villages[0].id, '陈一')
    await aPerson('dissuader', tree.villages[0].id, '陈二')
    const door = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const file = await anXlsx([
      aRow(),
      aRow({ 姓名: '王阿姨', 风险等级: '中', 门牌编号: door.code, 涉案金额: null, 接警时间: new Date('2026-11-27T10:05:00Z') }),
      aRow({ 姓名: '赵同学', 风险等级: '低风险', 来源: '群众举报', 诈骗类型: '刷单返利' }),
    ])
    const token = await signIn(t, adminUser.id)
    const res = await upload(token, file)
    expect([res.statusCode, res.json()]).toEqual([200, { imported: 3, errors: [] }])
    const items: WarningListItem[] = (await t.app.inject({ method: 'GET', url: '/api/warnings?pageSize=10', headers: bearer(token) })).json().items
    const byName = new Map(items.map((w) => [w.residentName, w]))
    expect(byName.get('刘大爷')).toMatchObject({ riskLevel: 'high', source: 'bank', fraudType: 'fake_police', amountAtRisk: 200000, receivedAt: '2026-11-27T01:30:00.000Z', phoneMasked: '138****1234' })
    // An Excel date-time cell holds the wall clock typed in: 10:05 in Beijing.
    expect(byName.get('王阿姨')).toMatchObject({ riskLevel: 'medium', amountAtRisk: null, receivedAt: '2026-11-27T02:05:00.000Z' })
    expect(byName.get('赵同学')).toMatchObject({ riskLevel: 'low', source: 'report', fraudType: 'rebate_task' })
    expect(items.map((w) => w.assignee?.name).sort()).toEqual(['陈一', '陈一', '陈二'])
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'warning.import').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0].actor_id).toBe(adminUser.id)
  })

  it('when rows are bad, then each is named with its row number in Chinese and nothing is imported', async () => {
    t.setNow(new Date('2026-11-28T02:00:00Z'))
    const token = await signIn(t, (await aPerson('admin', tree.villages[0].id, '李警官')).id)
    const file = await anXlsx([
      aRow(),
      aRow({ 区域编码: 'NOPE-1' }),
      aRow({ 区域编码: tree.villages[1].id }),
      aRow({ 手机号: '12345', 风险等级: '极高' }),
      aRow({ 诈骗类型: '电话诈骗', 来源: '电视', 涉案金额: '很多' }),
      aRow({ 接警时间: '2026-02-30 09:00', 门牌编号: 'HNOSUCH' }),
    ])
    const res = await upload(token, file)
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([422, 'IMPORT_INVALID', '导入文件有 5 行错误，未导入任何预警'])
    expect(res.json().details).toEqual([
      { row: 3, message: '第 3 行：区域编码“NOPE-1”不存在' },
      { row: 4, message: `第 4 行：区域“${tree.villages[1].id}”不在您管辖的范围内` },
      { row: 5, message: '第 5 行：风险等级“极高”无效，应为高、中或低；手机号应为 11 位手机号码' },
      { row: 6, message: '第 6 行：诈骗类型“电话诈骗”无效，请填写类型名称，如 冒充公检法、刷单返利；来源“电视”无效，应为 上级预警指令、银行网点、通信运营商、群众举报、走访发现、其他；涉案金额“很多”不是数字' },
      { row: 7, message: '第 7 行：门牌编号“HNOSUCH”不存在或不在该区域内；接警时间“2026-02-30 09:00”无效，应为 2026-11-28 09:30 这样的北京时间' },
    ])
    expect(await t.db.selectFrom('warnings').select('id').execute()).toEqual([])
  })

  it('when the header lacks columns or the file is not a spreadsheet, then 400 IMPORT_FILE_UNREADABLE says why', async () => {
    const token = await signIn(t, (await aPerson('admin', tree.town.id, '李警官')).id)
    const missing = await upload(token, await anXlsx([['刘大爷']], ['姓名']))
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'IMPORT_FILE_UNREADABLE'])
    expect(missing.json().message).toContain('表头缺少：手机号、区域编码、地址、诈骗类型、风险等级、来源、接警时间')
    const garbage = await upload(token, Buffer.from('not a spreadsheet'))
    expect([garbage.statusCode, garbage.json().code]).toEqual([400, 'IMPORT_FILE_UNREADABLE'])
  })

  it('when a dissuader imports or asks for the template, then it is refused', async () => {
    const token = await signIn(t, (await aPerson('dissuader', tree.villages[0].id, '陈劝阻')).id)
    expect((await upload(token, await anXlsx([aRow()]))).json().code).toBe('FORBIDDEN')
    expect((await t.app.inject({ method: 'GET', url: '/api/warnings/template.xlsx', headers: bearer(token) })).statusCode).toBe(403)
  })

  it('when an admin downloads the template, then it opens with the import header and two example rows', async () => {
    const token = await signIn(t, (await aPerson('admin', tree.town.id, '李警官')).id)
    const res = await t.app.inject({ method: 'GET', url: '/api/warnings/template.xlsx', headers: bearer(token) })
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const header = (workbook.worksheets[0].getRow(1).values as string[]).slice(1)
    expect(header).toEqual([...WARNING_IMPORT_COLUMNS])
    expect(workbook.worksheets[0].rowCount).toBe(3)
  })
})
