import type { Page } from '#core/page'
import { checkQuestionImportRows, checkQuestionInput, normaliseQuestionInput, type BankQuestion, type QuestionDraft } from '#core/questions'
import { countyIdOf } from '#core/regions'
import type { QuestionImportResult, QuizQuestion } from '#contract/quiz'
import { scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import type { AuditEntry } from '../../db/audit-log'
import type { SessionUser } from '../auth/session-user'
import { questionTemplate, readQuestionFile } from './question-sheet'
import type { QuestionRepo, QuestionCriteria } from './repo'

/** The bank is shared by the whole county: managing it needs the action, not a particular region. */
export class QuestionService {
  constructor(private readonly ctx: AppContext, private readonly repo: QuestionRepo) {}

  async list(caller: SessionUser, query: QuestionCriteria & { page: number; pageSize: number }): Promise<Page<QuizQuestion>> {
    this.managerCounty(caller)
    return this.repo.list({ fraudType: query.fraudType, q: query.q?.trim() || undefined }, query.page, query.pageSize)
  }

  async create(caller: SessionUser, input: QuestionDraft): Promise<QuizQuestion> {
    const countyId = this.managerCounty(caller)
    const question = checked(input)
    return this.repo.create(question, this.auditOf(caller, countyId, 'question.create', null, {}))
  }

  async update(caller: SessionUser, id: string, input: QuestionDraft): Promise<QuizQuestion> {
    const countyId = this.managerCounty(caller)
    const question = checked(input)
    const saved = await this.repo.update(id, question, this.auditOf(caller, countyId, 'question.update', id, {}))
    if (!saved) throw notFound('QUESTION_NOT_FOUND')
    return saved
  }

  /** The whole file is checked first; any bad row means nothing is imported and every bad row is named. */
  async import(caller: SessionUser, file: Buffer, fileName: string): Promise<QuestionImportResult> {
    const countyId = this.managerCounty(caller)
    const rows = await readQuestionFile(file)
    const existing = await this.repo.existingStems(rows.map((r) => r.cells['题干'].trim()).filter(Boolean))
    const { accepted, errors } = checkQuestionImportRows(rows, existing)
    if (errors.length > 0) throw new AppError('IMPORT_INVALID', 422, `导入文件有 ${errors.length} 行错误，未导入任何题目`, errors)
    await this.repo.insertMany(accepted, this.auditOf(caller, countyId, 'question.import', null, { fileName, imported: accepted.length }))
    return { imported: accepted.length, errors: [] }
  }

  async template(caller: SessionUser): Promise<Buffer> {
    this.managerCounty(caller)
    return questionTemplate()
  }

  private managerCounty(caller: SessionUser): string {
    const paths = scopePathsFor(caller.roles, 'quiz.manage')
    if (paths.length === 0) throw forbidden()
    return countyIdOf(paths[0])
  }

  private auditOf(caller: SessionUser, countyId: string, action: string, targetId: string | null, detail: Record<string, unknown>): AuditEntry {
    return { countyId, actorId: caller.id, action, targetType: 'quiz_question', targetId, detail, at: this.ctx.now() }
  }
}

function checked(input: QuestionDraft): BankQuestion {
  const problems = checkQuestionInput(input)
  if (problems.length > 0) throw new AppError('QUESTION_INVALID', 400, problems.map((p) => p.message).join('；'), problems)
  return normaliseQuestionInput(input)
}
