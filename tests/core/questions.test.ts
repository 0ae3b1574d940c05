import {
  checkQuestionImportRows, checkQuestionInput, missingQuestionColumns, normaliseQuestionInput, QUESTION_IMPORT_COLUMNS, questionHeaderMessage,
  type QuestionDraft, type QuestionImportColumn, type QuestionSheetRow,
} from '@/core/questions'

const aQuestion = (overrides: Partial<QuestionDraft> = {}): QuestionDraft => ({
  kind: 'single',
  stem: '陌生人让你先垫钱做刷单任务，你应该？',
  options: ['先垫一点', '拒绝', '拉亲戚一起做', '借钱做'],
  answer: [1],
  explanation: '要先垫钱的兼职都是诈骗。',
  fraudType: 'rebate_task',
  difficulty: 1,
  active: true,
  ...overrides,
})
const aTrueFalse = (overrides: Partial<QuestionDraft> = {}) => aQuestion({ kind: 'true_false', options: ['正确', '错误'], answer: [1], ...overrides })
const problemsOf = (q: QuestionDraft) => checkQuestionInput(q).map((p) => [p.field, p.message])

describe('checking a question', () => {
  it('when a single-choice question is complete, then there is no problem', () => {
    expect(checkQuestionInput(aQuestion())).toEqual([])
  })

  it('when a true/false question has exactly 正确 and 错误, then there is no problem', () => {
    expect(checkQuestionInput(aTrueFalse())).toEqual([])
  })

  it.each([[['对', '错']], [['错误', '正确']], [['正确', '错误', '不知道']], [['正确']]])(
    'when a true/false question has the options %j, then they are refused',
    (options) => {
      expect(problemsOf(aTrueFalse({ options }))).toEqual([['options', '判断题的选项必须是“正确”“错误”']])
    },
  )

  it('when a single-choice question has two answers, then it needs exactly one', () => {
    expect(problemsOf(aQuestion({ answer: [0, 1] }))).toEqual([['answer', '单选题必须有且只有 1 个正确答案']])
  })

  it('when a true/false question has no answer, then it needs exactly one', () => {
    expect(problemsOf(aTrueFalse({ answer: [] }))).toEqual([['answer', '判断题必须有且只有 1 个正确答案']])
  })

  it('when a multiple-choice question has one answer, then it needs at least two', () => {
    expect(problemsOf(aQuestion({ kind: 'multiple', answer: [2] }))).toEqual([['answer', '多选题至少要有 2 个正确选项']])
  })

  it('when a multiple-choice question has two of four answers, then there is no problem', () => {
    expect(checkQuestionInput(aQuestion({ kind: 'multiple', answer: [2, 0] }))).toEqual([])
  })

  it.each([[[4]], [[-1]], [[1.5]]])('when the answer is %j of four options, then it is out of range', (answer) => {
    expect(problemsOf(aQuestion({ answer }))).toEqual([['answer', '答案超出了选项范围（共 4 个选项）']])
  })

  it('when an answer index repeats, then it is refused', () => {
    expect(problemsOf(aQuestion({ kind: 'multiple', answer: [1, 1] }))).toEqual([['answer', '答案中有重复的选项']])
  })

  it('when a single-choice question has one option or seven, then the count is refused', () => {
    expect(problemsOf(aQuestion({ options: ['甲'], answer: [0] }))).toEqual([['options', '单选题应有 2–6 个选项']])
    expect(problemsOf(aQuestion({ options: ['1', '2', '3', '4', '5', '6', '7'] }))).toEqual([['options', '单选题应有 2–6 个选项']])
  })

  it('when a multiple-choice question has two options, then it needs at least three', () => {
    expect(problemsOf(aQuestion({ kind: 'multiple', options: ['甲', '乙'], answer: [0, 1] }))).toEqual([['options', '多选题应有 3–6 个选项']])
  })

  it('when an option is blank or repeats another, then it is named by its letter', () => {
    expect(problemsOf(aQuestion({ options: ['甲', ' ', '甲', '丁'] }))).toEqual([
      ['options.1', '请填写选项B'],
      ['options.2', '选项C与前面的选项重复'],
    ])
  })

  it('when kind, stem, explanation, type and difficulty are all wrong, then each is named', () => {
    const q = aQuestion({ kind: 'essay', stem: '', explanation: '字'.repeat(501), fraudType: 'lottery', difficulty: 4 })
    expect(checkQuestionInput(q).map((p) => p.field)).toEqual(['kind', 'stem', 'explanation', 'fraudType', 'difficulty'])
  })

  it('when the stem is 201 characters, then it is too long', () => {
    expect(problemsOf(aQuestion({ stem: '题'.repeat(201) }))).toEqual([['stem', '题干不能超过 200 个字']])
  })
})

describe('normalising a question', () => {
  it('when texts carry blanks and answers are unordered, then texts are trimmed and answers sorted', () => {
    const q = normaliseQuestionInput(aQuestion({ kind: 'multiple', stem: ' 题 ', options: [' a', 'b ', 'c'], answer: [2, 0], explanation: ' 解 ' }))
    expect(q).toMatchObject({ stem: '题', options: ['a', 'b', 'c'], answer: [0, 2], explanation: '解' })
  })
})

type Cells = Partial<Record<QuestionImportColumn, string>>
const aRow = (row: number, cells: Cells = {}): QuestionSheetRow => ({
  row,
  cells: {
    ...(Object.fromEntries(QUESTION_IMPORT_COLUMNS.map((c) => [c, ''])) as Record<QuestionImportColumn, string>),
    题型: '单选', 题干: `第${row}题：陌生人让你垫钱刷单，你应该？`, 选项A: '垫钱', 选项B: '拒绝', 选项C: '借钱', 答案: 'B', 解析: '刷单都是诈骗。',
    诈骗类型: '刷单返利', 难度: '1',
    ...cells,
  },
})

describe('checking imported question rows', () => {
  it('when rows of each kind are filled in, then all are accepted with names turned into keys', () => {
    const { accepted, errors } = checkQuestionImportRows([
      aRow(2),
      aRow(3, { 题型: '多选', 选项D: '报警', 答案: 'b, d', 诈骗类型: 'fake_police', 难度: '3' }),
      aRow(4, { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 答案: '错误', 诈骗类型: 'AI换脸拟声', 难度: '2' }),
    ], new Set())
    expect(errors).toEqual([])
    expect(accepted.map((q) => [q.kind, q.options, q.answer, q.fraudType, q.difficulty])).toEqual([
      ['single', ['垫钱', '拒绝', '借钱'], [1], 'rebate_task', 1],
      ['multiple', ['垫钱', '拒绝', '借钱', '报警'], [1, 3], 'fake_police', 3],
      ['true_false', ['正确', '错误'], [1], 'ai_face_voice', 2],
    ])
  })

  it('when rows are bad, then each is named with its row number and reason in Chinese and none is accepted', () => {
    const { accepted, errors } = checkQuestionImportRows([
      aRow(2),
      aRow(3, { 题型: '问答' }),
      aRow(4, { 答案: 'E' }),
      aRow(5, { 答案: '？' }),
      aRow(6, { 诈骗类型: '彩票', 难度: '5' }),
      aRow(7, { 题干: aRow(2).cells['题干'] }),
      aRow(8, { 题干: '已有的题' }),
      aRow(9, { 选项B: '', 选项C: '借钱' }),
    ], new Set(['已有的题']))
    expect(accepted).toHaveLength(1)
    expect(errors).toEqual([
      { row: 3, message: '第 3 行：题型“问答”无效，应为单选、多选或判断' },
      { row: 4, message: '第 4 行：答案超出了选项范围（共 3 个选项）' },
      { row: 5, message: '第 5 行：答案“？”无法识别，请填写选项字母，如 A 或 AC' },
      { row: 6, message: '第 6 行：诈骗类型“彩票”无效；难度应为 1、2 或 3' },
      { row: 7, message: '第 7 行：题干与第 2 行重复' },
      { row: 8, message: '第 8 行：题库中已有相同题干的题目' },
      { row: 9, message: '第 9 行：请填写选项B' },
    ])
  })

  it('when the header lacks columns, then every missing required one is named and optional options are not', () => {
    const missing = missingQuestionColumns(['题型', '题干', '选项A', '答案'])
    expect(missing).toEqual(['选项B', '解析', '诈骗类型', '难度'])
    expect(questionHeaderMessage(missing)).toBe(`表头缺少：选项B、解析、诈骗类型、难度（应为 ${QUESTION_IMPORT_COLUMNS.join(' | ')}）`)
  })
})
