import type { QuestionImportResult, QuizQuestion, QuizQuestionInput } from '@/contract/quiz'
import { ApiError } from '@/services/api-client'
import { QuestionAdminStore } from '@/stores/question-admin-store'
import { FakeApi } from '../support/fake-api'

const aQuestion = (over: Partial<QuizQuestion> = {}): QuizQuestion => ({
  id: 'q1', kind: 'single', stem: '刷单能赚钱吗？', options: ['能', '不能'], answer: [1], explanation: '刷单是诈骗',
  fraudType: 'rebate_task', difficulty: 1, active: true, updatedAt: '2026-11-20T00:00:00Z', ...over,
})

function setUp() {
  const api = new FakeApi()
  api.questions = () => Promise.resolve({ items: [aQuestion()], total: 1 })
  return { api, store: new QuestionAdminStore(api) }
}

describe('QuestionAdminStore', () => {
  it('when a save is refused, then the form keeps everything typed and shows the reason', async () => {
    const { api, store } = setUp()
    api.createQuestion = () => Promise.reject(new ApiError('VALIDATION', '题干不能为空', 400))
    store.startNew()
    store.editDraft({ options: '能\n不能\n不知道', explanation: '刷单是诈骗' })
    store.toggleAnswer(1)

    await store.save()

    expect(store.saveError).toBe('题干不能为空')
    expect(store.draft).toMatchObject({ options: '能\n不能\n不知道', explanation: '刷单是诈骗', answer: [1] })
  })

  it('when a question is saved, then options go up one per line without blanks and the list reloads', async () => {
    const { api, store } = setUp()
    const sent: QuizQuestionInput[] = []
    api.updateQuestion = (_id, input) => {
      sent.push(input)
      return Promise.resolve(aQuestion())
    }
    store.startEdit(aQuestion())
    store.editDraft({ options: ' 能 \n\n不能\n' })

    await store.save()

    expect(sent[0].options).toEqual(['能', '不能'])
    expect(store.draft).toBeNull()
    expect(store.state).toBe('ready')
  })

  it('when the kind becomes true/false, then the options are 正确 and 错误 and at most one answer remains', () => {
    const { store } = setUp()
    store.startEdit(aQuestion({ kind: 'multiple', options: ['甲', '乙', '丙'], answer: [0, 2] }))

    store.editDraft({ kind: 'true_false' })

    expect(store.draft?.options).toBe('正确\n错误')
    expect(store.draft?.answer).toEqual([0])
  })

  it('when a multiple-choice answer is tapped twice, then it is chosen and then unchosen', () => {
    const { store } = setUp()
    store.startEdit(aQuestion({ kind: 'multiple', options: ['甲', '乙', '丙'], answer: [0] }))

    store.toggleAnswer(2)
    expect(store.draft?.answer).toEqual([0, 2])
    store.toggleAnswer(2)
    expect(store.draft?.answer).toEqual([0])
  })

  it('when an import has row errors, then every row error is kept and the list is not reloaded', async () => {
    const { api, store } = setUp()
    let listLoads = 0
    api.questions = () => {
      listLoads++
      return Promise.resolve({ items: [], total: 0 })
    }
    const refused: QuestionImportResult = { imported: 0, errors: [{ row: 3, message: '正确答案超出选项范围' }, { row: 7, message: '题型只能是单选、多选或判断' }] }
    api.importQuestions = () => Promise.resolve(refused)

    await store.questionImport.importFile(new Blob(['x']), '题库.xlsx')

    expect(store.questionImport.result?.errors).toEqual(refused.errors)
    expect(listLoads).toBe(0)
  })

  it('when an import succeeds, then the first page of the list is reloaded', async () => {
    const { api, store } = setUp()
    api.importQuestions = () => Promise.resolve({ imported: 12, errors: [] })

    await store.questionImport.importFile(new Blob(['x']), '题库.xlsx')

    expect(store.questionImport.result?.imported).toBe(12)
    expect(store.items).toHaveLength(1)
    expect(store.page).toBe(1)
  })
})
