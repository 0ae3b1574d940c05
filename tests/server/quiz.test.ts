import type { Kysely } from 'kysely'
import type { AnswerReveal, QuizPaper, QuizResult, QuizSubmission } from '@/contract/quiz'
import type { Role } from '@/core/roles'
import type { DB } from '../../server/src/db/schema'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const TYPES = ['rebate_task', 'fake_investment', 'fake_loan', 'fake_police', 'romance', 'fake_boss', 'ai_face_voice']

interface MadeQuestion { id: string; answer: number[]; explanation: string; optionCount: number }

/** A bank of single-choice questions whose right option is the third one, with explanations nobody could guess. */
async function aQuestionBank(db: Kysely<DB>, perType = 2): Promise<Map<string, MadeQuestion>> {
  const made = new Map<string, MadeQuestion>()
  for (const fraudType of TYPES) {
    for (let i = 0; i < perType; i++) {
      const explanation = `解析-${fraudType}-${i}-只有交卷后才能看到`
      const row = await db.insertInto('quiz_questions').values({
        kind: 'single', stem: `${fraudType} 第${i + 1}题：下面哪种做法正确？`, options: JSON.stringify(['马上转账', '先垫付', '挂断并拨打96110', '发验证码']),
        answer: JSON.stringify([2]), explanation, fraud_type: fraudType, difficulty: 1,
      }).returning('id').executeTakeFirstOrThrow()
      made.set(row.id, { id: row.id, answer: [2], explanation, optionCount: 4 })
    }
  }
  return made
}

/** Each key and each string value anywhere in a JSON body. */
function walk(value: unknown, keys: string[] = [], strings: string[] = []): { keys: string[]; strings: string[] } {
  if (typeof value === 'string') strings.push(value)
  else if (Array.isArray(value)) value.forEach((v) => walk(v, keys, strings))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { keys.push(k); walk(v, keys, strings) }
  return { keys, strings }
}

describe.each(ENGINES)('daily quiz on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  let bank: Map<string, MadeQuestion>
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
    bank = await aQuestionBank(t.db)
  })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role = 'resident', regionId = tree.villages[0].id, displayName = '刘大爷') =>
    signIn(t, (await aUser(t.db, { displayName, roles: [{ role, regionId }] })).id)
  const send = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) })
  const later = (seconds: number) => t.setNow(new Date(t.now().getTime() + seconds * 1000))
  async function start(token: string): Promise<QuizPaper> {
    const res = await send('POST', '/api/quiz/today', token)
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const submission = (paper: QuizPaper, pick: (q: MadeQuestion, i: number) => number[] = (q) => q.answer, seconds = 10): QuizSubmission => ({
    attemptId: paper.attemptId, token: paper.token,
    answers: paper.questions.map((q, i) => ({ questionId: q.id, chosen: pick(bank.get(q.id)!, i), seconds })),
  })

  it('when a resident starts today\'s quiz, then five questions of five fraud types come without answers or explanations', async () => {
    const token = await tokenFor()
    const res = await send('POST', '/api/quiz/today', token)
    expect(res.statusCode).toBe(200)
    const paper: QuizPaper = res.json()
    expect(paper.questions).toHaveLength(5)
    expect(new Set(paper.questions.map((q) => q.fraudType)).size).toBe(5)
    expect(paper.secondsPerQuestion).toBe(60)
    const { keys, strings } = walk(paper)
    expect(keys).not.toEqual(expect.arrayContaining(['answer']))
    expect(keys.filter((k) => /answer|explanation|correct/i.test(k))).toEqual([])
    for (const q of bank.values()) expect(strings).not.toContain(q.explanation)
  })

  it('when the quiz is resumed, then the same questions come with a new token and still no answers, and only the newest token is stored as a hash', async () => {
    const token = await tokenFor()
    const first = await start(token)
    const again = await send('POST', '/api/quiz/today', token)
    const second: QuizPaper = again.json()
    expect(second.attemptId).toBe(first.attemptId)
    expect(second.questions).toEqual(first.questions)
    expect(second.token).not.toBe(first.token)
    expect(walk(second).keys.filter((k) => /answer|explanation/i.test(k))).toEqual([])
    const row = await t.db.selectFrom('quiz_attempts').select('token_hash').where('id', '=', first.attemptId).executeTakeFirstOrThrow()
    expect(row.token_hash).not.toContain(second.token)
    const stale = await send('POST', '/api/quiz/today/submit', token, submission(first))
    expect([stale.statusCode, stale.json()]).toEqual([403, { code: 'QUIZ_TOKEN_INVALID', message: '答题凭证无效，请重新开始今天的答题' }])
  })

  it('when all answers are right and take 10 s each, then the score is 100, explanations are shown and nothing is flagged', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    later(55)
    const res = await send('POST', '/api/quiz/today/submit', token, submission(paper))
    expect(res.statusCode).toBe(200)
    const result: QuizResult = res.json()
    expect(result).toMatchObject({ correct: 5, total: 5, score: 100, streak: 1 })
    expect(result.outcomes.map((o) => o.explanation)).toEqual(paper.questions.map((q) => bank.get(q.id)!.explanation))
    const row = await t.db.selectFrom('quiz_attempts').select(['score', 'flagged']).where('id', '=', paper.attemptId).executeTakeFirstOrThrow()
    expect(row).toEqual({ score: 100, flagged: false })
  })

  it('when two answers are wrong and one is late, then the score is 40 and the late one is marked late', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    later(200)
    const sub = submission(paper, (q, i) => (i < 2 ? [0] : q.answer))
    sub.answers[2].seconds = 61
    const result: QuizResult = (await send('POST', '/api/quiz/today/submit', token, sub)).json()
    expect(result.score).toBe(40)
    expect(result.outcomes.map((o) => [o.correct, o.late])).toEqual([[false, false], [false, false], [false, true], [true, false], [true, false]])
  })

  /** Next 09:00 in Beijing, so that an hour of answering never crosses into another quiz day. */
  const morning = () => {
    const day = 24 * 3600_000
    const beijing = 8 * 3600_000
    t.setNow(new Date(Math.ceil((t.now().getTime() + beijing) / day) * day - beijing + 9 * 3600_000))
  }
  const answer = (token: string, paper: QuizPaper, i: number, chosen: number[], seconds = 10) =>
    send('POST', '/api/quiz/today/answer', token, { attemptId: paper.attemptId, token: paper.token, questionId: paper.questions[i].id, chosen, seconds })

  it('when a resident answers the first question, then its verdict, right option and explanation come at once, and no other question\'s', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    const [first, second] = paper.questions.map((q) => bank.get(q.id)!)
    const res = await answer(token, paper, 0, [0])
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual<AnswerReveal>({ questionId: first.id, chosen: [0], answer: [2], correct: false, late: false, explanation: first.explanation })
    expect(walk(res.json()).strings).not.toContain(second.explanation)
  })

  it('when a resident answers the second question before the first, then 400 QUIZ_ANSWERS_INVALID and nothing is revealed', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    const res = await answer(token, paper, 1, [2])
    expect([res.statusCode, res.json().code]).toEqual([400, 'QUIZ_ANSWERS_INVALID'])
    expect(walk(res.json()).strings).not.toContain(bank.get(paper.questions[1].id)!.explanation)
  })

  it('when an answer is sent again with the right option after its verdict, then the first verdict stands, also in the final score', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    await answer(token, paper, 0, [0])
    const again = await answer(token, paper, 0, [2])
    expect([again.json().chosen, again.json().correct]).toEqual([[0], false])
    later(60)
    const result: QuizResult = (await send('POST', '/api/quiz/today/submit', token, submission(paper))).json()
    expect([result.score, result.outcomes[0].chosen]).toEqual([80, [0]])
  })

  it('when the quiz is resumed after two answers, then the paper brings those two verdicts and the third question is next', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    await answer(token, paper, 0, [2])
    await answer(token, paper, 1, [1])
    const resumed: QuizPaper = (await send('POST', '/api/quiz/today', token)).json()
    expect(resumed.revealed.map((r) => [r.questionId, r.correct, r.explanation])).toEqual([
      [paper.questions[0].id, true, bank.get(paper.questions[0].id)!.explanation],
      [paper.questions[1].id, false, bank.get(paper.questions[1].id)!.explanation],
    ])
    expect((await answer(token, resumed, 2, [2])).json().correct).toBe(true)
  })

  it('when the quiz is started in 关怀模式, then the paper has no time limit and ten minutes on a question is right, not late, and not flagged', async () => {
    morning()
    const token = await tokenFor()
    const res = await send('POST', '/api/quiz/today', token, { careMode: true })
    const paper: QuizPaper = res.json()
    expect(paper.secondsPerQuestion).toBeNull()
    later(600)
    expect((await answer(token, paper, 0, [2], 600)).json()).toMatchObject({ correct: true, late: false })
    later(2400)
    const result: QuizResult = (await send('POST', '/api/quiz/today/submit', token, submission(paper, (q) => q.answer, 600))).json()
    expect([result.score, result.outcomes.some((o) => o.late)]).toEqual([100, false])
    const row = await t.db.selectFrom('quiz_attempts').select(['flagged', 'care_mode']).where('id', '=', paper.attemptId).executeTakeFirstOrThrow()
    expect(row).toEqual({ flagged: false, care_mode: true })
  })

  it('when a timed paper is resumed in 关怀模式, then it loses its limit, and a 关怀模式 paper resumed without it stays untimed', async () => {
    const token = await tokenFor()
    expect((await start(token)).secondsPerQuestion).toBe(60)
    expect((await send('POST', '/api/quiz/today', token, { careMode: true })).json().secondsPerQuestion).toBeNull()
    expect((await start(token)).secondsPerQuestion).toBeNull()
  })

  it('when a paper without 关怀模式 has an answer after 61 s, then it is late and counts wrong', async () => {
    morning()
    const token = await tokenFor()
    const paper = await start(token)
    later(61)
    expect((await answer(token, paper, 0, [2], 61)).json()).toMatchObject({ correct: false, late: true })
  })

  it('when yesterday\'s 关怀模式 paper is answered today, then it is refused: the day bounds an untimed paper', async () => {
    const token = await tokenFor()
    const paper: QuizPaper = (await send('POST', '/api/quiz/today', token, { careMode: true })).json()
    later(24 * 3600)
    const res = await answer(token, paper, 0, [2], 30)
    expect([res.statusCode, res.json().code]).toEqual([404, 'QUIZ_ATTEMPT_UNKNOWN'])
  })

  it('when a second submission comes the same day, then 409 QUIZ_ALREADY_SUBMITTED and the first score stays', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    later(60)
    expect((await send('POST', '/api/quiz/today/submit', token, submission(paper))).statusCode).toBe(200)
    const again = await send('POST', '/api/quiz/today/submit', token, submission(paper, () => [0]))
    expect([again.statusCode, again.json().code]).toEqual([409, 'QUIZ_ALREADY_SUBMITTED'])
    expect((await send('POST', '/api/quiz/today', token)).json().code).toBe('QUIZ_ALREADY_SUBMITTED')
    const row = await t.db.selectFrom('quiz_attempts').select('score').where('id', '=', paper.attemptId).executeTakeFirstOrThrow()
    expect(row.score).toBe(100)
  })

  it('when the answers name other questions or skip one, then 400 QUIZ_ANSWERS_INVALID', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    const other = [...bank.keys()].find((id) => !paper.questions.some((q) => q.id === id))!
    const swapped = submission(paper)
    swapped.answers[0].questionId = other
    const short = submission(paper)
    short.answers.pop()
    for (const sub of [swapped, short]) {
      const res = await send('POST', '/api/quiz/today/submit', token, sub)
      expect([res.statusCode, res.json()]).toEqual([400, { code: 'QUIZ_ANSWERS_INVALID', message: '提交的答案与题目不对应，请重新作答' }])
    }
  })

  it('when the token is wrong or the attempt is someone else\'s, then the submission is refused', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    const wrong = await send('POST', '/api/quiz/today/submit', token, { ...submission(paper), token: 'forged' })
    expect([wrong.statusCode, wrong.json().code]).toEqual([403, 'QUIZ_TOKEN_INVALID'])
    const stranger = await tokenFor('resident', tree.villages[0].id, '陌生人')
    const theirs = await send('POST', '/api/quiz/today/submit', stranger, submission(paper))
    expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'QUIZ_ATTEMPT_UNKNOWN'])
  })

  it('when answers come back 3 s after the paper claiming 10 s each, then the attempt is scored but flagged, and the admin sees it in Chinese', async () => {
    const token = await tokenFor('resident', tree.villages[0].id, '刘大爷')
    const paper = await start(token)
    later(3)
    const res = await send('POST', '/api/quiz/today/submit', token, submission(paper))
    expect(res.json().score).toBe(100)
    const row = await t.db.selectFrom('quiz_attempts').select(['flagged', 'flag_reasons', 'score']).where('id', '=', paper.attemptId).executeTakeFirstOrThrow()
    expect(row).toEqual({ flagged: true, flag_reasons: ['too_fast', 'time_mismatch'], score: 100 })
    const admin = await tokenFor('admin', tree.town.id, '李警官')
    const flagged = await send('GET', '/api/quiz/flagged', admin)
    expect(flagged.statusCode).toBe(200)
    expect(flagged.json()).toEqual([{
      attemptId: paper.attemptId, quizDate: paper.quizDate, villageName: '东村', userName: '刘大爷', score: 100,
      reasons: ['答题过快：平均每题不到 2 秒', '申报的答题用时长于从领题到提交实际经过的时间'],
    }])
  })

  it('when an admin of another village or a resident asks for flagged attempts, then they see none or are refused', async () => {
    const token = await tokenFor()
    const paper = await start(token)
    later(1)
    await send('POST', '/api/quiz/today/submit', token, submission(paper, undefined, 1))
    const otherVillage = await tokenFor('admin', tree.villages[1].id, '王所长')
    expect((await send('GET', '/api/quiz/flagged', otherVillage)).json()).toEqual([])
    const refused = await send('GET', '/api/quiz/flagged', token)
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN'])
  })

  it('when residents of two villages have scored, then the leaderboard ranks the villages by average without names or ids of people', async () => {
    const scoreAs = async (villageId: string, name: string, wrong: number) => {
      const token = await tokenFor('resident', villageId, name)
      const paper = await start(token)
      later(60)
      await send('POST', '/api/quiz/today/submit', token, submission(paper, (q, i) => (i < wrong ? [0] : q.answer)))
      return token
    }
    const asker = await scoreAs(tree.villages[0].id, '赵大妈', 2)
    await scoreAs(tree.villages[0].id, '钱大爷', 0)
    await scoreAs(tree.villages[1].id, '孙阿姨', 1)
    const res = await send('GET', '/api/quiz/leaderboard', asker)
    expect(res.statusCode).toBe(200)
    expect(res.json().villages).toEqual([
      { villageId: tree.villages[0].id, villageName: '东村', participants: 2, averageScore: 80 },
      { villageId: tree.villages[1].id, villageName: '西村', participants: 1, averageScore: 80 },
    ])
    expect(JSON.stringify(res.json())).not.toMatch(/赵大妈|钱大爷|孙阿姨/)
  })

  it('when a resident has scored on three days in a row, then the standing shows the streak and the best score', async () => {
    const token = await tokenFor()
    for (let day = 0; day < 3; day++) {
      if (day > 0) later(24 * 3600)
      const paper = await start(token)
      later(60)
      await send('POST', '/api/quiz/today/submit', token, submission(paper, (q, i) => (i < day ? [0] : q.answer)))
    }
    const standing = (await send('GET', '/api/quiz/me', token)).json()
    expect(standing).toMatchObject({ streak: 3, bestScore: 100, today: { submitted: true, score: 60 } })
    expect(standing.history.map((h: { score: number }) => h.score)).toEqual([60, 80, 100])
  })

  // The window runs on the database's clock (shared by every instance), not the test's: waiting it out would take a real minute.
  it('when a resident sends more than 10 quiz requests in a minute, then the next answers 429 RATE_LIMITED and another resident is not held back', async () => {
    const token = await tokenFor()
    for (let i = 0; i < 10; i++) expect((await send('GET', '/api/quiz/me', token)).statusCode).toBe(200)
    const res = await send('GET', '/api/quiz/me', token)
    expect([res.statusCode, res.json()]).toEqual([429, { code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ 秒后再试$/) }])
    expect((await send('GET', '/api/quiz/me', await tokenFor())).statusCode).toBe(200)
  })

  it('when the bank has too few questions, then starting says so in Chinese', async () => {
    await t.db.updateTable('quiz_questions').set({ active: false }).execute()
    const res = await send('POST', '/api/quiz/today', await tokenFor())
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ code: 'QUIZ_NOT_ENOUGH_QUESTIONS', message: '题库题目不足，请联系管理员' })
  })
})
