import { Type } from 'typebox'
import { FRAUD_TYPES } from '#core/fraud-types'
import { MAX_CHOICE_OPTIONS, MAX_EXPLANATION_LENGTH, MAX_OPTION_LENGTH, MAX_STEM_LENGTH } from '#core/questions'
import { PageQuery, PlainText, Uuid } from '#contract/common'

/**
 * Question bank schemas, mirroring src/core/resident-api.ts. They check shape and size only: option counts per
 * kind, answers in range, blank texts and the fraud type are checked by src/core/questions.ts, in Chinese.
 */

const FRAUD_TYPE_LIST = FRAUD_TYPES.map((t) => `${t.key}（${t.name}）`).join('、')

export const QuizQuestionInput = Type.Object({
  kind: Type.String({ maxLength: 20, description: '题型：single 单选、multiple 多选、true_false 判断' }),
  stem: PlainText({ maxLength: MAX_STEM_LENGTH * 2, description: '题干' }),
  options: Type.Array(PlainText({ maxLength: MAX_OPTION_LENGTH * 2 }), {
    maxItems: MAX_CHOICE_OPTIONS * 2, description: '选项；判断题固定为 ["正确","错误"]',
  }),
  answer: Type.Array(Type.Integer(), { maxItems: MAX_CHOICE_OPTIONS * 2, description: '正确选项的序号，从 0 开始' }),
  explanation: PlainText({ maxLength: MAX_EXPLANATION_LENGTH * 2, description: '答案解析，交卷后展示' }),
  fraudType: Type.String({ maxLength: 40, description: `诈骗类型：${FRAUD_TYPE_LIST}` }),
  difficulty: Type.Integer({ description: '难度 1–3' }),
  active: Type.Boolean({ description: '是否启用（停用的题不会出现在每日答题中）' }),
})

export const QuizQuestion = Type.Object({
  ...QuizQuestionInput.properties,
  kind: Type.String(),
  stem: Type.String(),
  options: Type.Array(Type.String()),
  explanation: Type.String(),
  id: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const QuestionPage = Type.Object({ items: Type.Array(QuizQuestion), total: Type.Integer() })

export const QuestionQuery = Type.Object({
  fraudType: Type.Optional(Type.String({ maxLength: 40, description: '只看这一类诈骗的题' })),
  q: Type.Optional(PlainText({ maxLength: 50, description: '题干中的关键字' })),
  ...PageQuery,
})

export const ById = Type.Object({ id: Uuid })

export const QuestionImportResult = Type.Object({
  imported: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() })),
})
