import { flow, makeAutoObservable, observable } from 'mobx'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { QuestionImportResult, QuizQuestion, QuizQuestionInput } from '@/contract/quiz'
import type { QuestionKind } from '@/core/questions'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import { SheetImport } from './sheet-import'
import type { StoreFactory } from './store-context'

export const QUESTION_PAGE_SIZE = 20

/** A question as the form holds it: options one per line, so the editor types them as a list. */
export interface QuestionDraft {
  id: string | null
  kind: QuestionKind
  stem: string
  options: string
  answer: number[]
  explanation: string
  fraudType: FraudTypeKey
  difficulty: 1 | 2 | 3
  active: boolean
}

const TRUE_FALSE_OPTIONS = '正确\n错误'

export function emptyQuestionDraft(): QuestionDraft {
  return { id: null, kind: 'single', stem: '', options: '', answer: [], explanation: '', fraudType: 'rebate_task', difficulty: 1, active: true }
}

export function draftOptions(draft: QuestionDraft): string[] {
  return draft.options.split('\n').map((o) => o.trim()).filter(Boolean)
}

function toInput(draft: QuestionDraft): QuizQuestionInput {
  const { kind, stem, answer, explanation, fraudType, difficulty, active } = draft
  return { kind, stem: stem.trim(), options: draftOptions(draft), answer, explanation: explanation.trim(), fraudType, difficulty, active }
}

/** The question bank for the station: search, edit one question, import many from a spreadsheet. */
export class QuestionAdminStore {
  items: QuizQuestion[] = []
  total = 0
  page = 1
  query = ''
  fraudType: FraudTypeKey | undefined = undefined
  state: LoadState = 'idle'
  error: string | null = null
  draft: QuestionDraft | null = null
  saving = false
  saveError: string | null = null
  /** An imported sheet's questions show on the first page of the list. */
  readonly questionImport: SheetImport<QuestionImportResult>

  constructor(private readonly api: Pick<Api, 'questions' | 'createQuestion' | 'updateQuestion' | 'importQuestions' | 'questionImportTemplate'>) {
    this.questionImport = new SheetImport({
      send: (file, name) => api.importQuestions(file, name),
      template: () => api.questionImportTemplate(),
      afterImport: () => this.load(1),
    })
    makeAutoObservable<QuestionAdminStore, 'api'>(this, { api: false, items: observable.ref, questionImport: false })
  }

  reset(): void {
    this.items = []
    this.total = 0
    this.page = 1
    this.query = ''
    this.fraudType = undefined
    this.state = 'idle'
    this.error = null
    this.draft = null
    this.saving = false
    this.saveError = null
    this.questionImport.reset()
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.total / QUESTION_PAGE_SIZE))
  }

  setQuery(q: string): void {
    this.query = q
  }

  filterByType(fraudType: FraudTypeKey | undefined): void {
    this.fraudType = fraudType
    void this.load(1)
  }

  load = flow(function* (this: QuestionAdminStore, page = 1) {
    this.state = 'loading'
    this.error = null
    try {
      const result: { items: QuizQuestion[]; total: number } = yield this.api.questions({
        page, pageSize: QUESTION_PAGE_SIZE, q: this.query.trim() || undefined, fraudType: this.fraudType,
      })
      this.items = result.items
      this.total = result.total
      this.page = page
      this.state = 'ready'
    } catch (e) {
      this.state = 'error'
      this.error = errorMessage(e)
    }
  })

  startNew(): void {
    this.draft = emptyQuestionDraft()
    this.saveError = null
  }

  startEdit(q: QuizQuestion): void {
    const { id, kind, stem, options, answer, explanation, fraudType, difficulty, active } = q
    this.draft = { id, kind, stem, options: options.join('\n'), answer, explanation, fraudType, difficulty, active }
    this.saveError = null
  }

  editDraft(patch: Partial<Omit<QuestionDraft, 'id'>>): void {
    if (!this.draft) return
    const next = { ...this.draft, ...patch }
    // A true/false question always offers exactly 正确 / 错误.
    if (patch.kind === 'true_false') next.options = TRUE_FALSE_OPTIONS
    if (patch.kind || patch.options !== undefined) next.answer = next.answer.filter((a) => a < draftOptions(next).length)
    if (patch.kind && patch.kind !== 'multiple') next.answer = next.answer.slice(0, 1)
    this.draft = next
  }

  toggleAnswer(option: number): void {
    const d = this.draft
    if (!d) return
    const has = d.answer.includes(option)
    const answer = d.kind === 'multiple'
      ? (has ? d.answer.filter((a) => a !== option) : [...d.answer, option].sort((a, b) => a - b))
      : [option]
    this.draft = { ...d, answer }
  }

  cancelEdit(): void {
    this.draft = null
    this.saveError = null
  }

  /** A refused save keeps the form as typed; the server's message says what to fix. */
  save = flow(function* (this: QuestionAdminStore) {
    const d = this.draft
    if (!d || this.saving) return
    this.saving = true
    this.saveError = null
    try {
      if (d.id) yield this.api.updateQuestion(d.id, toInput(d))
      else yield this.api.createQuestion(toInput(d))
      this.draft = null
    } catch (e) {
      this.saveError = errorMessage(e)
      return
    } finally {
      this.saving = false
    }
    yield this.load(this.page)
  })
}

export const questionAdminStore: StoreFactory<QuestionAdminStore> = ({ api }) => new QuestionAdminStore(api)
