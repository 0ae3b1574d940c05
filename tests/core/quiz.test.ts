import {
  answersFitPaper, drawQuestions, fairPlayFlags, finalAnswers, quizHomeOf, rankVillages, scoreQuiz, secondsPerQuestionFor, streakOf,
  type BankEntry, type KeyedQuestion,
} from '@/core/quiz'

const aBank = (perType: Record<string, number>): BankEntry[] =>
  Object.entries(perType).flatMap(([type, n]) => Array.from({ length: n }, (_, i) => ({ id: `${type}-${i}`, fraudType: type })))
const typeOf = (id: string) => id.split('-')[0]
const q = (id: string, answer: number[], optionCount = 4): KeyedQuestion => ({ id, answer, optionCount })
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 0, 0, seconds))

describe('drawQuestions', () => {
  it('when the bank has many types, then five questions of five different types are drawn', () => {
    const drawn = drawQuestions(aBank({ a: 4, b: 4, c: 4, d: 4, e: 4, f: 4, g: 4 }), 'u1', '2026-11-20')
    expect(drawn).toHaveLength(5)
    expect(new Set(drawn.map(typeOf)).size).toBe(5)
  })

  it('when the bank has two types, then no type gets more than one question more than the other', () => {
    const drawn = drawQuestions(aBank({ a: 10, b: 10 }), 'u1', '2026-11-20')
    const counts = ['a', 'b'].map((t) => drawn.filter((id) => typeOf(id) === t).length).sort()
    expect(counts).toEqual([2, 3])
  })

  it('when the same user draws again on the same day from the bank listed in another order, then the paper is the same', () => {
    const bank = aBank({ a: 5, b: 5, c: 5, d: 5, e: 5, f: 5 })
    expect(drawQuestions([...bank].reverse(), 'u1', '2026-11-20')).toEqual(drawQuestions(bank, 'u1', '2026-11-20'))
  })

  it('when other users or other days draw, then the papers differ', () => {
    const bank = aBank({ a: 5, b: 5, c: 5, d: 5, e: 5, f: 5, g: 5, h: 5 })
    const papers = new Set(['u1', 'u2', 'u3', 'u4'].flatMap((u) => ['2026-11-20', '2026-11-21'].map((d) => drawQuestions(bank, u, d).join())))
    expect(papers.size).toBeGreaterThan(4)
  })

  it('when the bank is smaller than a paper, then every question is drawn once', () => {
    expect(drawQuestions(aBank({ a: 2, b: 1 }), 'u1', '2026-11-20').sort()).toEqual(['a-0', 'a-1', 'b-0'])
  })
})

describe('answersFitPaper', () => {
  const paper = [q('q1', [0]), q('q2', [1, 2])]
  const fit = (answers: { questionId: string; chosen: number[]; seconds: number }[]) => answersFitPaper(paper, answers)

  it('when every question is answered in order with existing options, then the answers fit', () => {
    expect(fit([{ questionId: 'q1', chosen: [0], seconds: 5 }, { questionId: 'q2', chosen: [1, 2], seconds: 5 }])).toBe(true)
  })

  it('when a question is missing, swapped, or an option does not exist or repeats, then the answers do not fit', () => {
    expect(fit([{ questionId: 'q1', chosen: [0], seconds: 5 }])).toBe(false)
    expect(fit([{ questionId: 'q2', chosen: [1], seconds: 5 }, { questionId: 'q1', chosen: [0], seconds: 5 }])).toBe(false)
    expect(fit([{ questionId: 'q1', chosen: [4], seconds: 5 }, { questionId: 'q2', chosen: [1], seconds: 5 }])).toBe(false)
    expect(fit([{ questionId: 'q1', chosen: [0], seconds: 5 }, { questionId: 'q2', chosen: [1, 1], seconds: 5 }])).toBe(false)
  })
})

describe('scoreQuiz', () => {
  const paper = [q('q1', [0]), q('q2', [1, 2]), q('q3', [3]), q('q4', [1])]

  it('when a multiple choice has all right options in any order, then it is correct, and a subset is not', () => {
    const result = scoreQuiz(paper, [
      { questionId: 'q1', chosen: [0], seconds: 10 },
      { questionId: 'q2', chosen: [2, 1], seconds: 10 },
      { questionId: 'q3', chosen: [3], seconds: 10 },
      { questionId: 'q4', chosen: [], seconds: 10 },
    ])
    expect(result.outcomes.map((o) => o.correct)).toEqual([true, true, true, false])
    expect([result.correct, result.total, result.score]).toEqual([3, 4, 75])
  })

  it('when a right answer comes after the time limit, then it is late and counts wrong', () => {
    const result = scoreQuiz([q('q1', [0])], [{ questionId: 'q1', chosen: [0], seconds: 61 }], 60)
    expect(result.outcomes).toEqual([{ questionId: 'q1', correct: false, late: true }])
    expect(result.score).toBe(0)
  })

  it('when a paper taken in 关怀模式 has an answer after ten minutes, then it is not late and counts by its options', () => {
    const result = scoreQuiz([q('q1', [0])], [{ questionId: 'q1', chosen: [0], seconds: 600 }], secondsPerQuestionFor(true))
    expect(result.outcomes).toEqual([{ questionId: 'q1', correct: true, late: false }])
  })
})

describe('secondsPerQuestionFor', () => {
  it('when in 关怀模式, then there is no limit, and otherwise 60 s', () => {
    expect([secondsPerQuestionFor(true), secondsPerQuestionFor(false)]).toEqual([null, 60])
  })
})

describe('finalAnswers', () => {
  it('when two answers were already shown right or wrong, then the submission cannot change them', () => {
    const shown = [{ questionId: 'q1', chosen: [1], seconds: 9 }, { questionId: 'q2', chosen: [0], seconds: 7 }]
    const submitted = [
      { questionId: 'q1', chosen: [0], seconds: 5 }, { questionId: 'q2', chosen: [2], seconds: 5 }, { questionId: 'q3', chosen: [3], seconds: 5 },
    ]
    expect(finalAnswers(shown, submitted).map((a) => a.chosen)).toEqual([[1], [0], [3]])
  })
})

describe('fairPlayFlags', () => {
  it('when answers take 10 s each and the server saw 55 s pass, then nothing is flagged', () => {
    expect(fairPlayFlags([10, 10, 10, 10, 10], at(0), at(55))).toEqual([])
  })

  it('when the average answer takes under 2 s, then it is flagged too fast', () => {
    expect(fairPlayFlags([1, 1, 1, 1, 1], at(0), at(8))).toContain('too_fast')
  })

  it('when the phone claims 50 s but the server saw 12 s pass, then it is flagged as a time mismatch', () => {
    expect(fairPlayFlags([10, 10, 10, 10, 10], at(0), at(12))).toEqual(['time_mismatch'])
  })

  it('when the paper was handed out an hour before it came back, then it is flagged overtime', () => {
    expect(fairPlayFlags([10, 10, 10, 10, 10], at(0), at(3600))).toEqual(['overtime'])
  })

  it('when a 关怀模式 paper comes back an hour after it was handed out, then it is not flagged', () => {
    expect(fairPlayFlags([720, 720, 720, 720, 720], at(0), at(3600), null)).toEqual([])
  })
})

describe('streakOf', () => {
  it('when the last three days each have a quiz, then the streak is 3', () => {
    expect(streakOf(['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-15'], '2026-11-20')).toBe(3)
  })

  it('when today is not taken yet, then the streak up to yesterday still counts', () => {
    expect(streakOf(['2026-11-18', '2026-11-19'], '2026-11-20')).toBe(2)
  })

  it('when yesterday was missed, then the streak is only today or nothing', () => {
    expect(streakOf(['2026-11-17', '2026-11-18', '2026-11-20'], '2026-11-20')).toBe(1)
    expect(streakOf(['2026-11-17', '2026-11-18'], '2026-11-20')).toBe(0)
  })

  it('when the streak crosses a month end, then it continues', () => {
    expect(streakOf(['2026-02-27', '2026-02-28', '2026-03-01'], '2026-03-01')).toBe(3)
  })
})

describe('rankVillages', () => {
  it('when villages have participants, then they are ranked by average, ties by participants, and empty ones left out', () => {
    expect(rankVillages([
      { villageId: 'a', villageName: '东村', participants: 2, scoreSum: 160 },
      { villageId: 'b', villageName: '西村', participants: 3, scoreSum: 270 },
      { villageId: 'c', villageName: '南村', participants: 4, scoreSum: 320 },
      { villageId: 'd', villageName: '北村', participants: 0, scoreSum: 0 },
    ])).toEqual([
      { villageId: 'b', villageName: '西村', participants: 3, averageScore: 90 },
      { villageId: 'c', villageName: '南村', participants: 4, averageScore: 80 },
      { villageId: 'a', villageName: '东村', participants: 2, averageScore: 80 },
    ])
  })
})

describe('quizHomeOf', () => {
  it('when a user holds a grid region, then its village and county are the home', () => {
    expect(quizHomeOf(['/500116/500116115/', '/500116/500116115/500116115200/500116115200-01/'])).toEqual({ countyId: '500116', villageId: '500116115200' })
  })

  it('when a user holds only a town, then there is no village', () => {
    expect(quizHomeOf(['/500116/500116115/'])).toEqual({ countyId: '500116', villageId: null })
  })
})
