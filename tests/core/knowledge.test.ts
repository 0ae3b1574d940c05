import { type ArticleText, checkArticleInput, isKnowledgeFraudType, KNOWLEDGE_FRAUD_TYPES, MAX_ITEMS, normaliseArticleInput } from '@/core/knowledge'

const anArticle = (overrides: Partial<ArticleText> = {}): ArticleText => ({
  summary: '骗子以刷单返利为诱饵骗取垫付资金。',
  signs: ['先给小甜头'],
  scripts: ['“动动手指就能赚钱。”'],
  advice: ['刷单都是诈骗'],
  ...overrides,
})
const fieldsOf = (input: ArticleText) => checkArticleInput(input).map((p) => p.field)

describe('checking a knowledge article', () => {
  it('when every part is filled in, then there is no problem', () => {
    expect(checkArticleInput(anArticle())).toEqual([])
  })

  it('when a list is empty, then it is named in Chinese', () => {
    expect(checkArticleInput(anArticle({ scripts: [] }))).toEqual([{ code: 'KNOWLEDGE_INVALID', field: 'scripts', message: '请至少填写一条典型话术' }])
  })

  it('when every list is empty and the summary blank, then each is named', () => {
    expect(fieldsOf({ summary: ' ', signs: [], scripts: [], advice: [] })).toEqual(['summary', 'signs', 'scripts', 'advice'])
  })

  it('when an item is blank, then its position is named', () => {
    expect(checkArticleInput(anArticle({ advice: ['不转账', '  '] }))).toEqual([
      { code: 'KNOWLEDGE_INVALID', field: 'advice.1', message: '请填写第 2 条防范提示' },
    ])
  })

  it('when an item is 201 characters, then it is too long; 200 is fine', () => {
    expect(fieldsOf(anArticle({ signs: ['字'.repeat(200)] }))).toEqual([])
    expect(checkArticleInput(anArticle({ signs: ['字'.repeat(201)] }))[0].message).toBe('第 1 条识别要点不能超过 200 个字')
  })

  it('when a list has more items than allowed, then it is refused', () => {
    expect(fieldsOf(anArticle({ signs: Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `要点${i}`) }))).toEqual(['signs'])
  })

  it('when the summary is longer than 300 characters, then it is refused', () => {
    expect(fieldsOf(anArticle({ summary: '长'.repeat(301) }))).toEqual(['summary'])
  })
})

describe('normalising a knowledge article', () => {
  it('when texts carry surrounding blanks, then they are trimmed', () => {
    expect(normaliseArticleInput({ summary: ' 简介 ', signs: [' a '], scripts: ['b '], advice: [' c'] }))
      .toEqual({ summary: '简介', signs: ['a'], scripts: ['b'], advice: ['c'] })
  })
})

describe('fraud types in the library', () => {
  it('when the catch-all type is asked for, then it has no article; the twelve named types do', () => {
    expect(isKnowledgeFraudType('other')).toBe(false)
    expect(KNOWLEDGE_FRAUD_TYPES).toHaveLength(12)
    expect(KNOWLEDGE_FRAUD_TYPES.every((t) => isKnowledgeFraudType(t.key))).toBe(true)
    expect(isKnowledgeFraudType('lottery')).toBe(false)
  })
})
