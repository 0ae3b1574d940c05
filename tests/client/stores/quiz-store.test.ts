import type { AnswerReveal, PaperQuestion, QuizAnswer, QuizPaper, QuizResult, QuizStanding, QuizStart, QuizSubmission } from '@/contract/quiz'
import { ApiError } from '@/services/api-client'
import { QuizStore } from '@/stores/quiz-store'
import { FakeApi } from '../support/fake-api'

const aQuestion = (id: string, over: Partial<PaperQuestion> = {}): PaperQuestion => ({
  id, kind: 'single', stem: `题目${id}`, options: ['甲', '乙', '丙'], fraudType: 'rebate_task', ...over,
})

const aPaper = (questions: PaperQuestion[], secondsPerQuestion: number | null = 30, revealed: AnswerReveal[] = []): QuizPaper => ({
  attemptId: 'a1', token: 'tok', quizDate: '2026-11-29', questions, secondsPerQuestion, startedAt: '2026-11-29T01:00:00Z', revealed,
})

/** The server's verdict: option 0 is right everywhere. */
const aReveal = (a: Pick<QuizAnswer, 'questionId' | 'chosen'>): AnswerReveal => ({
  questionId: a.questionId, chosen: a.chosen, answer: [0], correct: a.chosen.join() === '0', late: false, explanation: `解析${a.questionId}`,
})

const aResult = (over: Partial<QuizResult> = {}): QuizResult => ({
  quizDate: '2026-11-29', correct: 1, total: 2, score: 50, streak: 3, outcomes: [], ...over,
})

const aStanding = (): QuizStanding => ({ streak: 3, bestScore: 50, today: { submitted: true, score: 50 }, history: [] })

function setUp(paper: QuizPaper) {
  const api = new FakeApi()
  const clock = { ms: 1_000_000 }
  const submissions: QuizSubmission[] = []
  const starts: (QuizStart | undefined)[] = []
  const answers: QuizAnswer[] = []
  api.startTodayQuiz = (start) => {
    starts.push(start)
    return Promise.resolve(paper)
  }
  api.answerTodayQuiz = (a) => {
    answers.push(a)
    return Promise.resolve(aReveal(a))
  }
  api.submitTodayQuiz = (s) => {
    submissions.push(s)
    return Promise.resolve(aResult())
  }
  api.quizStanding = () => Promise.resolve(aStanding())
  api.quizLeaderboard = () => Promise.resolve({ date: '2026-11-29', villages: [] })
  const store = new QuizStore({ api, now: () => clock.ms })
  return { api, clock, store, submissions, starts, answers }
}

describe('QuizStore', () => {
  it('when seconds pass on a question, then the countdown shows what is left of its time', async () => {
    const { clock, store } = setUp(aPaper([aQuestion('q1')], 20))
    await store.start()

    clock.ms += 7_400
    store.tick()

    expect(store.secondsLeft).toBe(13)
  })

  it('when an answer is confirmed, then its verdict, right option and explanation show before the next question', async () => {
    const { clock, store, answers } = setUp(aPaper([aQuestion('q1'), aQuestion('q2')]))
    await store.start()

    store.choose(1)
    clock.ms += 5_000
    await store.confirm()

    expect(answers).toEqual([{ attemptId: 'a1', token: 'tok', questionId: 'q1', chosen: [1], seconds: 5 }])
    expect(store.reveal).toMatchObject({ correct: false, answer: [0], explanation: '解析q1' })
    expect(store.question?.id).toBe('q1')
    store.choose(0)
    expect(store.chosen).toEqual([1])
    await store.next()
    expect([store.question?.id, store.reveal]).toEqual(['q2', null])
  })

  it('when every question is answered, then one submission goes up with each choice and the seconds it took', async () => {
    const { clock, store, submissions } = setUp(aPaper([aQuestion('q1'), aQuestion('q2', { kind: 'multiple' })]))
    await store.start()

    store.choose(1)
    clock.ms += 5_000
    await store.confirm()
    await store.next()
    store.choose(0)
    store.choose(2)
    clock.ms += 8_000
    await store.confirm()
    await store.next()

    expect(submissions).toEqual([{
      attemptId: 'a1',
      token: 'tok',
      answers: [{ questionId: 'q1', chosen: [1], seconds: 5 }, { questionId: 'q2', chosen: [0, 2], seconds: 8 }],
    }])
    expect(store.result?.score).toBe(50)
  })

  it('when the quiz starts in 关怀模式 and the paper has no limit, then there is no countdown and ten minutes pass without answering for the resident', async () => {
    const { clock, store, starts, answers } = setUp(aPaper([aQuestion('q1')], null))
    await store.start(true)

    clock.ms += 600_000
    store.tick()

    expect(starts).toEqual([{ careMode: true }])
    expect([store.timed, store.secondsLeft, answers.length, store.question?.id]).toEqual([false, null, 0, 'q1'])
  })

  it('when a quiz is resumed after two answers, then the third question is current and the two stand as given', async () => {
    const questions = [aQuestion('q1'), aQuestion('q2'), aQuestion('q3')]
    const { store } = setUp(aPaper(questions, 30, [aReveal({ questionId: 'q1', chosen: [0] }), aReveal({ questionId: 'q2', chosen: [2] })]))
    await store.start()

    expect(store.question?.id).toBe('q3')
    expect(store.answers.map((a) => a.chosen)).toEqual([[0], [2]])
  })

  it('when a single-choice option is tapped after another, then only the last one is chosen', async () => {
    const { store } = setUp(aPaper([aQuestion('q1')]))
    await store.start()

    store.choose(0)
    store.choose(2)

    expect(store.chosen).toEqual([2])
  })

  it('when a question runs out of time, then it goes in as it stands, its verdict shows, and the next question starts with a full countdown', async () => {
    const { clock, store } = setUp(aPaper([aQuestion('q1'), aQuestion('q2')], 10))
    await store.start()
    store.choose(1)

    clock.ms += 10_000
    store.tick()
    // tick() sends the answer without waiting for it: let the server's verdict land.
    await new Promise((resolve) => setTimeout(resolve, 0))

    expect(store.answers).toEqual([{ questionId: 'q1', chosen: [1], seconds: 10 }])
    expect(store.reveal?.questionId).toBe('q1')
    clock.ms += 30_000
    await store.next()
    expect(store.question?.id).toBe('q2')
    expect(store.secondsLeft).toBe(10)
  })

  it('when sending an answer fails, then no verdict shows and a retry sends the seconds first measured', async () => {
    const { api, clock, store, answers } = setUp(aPaper([aQuestion('q1')]))
    const answerOk = api.answerTodayQuiz
    api.answerTodayQuiz = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    await store.start()
    store.choose(2)
    clock.ms += 4_000
    await store.confirm()

    expect([store.reveal, store.answerError]).toEqual([null, '网络不可用，请检查网络后重试'])

    api.answerTodayQuiz = answerOk
    clock.ms += 20_000
    await store.confirm()
    expect(answers.map((a) => a.seconds)).toEqual([4])
    expect(store.reveal?.questionId).toBe('q1')
  })

  it('when the submission fails, then the answers are kept and a retry sends them', async () => {
    const { api, store, submissions } = setUp(aPaper([aQuestion('q1')]))
    const submitOk = api.submitTodayQuiz
    api.submitTodayQuiz = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    await store.start()
    store.choose(0)
    await store.confirm()
    await store.next()

    expect(store.submitError).toBe('网络不可用，请检查网络后重试')
    expect(store.awaitingSubmit).toBe(true)

    api.submitTodayQuiz = submitOk
    await store.submit()

    expect(submissions[0].answers).toEqual([{ questionId: 'q1', chosen: [0], seconds: 0 }])
    expect(store.result).not.toBeNull()
  })
})
