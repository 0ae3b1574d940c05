import { flow, makeAutoObservable } from 'mobx'
import { FRAUD_TYPES, fraudTypeName, type FraudTypeKey } from '@/core/fraud-types'
import type { QuestionImportResult, QuizQuestion, QuizQuestionInput } from '@/contract/quiz'
import type { QuestionKind } from '@/core/questions'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { SheetImport } from './sheet-import'
import { Submission, type Outcome } from './submission'
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
  query = ''
  fraudType: FraudTypeKey | undefined = undefined
  draft: QuestionDraft | null = null
  /** An imported sheet's questions show on the first page of the list. */
  readonly questionImport: SheetImport<QuestionImportResult>
  /** The fraud types a question may teach, for the form and the filter. */
  readonly fraudTypes = FRAUD_TYPES
  /** Numbered pages, one shown at a time: the bank is browsed, not scrolled. */
  private readonly shown = new LatestLoad<{ page: number; items: QuizQuestion[]; total: number }>()
  private readonly saveDraft = new Submission()

  constructor(private readonly api: Pick<Api, 'questions' | 'createQuestion' | 'updateQuestion' | 'importQuestions' | 'questionImportTemplate'>) {
    this.questionImport = new SheetImport({
      send: (file, name) => api.importQuestions(file, name),
      template: () => api.questionImportTemplate(),
      afterImport: () => this.load(1),
    })
    makeAutoObservable<QuestionAdminStore, 'api' | 'shown' | 'saveDraft'>(this, { api: false, questionImport: false, fraudTypes: false, shown: false, saveDraft: false })
  }

  get items(): QuizQuestion[] {
    return this.shown.value?.items ?? []
  }

  get total(): number {
    return this.shown.value?.total ?? 0
  }

  /** The page last shown; a page that failed to load is not counted as turned to. */
  get page(): number {
    return this.shown.value?.page ?? 1
  }

  get state(): LoadState {
    return this.shown.state
  }

  get error(): string | null {
    return this.shown.error
  }

  get saving(): boolean {
    return this.saveDraft.busy
  }

  get saveError(): string | null {
    return this.saveDraft.error
  }

  reset(): void {
    this.shown.clear()
    this.query = ''
    this.fraudType = undefined
    this.draft = null
    this.saveDraft.clear()
    this.questionImport.reset()
  }

  fraudTypeName(key: FraudTypeKey): string {
    return fraudTypeName(key)
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

  async load(page = 1): Promise<void> {
    const query = { page, pageSize: QUESTION_PAGE_SIZE, q: this.query.trim() || undefined, fraudType: this.fraudType }
    await this.shown.load(async () => ({ page, ...(await this.api.questions(query)) }))
  }

  startNew(): void {
    this.draft = emptyQuestionDraft()
    this.saveDraft.dismiss()
  }

  startEdit(q: QuizQuestion): void {
    const { id, kind, stem, options, answer, explanation, fraudType, difficulty, active } = q
    this.draft = { id, kind, stem, options: options.join('\n'), answer, explanation, fraudType, difficulty, active }
    this.saveDraft.dismiss()
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
    this.saveDraft.dismiss()
  }

  /** A refused save keeps the form as typed; the server's message says what to fix. */
  save = flow(function* (this: QuestionAdminStore) {
    const d = this.draft
    if (!d || this.saving) return
    const saved: Outcome<unknown> = yield this.saveDraft.run(() => (d.id ? this.api.updateQuestion(d.id, toInput(d)) : this.api.createQuestion(toInput(d))))
    if (!saved.ok) return
    this.draft = null
    yield this.load(this.page)
  })
}

export const questionAdminStore: StoreFactory<QuestionAdminStore> = ({ api }) => new QuestionAdminStore(api)
