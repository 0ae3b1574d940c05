import type { ErrorCode } from './errors'
import { FRAUD_TYPES, FRAUD_TYPE_KEYS, type FraudTypeKey } from './fraud-types'

/** Rules of the question bank, shared by the editing page, the spreadsheet import and the server. */

export const QUESTION_KINDS = ['single', 'multiple', 'true_false'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]
export const QUESTION_DIFFICULTIES = [1, 2, 3] as const
export type QuestionDifficulty = (typeof QUESTION_DIFFICULTIES)[number]
export const TRUE_FALSE_OPTIONS = ['正确', '错误'] as const
export const MAX_STEM_LENGTH = 200
export const MAX_OPTION_LENGTH = 100
export const MAX_EXPLANATION_LENGTH = 500
export const MIN_CHOICE_OPTIONS = 2
export const MAX_CHOICE_OPTIONS = 6
export const MAX_IMPORT_QUESTIONS = 2000

export const KIND_NAMES: Record<QuestionKind, string> = { single: '单选', multiple: '多选', true_false: '判断' }

/** A question of the bank as the rules below leave it: checked, trimmed, its kind, type and difficulty known. */
export interface BankQuestion {
  kind: QuestionKind
  stem: string
  options: string[]
  /** Indexes of the correct options. */
  answer: number[]
  explanation: string
  fraudType: FraudTypeKey
  difficulty: QuestionDifficulty
  active: boolean
}

/** A question as it arrives, before its kind, type and difficulty are known to be valid. */
export type QuestionDraft = Omit<BankQuestion, 'kind' | 'fraudType' | 'difficulty'> & {
  kind: string
  fraudType: string
  difficulty: number
}

export interface QuestionProblem {
  code: Extract<ErrorCode, 'QUESTION_INVALID'>
  /** A path into the question: "options.1". */
  field: string
  message: string
}

const lengthOf = (text: string) => [...text.trim()].length
const problem = (field: string, message: string): QuestionProblem => ({ code: 'QUESTION_INVALID', field, message })

function textProblem(field: string, label: string, value: string, max: number): QuestionProblem | null {
  const length = lengthOf(value)
  if (length === 0) return problem(field, `请填写${label}`)
  if (length > max) return problem(field, `${label}不能超过 ${max} 个字`)
  return null
}

export function isQuestionKind(kind: string): kind is QuestionKind {
  return (QUESTION_KINDS as readonly string[]).includes(kind)
}

function optionProblems(kind: QuestionKind, options: readonly string[]): QuestionProblem[] {
  if (kind === 'true_false') {
    const exact = options.length === 2 && options[0].trim() === TRUE_FALSE_OPTIONS[0] && options[1].trim() === TRUE_FALSE_OPTIONS[1]
    return exact ? [] : [problem('options', `判断题的选项必须是“${TRUE_FALSE_OPTIONS.join('”“')}”`)]
  }
  const min = kind === 'multiple' ? 3 : MIN_CHOICE_OPTIONS
  if (options.length < min || options.length > MAX_CHOICE_OPTIONS) {
    return [problem('options', `${KIND_NAMES[kind]}题应有 ${min}–${MAX_CHOICE_OPTIONS} 个选项`)]
  }
  const problems = options
    .map((o, i) => textProblem(`options.${i}`, `选项${optionLetter(i)}`, o, MAX_OPTION_LENGTH))
    .filter((p): p is QuestionProblem => p !== null)
  const seen = options.map((o) => o.trim())
  const repeated = seen.findIndex((o, i) => o !== '' && seen.indexOf(o) !== i)
  if (repeated >= 0) problems.push(problem(`options.${repeated}`, `选项${optionLetter(repeated)}与前面的选项重复`))
  return problems
}

function answerProblems(kind: QuestionKind, answer: readonly number[], optionCount: number): QuestionProblem[] {
  if (answer.some((a) => !Number.isInteger(a) || a < 0 || a >= optionCount)) {
    return [problem('answer', `答案超出了选项范围（共 ${optionCount} 个选项）`)]
  }
  if (new Set(answer).size !== answer.length) return [problem('answer', '答案中有重复的选项')]
  if (kind === 'multiple') return answer.length >= 2 ? [] : [problem('answer', '多选题至少要有 2 个正确选项')]
  return answer.length === 1 ? [] : [problem('answer', `${KIND_NAMES[kind]}题必须有且只有 1 个正确答案`)]
}

/** Everything wrong with a question, field by field; empty when it may be saved. */
export function checkQuestionInput(input: QuestionDraft): QuestionProblem[] {
  const problems: QuestionProblem[] = []
  if (!isQuestionKind(input.kind)) problems.push(problem('kind', '题型应为单选、多选或判断'))
  const stem = textProblem('stem', '题干', input.stem, MAX_STEM_LENGTH)
  if (stem) problems.push(stem)
  if (isQuestionKind(input.kind)) {
    const options = optionProblems(input.kind, input.options)
    problems.push(...options)
    if (options.length === 0) problems.push(...answerProblems(input.kind, input.answer, input.options.length))
  }
  const explanation = textProblem('explanation', '答案解析', input.explanation, MAX_EXPLANATION_LENGTH)
  if (explanation) problems.push(explanation)
  if (!(FRAUD_TYPE_KEYS as string[]).includes(input.fraudType)) problems.push(problem('fraudType', '诈骗类型无效'))
  if (!(QUESTION_DIFFICULTIES as readonly number[]).includes(input.difficulty)) problems.push(problem('difficulty', '难度应为 1、2 或 3'))
  return problems
}

/** A question that passed checkQuestionInput, as it is stored: texts trimmed, answer indexes sorted. */
export function normaliseQuestionInput(input: QuestionDraft): BankQuestion {
  return {
    kind: input.kind as QuestionKind,
    stem: input.stem.trim(),
    options: input.options.map((o) => o.trim()),
    answer: [...input.answer].sort((a, b) => a - b),
    explanation: input.explanation.trim(),
    fraudType: input.fraudType as FraudTypeKey,
    difficulty: input.difficulty as QuestionDifficulty,
    active: input.active,
  }
}

/** 0 → "A". */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index)
}

// ---- Spreadsheet import ----------------------------------------------------------------------------------------

const OPTION_COLUMNS = ['选项A', '选项B', '选项C', '选项D', '选项E', '选项F'] as const
export const QUESTION_IMPORT_COLUMNS = ['题型', '题干', ...OPTION_COLUMNS, '答案', '解析', '诈骗类型', '难度'] as const
export type QuestionImportColumn = (typeof QUESTION_IMPORT_COLUMNS)[number]
/** Options beyond B may be left out of the header: most questions have four options, true/false none. */
const REQUIRED_COLUMNS = QUESTION_IMPORT_COLUMNS.filter((c) => !['选项C', '选项D', '选项E', '选项F'].includes(c))

export interface QuestionSheetRow {
  /** The row number the spreadsheet shows. */
  row: number
  cells: Record<QuestionImportColumn, string>
}

export interface QuestionRowError {
  row: number
  message: string
}

export function missingQuestionColumns(header: readonly string[]): QuestionImportColumn[] {
  const present = new Set(header.map((h) => h.trim()))
  return REQUIRED_COLUMNS.filter((c) => !present.has(c))
}

export function questionHeaderMessage(missing: readonly QuestionImportColumn[]): string {
  return `表头缺少：${missing.join('、')}（应为 ${QUESTION_IMPORT_COLUMNS.join(' | ')}）`
}

const KIND_BY_NAME: Record<string, QuestionKind> = {
  单选: 'single', 单选题: 'single', 多选: 'multiple', 多选题: 'multiple', 判断: 'true_false', 判断题: 'true_false',
}

function fraudTypeOf(cell: string): string {
  return FRAUD_TYPES.find((t) => t.name === cell || t.key === cell)?.key ?? cell
}

/** "AC", "A,C", "A、C" → [0, 2]; a true/false answer may also be written 正确 or 错误 (or 对, 错). */
function answerOf(kind: QuestionKind | null, cell: string): number[] | null {
  if (kind === 'true_false') {
    if (['正确', '对', '√'].includes(cell)) return [0]
    if (['错误', '错', '×'].includes(cell)) return [1]
  }
  const letters = cell.toUpperCase().replace(/[\s,，、;；]/g, '')
  if (!/^[A-Z]+$/.test(letters)) return null
  return [...letters].map((l) => l.charCodeAt(0) - 65)
}

/**
 * Every row of an import checked on its own and against the others and the bank: all rows come back either
 * accepted or as one Chinese message per bad row ("第 3 行：…"), so that nothing is imported when any row is bad.
 */
export function checkQuestionImportRows(
  rows: readonly QuestionSheetRow[],
  existingStems: ReadonlySet<string>,
): { accepted: BankQuestion[]; errors: QuestionRowError[] } {
  const accepted: BankQuestion[] = []
  const errors: QuestionRowError[] = []
  const firstRowOfStem = new Map<string, number>()
  for (const { row, cells } of rows) {
    const reasons: string[] = []
    const kind = KIND_BY_NAME[cells['题型']] ?? null
    if (!kind) reasons.push(`题型“${cells['题型']}”无效，应为单选、多选或判断`)
    const options = kind === 'true_false' ? [...TRUE_FALSE_OPTIONS] : trimmedOptions(cells)
    const answer = answerOf(kind, cells['答案'])
    if (!answer) reasons.push(`答案“${cells['答案']}”无法识别，请填写选项字母，如 A 或 AC${kind === 'true_false' ? '，判断题也可填“正确”或“错误”' : ''}`)
    const difficulty = /^[123]$/.test(cells['难度']) ? Number(cells['难度']) : NaN
    const draft: QuestionDraft = {
      kind: kind ?? cells['题型'],
      stem: cells['题干'],
      options,
      answer: answer ?? [],
      explanation: cells['解析'],
      fraudType: fraudTypeOf(cells['诈骗类型']),
      difficulty,
      active: true,
    }
    for (const p of checkQuestionInput(draft)) {
      if (p.field === 'kind' && !kind) continue
      if (p.field === 'answer' && !answer) continue
      reasons.push(p.field === 'fraudType' ? `诈骗类型“${cells['诈骗类型']}”无效` : p.message)
    }
    const stem = cells['题干'].trim()
    const earlier = firstRowOfStem.get(stem)
    if (stem && earlier !== undefined) reasons.push(`题干与第 ${earlier} 行重复`)
    else if (stem && existingStems.has(stem)) reasons.push('题库中已有相同题干的题目')
    if (stem && earlier === undefined) firstRowOfStem.set(stem, row)
    if (reasons.length > 0) errors.push({ row, message: `第 ${row} 行：${reasons.join('；')}` })
    else accepted.push(normaliseQuestionInput(draft))
  }
  return { accepted, errors }
}

/** Option cells up to the last filled one: a gap in between stays, so that it is reported as a blank option. */
function trimmedOptions(cells: Record<QuestionImportColumn, string>): string[] {
  const values = OPTION_COLUMNS.map((c) => cells[c] ?? '')
  let last = values.length
  while (last > 0 && values[last - 1].trim() === '') last--
  return values.slice(0, last)
}
