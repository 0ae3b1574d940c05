import { speechChunks } from '@/core/speech-text'

describe('speechChunks', () => {
  it('when the text is short, then it is read in one piece, trimmed', () => {
    expect(speechChunks('  陌生来电要警惕。挂断后拨打96110。 ')).toEqual(['陌生来电要警惕。挂断后拨打96110。'])
  })

  it('when sentences add up past the limit, then a piece ends at a sentence end and none exceeds the limit', () => {
    const chunks = speechChunks('第一句话很短。第二句话也很短！第三句？', 10)
    expect(chunks).toEqual(['第一句话很短。', '第二句话也很短！', '第三句？'])
  })

  it('when one sentence is longer than the limit, then it is cut, and nothing of the text is lost', () => {
    const text = '一'.repeat(25)
    const chunks = speechChunks(text, 10)
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5])
    expect(chunks.join('')).toBe(text)
  })

  it('when there is nothing to read, then there are no pieces', () => {
    expect(speechChunks(' \n ')).toEqual([])
  })
})
