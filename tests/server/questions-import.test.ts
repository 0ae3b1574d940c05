import ExcelJS from 'exceljs'
import { QUESTION_IMPORT_COLUMNS } from '@/core/questions'
import type { Role } from '@/core/roles'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'
import { multipartFile } from './helpers/upload'

type Cell = string | number | null

async function anXlsx(rows: Cell[][], header: string[] = [...QUESTION_IMPORT_COLUMNS]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('题目')
  sheet.addRow(header)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** 题型 题干 选项A–F 答案 解析 诈骗类型 难度 */
const aRow = (stem: string, overrides: Partial<Record<(typeof QUESTION_IMPORT_COLUMNS)[number], Cell>> = {}): Cell[] => {
  const cells: Record<string, Cell> = {
    题型: '单选', 题干: stem, 选项A: '垫钱', 选项B: '拒绝', 选项C: '借钱', 选项D: '', 选项E: '', 选项F: '', 答案: 'B', 解析: '刷单都是诈骗。',
    诈骗类型: '刷单返利', 难度: 1, ...overrides,
  }
  return QUESTION_IMPORT_COLUMNS.map((c) => cells[c])
}

describe.each(ENGINES)('question import on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const upload = async (file: Buffer, token?: string, filename = 'questions.xlsx') => {
    const { payload, headers } = multipartFile(file, { filename })
    return t.app.inject({
      method: 'POST', url: '/api/questions/import', payload,
      headers: { ...headers, ...bearer(token ?? (await tokenFor('admin', tree.town.id))) },
    })
  }
  const questionCount = async () => (await t.db.selectFrom('quiz_questions').select('id').execute()).length

  it('when a valid .xlsx is imported, then every row becomes a question and the import is audited', async () => {
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const res = await upload(await anXlsx([
      aRow('刷单题'),
      aRow('公检法题', { 题型: '多选', 选项D: '报警', 答案: 'A、C', 诈骗类型: '冒充公检法', 难度: 3 }),
      aRow('养老题', { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 答案: '正确', 诈骗类型: '以养老为名', 难度: 2 }),
    ]), await signIn(t, admin.id))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ imported: 3, errors: [] })
    const rows = await t.db.selectFrom('quiz_questions').select(['stem', 'kind', 'options', 'answer', 'fraud_type', 'difficulty', 'active', 'updated_by'])
      .execute()
    expect(rows.sort((a, b) => a.difficulty - b.difficulty)).toEqual([
      { stem: '刷单题', kind: 'single', options: ['垫钱', '拒绝', '借钱'], answer: [1], fraud_type: 'rebate_task', difficulty: 1, active: true, updated_by: admin.id },
      { stem: '养老题', kind: 'true_false', options: ['正确', '错误'], answer: [0], fraud_type: 'elderly_care', difficulty: 2, active: true, updated_by: admin.id },
      { stem: '公检法题', kind: 'multiple', options: ['垫钱', '拒绝', '借钱', '报警'], answer: [0, 2], fraud_type: 'fake_police', difficulty: 3, active: true, updated_by: admin.id },
    ])
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'question.import', actor_id: admin.id, county_id: tree.county.id })])
  })

  it('when the columns are wrong, then 400 naming the expected columns and nothing is imported', async () => {
    const res = await upload(await anXlsx([['单选', '题', 'A']], ['类型', '题目', '答案']))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      code: 'IMPORT_FILE_UNREADABLE',
      message: `表头缺少：题型、题干、选项A、选项B、解析、诈骗类型、难度（应为 ${QUESTION_IMPORT_COLUMNS.join(' | ')}）`,
    })
    expect(await questionCount()).toBe(0)
  })

  it('when rows are bad, then each is named with its row number in Chinese and nothing is imported', async () => {
    const res = await upload(await anXlsx([
      aRow('好题'),
      aRow('题型错', { 题型: '填空' }),
      aRow('答案越界', { 答案: 'D' }),
      aRow('判断题选项不对', { 题型: '判断', 答案: 'C' }),
      aRow('多选只有一个答案', { 题型: '多选', 答案: 'A' }),
      aRow('没有解析', { 解析: '' }),
    ]))
    expect(res.statusCode).toBe(422)
    const body = res.json()
    expect(body).toMatchObject({ code: 'IMPORT_INVALID', message: '导入文件有 5 行错误，未导入任何题目' })
    expect(body.details).toEqual([
      { row: 3, message: '第 3 行：题型“填空”无效，应为单选、多选或判断' },
      { row: 4, message: '第 4 行：答案超出了选项范围（共 3 个选项）' },
      { row: 5, message: '第 5 行：答案超出了选项范围（共 2 个选项）' },
      { row: 6, message: '第 6 行：多选题至少要有 2 个正确选项' },
      { row: 7, message: '第 7 行：请填写答案解析' },
    ])
    expect(await questionCount()).toBe(0)
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([])
  })

  it('when the same file is imported twice, then the second time every row is named as already in the bank', async () => {
    const file = await anXlsx([aRow('第一题'), aRow('第二题')])
    expect((await upload(file)).statusCode).toBe(200)
    const again = await upload(file)
    expect(again.statusCode).toBe(422)
    expect(again.json().details).toEqual([
      { row: 2, message: '第 2 行：题库中已有相同题干的题目' },
      { row: 3, message: '第 3 行：题库中已有相同题干的题目' },
    ])
    expect(await questionCount()).toBe(2)
  })

  it('when a 20 MB file is uploaded, then 413 with a Chinese message and nothing is imported', async () => {
    const res = await upload(Buffer.alloc(20 * 1024 * 1024, 'a'))
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE', message: '导入文件不能超过 5 MB，请分批导入' })
    expect(await questionCount()).toBe(0)
  })

  it('when the file is empty, then 400 saying so and nothing is imported', async () => {
    const res = await upload(Buffer.alloc(0))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', message: '上传的文件是空的，请选择填好题目的 .xlsx 表格' })
    expect(await questionCount()).toBe(0)
  })

  it('when the sheet has only its header, then 400 asking for questions', async () => {
    const res = await upload(await anXlsx([]))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', message: '导入文件中没有题目，请在表头下方逐行填写' })
  })

  it('when the file is not an .xlsx, then 400 asking for one', async () => {
    const res = await upload(Buffer.from('题型,题干\n单选,题\n'), undefined, 'questions.csv')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', message: expect.stringMatching(/\.xlsx/) })
  })

  it('when the request is not multipart, then 415 in Chinese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/questions/import', payload: {}, headers: bearer(await tokenFor('admin', tree.town.id)) })
    expect(res.statusCode).toBe(415)
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('when a cadre imports, then 403 and nothing is imported', async () => {
    const res = await upload(await anXlsx([aRow('题')]), await tokenFor('cadre', tree.villages[0].id))
    expect(res.statusCode).toBe(403)
    expect(await questionCount()).toBe(0)
  })

  it('when the template is downloaded and uploaded unchanged, then its example questions import', async () => {
    const token = await tokenFor('admin', tree.town.id)
    const res = await t.app.inject({ method: 'GET', url: '/api/questions/template.xlsx', headers: bearer(token) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect((workbook.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([...QUESTION_IMPORT_COLUMNS])
    const imported = await upload(res.rawPayload, token)
    expect(imported.json()).toEqual({ imported: 3, errors: [] })
  })

  it('when a resident downloads the template, then 403', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/questions/template.xlsx', headers: bearer(await tokenFor('resident', tree.villages[0].id)) })
    expect(res.statusCode).toBe(403)
  })
})
