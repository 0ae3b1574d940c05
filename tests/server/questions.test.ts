import { KNOWLEDGE_FRAUD_TYPES } from '@/core/knowledge'
import { checkQuestionInput } from '@/core/questions'
import type { QuizQuestion, QuizQuestionInput } from '@/contract/quiz'
import type { Role } from '@/core/roles'
import { QUESTION_BANK } from '../../server/src/content/question-bank'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe('the shipped question bank', () => {
  it('when every question is checked, then each passes the rules and no stem repeats', () => {
    expect(QUESTION_BANK.flatMap((q) => checkQuestionInput(q).map((p) => `${q.stem}: ${p.message}`))).toEqual([])
    expect(new Set(QUESTION_BANK.map((q) => q.stem)).size).toBe(QUESTION_BANK.length)
  })

  it('when the bank is counted, then every fraud type with an article has at least six questions, of mixed kinds and difficulties', () => {
    expect(QUESTION_BANK.length).toBeGreaterThanOrEqual(72)
    for (const { key } of KNOWLEDGE_FRAUD_TYPES) {
      const ofType = QUESTION_BANK.filter((q) => q.fraudType === key)
      expect(ofType.length).toBeGreaterThanOrEqual(6)
      expect(new Set(ofType.map((q) => q.kind))).toEqual(new Set(['single', 'multiple', 'true_false']))
      expect(new Set(ofType.map((q) => q.difficulty))).toEqual(new Set([1, 2, 3]))
    }
  })
})

describe.each(ENGINES)('question bank on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: object) =>
    t.app.inject({ method, url, ...(token && { headers: bearer(token) }), ...(payload && { payload }) })
  const aQuestion = (overrides: Partial<QuizQuestionInput> = {}): QuizQuestionInput => ({
    kind: 'single', stem: ' 陌生人让你先垫钱刷单，你应该？ ', options: ['垫钱', '拒绝', '借钱'], answer: [1], explanation: '刷单都是诈骗。',
    fraudType: 'rebate_task', difficulty: 2, active: true, ...overrides,
  })
  const questionCount = async () => (await t.db.selectFrom('quiz_questions').select('id').execute()).length

  it('when an admin lists the seeded bank, then it pages through every question with its answer', async () => {
    await seedResidentContent(t.db)
    const token = await tokenFor('admin', tree.town.id)
    const res = await send('GET', '/api/questions?pageSize=10&page=2', token)
    expect(res.statusCode).toBe(200)
    const page = res.json()
    expect(page.total).toBe(QUESTION_BANK.length)
    expect(page.items).toHaveLength(10)
    expect(page.items[0]).toEqual({
      id: expect.any(String), kind: expect.any(String), stem: expect.any(String), options: expect.any(Array), answer: expect.any(Array),
      explanation: expect.any(String), fraudType: expect.any(String), difficulty: expect.any(Number), active: true, updatedAt: expect.any(String),
    })
  })

  it('when the list is filtered by type and keyword, then only matching questions come back', async () => {
    await seedResidentContent(t.db)
    const token = await tokenFor('admin', tree.town.id)
    const byType = (await send('GET', '/api/questions?fraudType=fake_police&pageSize=100', token)).json()
    expect(byType.total).toBe(QUESTION_BANK.filter((q) => q.fraudType === 'fake_police').length)
    expect(byType.items.every((q: QuizQuestion) => q.fraudType === 'fake_police')).toBe(true)
    const byWord = (await send('GET', `/api/questions?q=${encodeURIComponent('通缉令')}`, token)).json()
    expect(byWord.items.map((q: QuizQuestion) => q.stem)).toEqual(QUESTION_BANK.filter((q) => q.stem.includes('通缉令')).map((q) => q.stem))
    const literal = (await send('GET', `/api/questions?q=${encodeURIComponent('%')}`, token)).json()
    expect(literal.total).toBe(QUESTION_BANK.filter((q) => q.stem.includes('%')).length)
    expect(literal.items.every((q: QuizQuestion) => q.stem.includes('%'))).toBe(true)
  })

  it('when an admin adds a question, then it is stored trimmed with sorted answers and audited', async () => {
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const res = await send('POST', '/api/questions', await signIn(t, admin.id), aQuestion({ kind: 'multiple', answer: [2, 0] }))
    expect(res.statusCode).toBe(200)
    const created: QuizQuestion = res.json()
    expect(created).toMatchObject({ stem: '陌生人让你先垫钱刷单，你应该？', kind: 'multiple', answer: [0, 2], updatedAt: t.now().toISOString() })
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'question.create', actor_id: admin.id, target_id: created.id, county_id: tree.county.id })])
  })

  it.each<[string, object, string]>([
    ['a true/false question with other options', { kind: 'true_false', options: ['对', '错'], answer: [0] }, '判断题的选项必须是“正确”“错误”'],
    ['an answer out of range', { answer: [3] }, '答案超出了选项范围（共 3 个选项）'],
    ['a single-choice question with two answers', { answer: [0, 1] }, '单选题必须有且只有 1 个正确答案'],
    ['an unknown kind', { kind: 'essay' }, '题型应为单选、多选或判断'],
    ['a difficulty of 5', { difficulty: 5 }, '难度应为 1、2 或 3'],
  ])('when an admin adds %s, then 400 in Chinese and nothing is stored', async (_what, overrides, message) => {
    const res = await send('POST', '/api/questions', await tokenFor('admin', tree.town.id), { ...aQuestion(), ...overrides })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'QUESTION_INVALID', message })
    expect(await questionCount()).toBe(0)
  })

  it('when an admin edits a question, then the new text is stored and it can be switched off', async () => {
    const token = await tokenFor('admin', tree.town.id)
    const created: QuizQuestion = (await send('POST', '/api/questions', token, aQuestion())).json()
    const res = await send('PUT', `/api/questions/${created.id}`, token, aQuestion({ stem: '改过的题干', active: false }))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: created.id, stem: '改过的题干', active: false })
    const row = await t.db.selectFrom('quiz_questions').select(['stem', 'active']).where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ stem: '改过的题干', active: false })
  })

  it('when an edit is invalid, then 400 and the question is unchanged', async () => {
    const token = await tokenFor('admin', tree.town.id)
    const created: QuizQuestion = (await send('POST', '/api/questions', token, aQuestion())).json()
    const res = await send('PUT', `/api/questions/${created.id}`, token, aQuestion({ stem: '新题干', answer: [7] }))
    expect(res.statusCode).toBe(400)
    const row = await t.db.selectFrom('quiz_questions').select('stem').where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(row.stem).toBe(created.stem)
  })

  it('when the question does not exist, then 404 in Chinese', async () => {
    const res = await send('PUT', '/api/questions/00000000-0000-4000-8000-000000000000', await tokenFor('admin', tree.town.id), aQuestion())
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'QUESTION_NOT_FOUND', message: '找不到该题目' })
  })

  it.each([['cadre'], ['grid_worker'], ['dissuader'], ['resident']] as const)('when a %s lists or adds questions, then 403', async (role) => {
    const token = await tokenFor(role, tree.villages[0].id)
    expect((await send('GET', '/api/questions', token)).statusCode).toBe(403)
    expect((await send('POST', '/api/questions', token, aQuestion())).statusCode).toBe(403)
    expect(await questionCount()).toBe(0)
  })

  it('when nobody is signed in, then the bank is 401', async () => {
    expect((await send('GET', '/api/questions')).statusCode).toBe(401)
  })
})
