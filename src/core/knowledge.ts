import type { ErrorCode } from './errors'
import { FRAUD_TYPES, type FraudTypeKey } from './fraud-types'

/** Rules of the fraud-type knowledge library, shared by the editing page and the server. */

export const MAX_SUMMARY_LENGTH = 300
export const MAX_ITEM_LENGTH = 200
export const MAX_ITEMS = 10

/** 'other' is a bulletin's catch-all, not a kind of fraud one can explain: it has no article. */
export const KNOWLEDGE_FRAUD_TYPES = FRAUD_TYPES.filter((t) => t.key !== 'other')
export type KnowledgeFraudType = Exclude<FraudTypeKey, 'other'>

export function isKnowledgeFraudType(key: string): key is KnowledgeFraudType {
  return KNOWLEDGE_FRAUD_TYPES.some((t) => t.key === key)
}

/** An article's words as an editor writes them: the rules below check and trim them. */
export interface ArticleText {
  summary: string
  signs: string[]
  scripts: string[]
  advice: string[]
}

export interface KnowledgeProblem {
  code: Extract<ErrorCode, 'KNOWLEDGE_INVALID'>
  /** A path into ArticleText: "signs.2". */
  field: string
  message: string
}

const LISTS = [
  { field: 'signs', label: '识别要点' },
  { field: 'scripts', label: '典型话术' },
  { field: 'advice', label: '防范提示' },
] as const

const lengthOf = (text: string) => [...text.trim()].length
const problem = (field: string, message: string): KnowledgeProblem => ({ code: 'KNOWLEDGE_INVALID', field, message })

function textProblem(field: string, label: string, value: string, max: number): KnowledgeProblem | null {
  const length = lengthOf(value)
  if (length === 0) return problem(field, `请填写${label}`)
  if (length > max) return problem(field, `${label}不能超过 ${max} 个字`)
  return null
}

/** Everything wrong with an article, field by field; empty when it may be saved. */
export function checkArticleInput(input: ArticleText): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = []
  const summary = textProblem('summary', '简介', input.summary, MAX_SUMMARY_LENGTH)
  if (summary) problems.push(summary)
  for (const { field, label } of LISTS) {
    const items = input[field]
    if (items.length === 0) problems.push(problem(field, `请至少填写一条${label}`))
    if (items.length > MAX_ITEMS) problems.push(problem(field, `${label}最多 ${MAX_ITEMS} 条`))
    items.slice(0, MAX_ITEMS).forEach((item, i) => {
      const p = textProblem(`${field}.${i}`, `第 ${i + 1} 条${label}`, item, MAX_ITEM_LENGTH)
      if (p) problems.push(p)
    })
  }
  return problems
}

/** An article that passed checkArticleInput, as it is stored: surrounding blanks trimmed. */
export function normaliseArticleInput(input: ArticleText): ArticleText {
  return {
    summary: input.summary.trim(),
    signs: input.signs.map((s) => s.trim()),
    scripts: input.scripts.map((s) => s.trim()),
    advice: input.advice.map((s) => s.trim()),
  }
}
