import type { PaperQuestion, QuizPaper, QuizResult, QuizStanding, QuizSubmission } from '@/core/resident-api'
import { ApiError } from '@/services/api-client'
import { QuizStore } from '@/stores/quiz-store'
import { FakeApi } from './support/fake-api'

const aQuestion = (id: string, over: Partial<PaperQuestion> = {}): PaperQuestion => ({
  id, kind: 'single', stem: `题目${id}`, options: ['甲', '乙', '丙'], fraudType: 'rebate_task', ...over,
})

const aPaper = (questions: PaperQuestion[], secondsPerQuestion = 30): QuizPaper => ({
  attemptId: 'a1', token: 'tok', quizDate: '2026-11-29', questions, secondsPerQuestion, startedAt: '2026-11-29T01:00:00Z',
})

const aResult = (over: Partial<QuizResult> = {}): QuizResult => ({
  quizDate: '2026-11-29', correct: 1, total: 2, score: 50, streak: 3, outcomes: [], ...over,
})

const aStanding = (): QuizStanding => ({ streak: 3, bestScore: 50, today: { submitted: true, score: 50 }, history: [] })

function setUp(paper: QuizPaper) {
  const api = new FakeApi()
  const clock = { ms: 1_000_000 }
  const submissions: QuizSubmission[] = []
  api.startTodayQuiz = () => Promise.resolve(paper)
  api.submitTodayQuiz = (s) => {
    submissions.push(s)
    return Promise.resolve(aResult())
  }
  api.quizStanding = () => Promise.resolve(aStanding())
  api.quizLeaderboard = () => Promise.resolve({ date: '2026-11-29', villages: [] })
  const store = new QuizStore({ api, now: () => clock.ms })
  return { api, clock, store, submissions }
}

describe('QuizStore', () => {
  it('when seconds pass on a question, then the countdown shows what is left of its time', async () => {
    const { clock, store } = setUp(aPaper([aQuestion('q1')], 20))
    await store.start()

    clock.ms += 7_400
    store.tick()

    expect(store.secondsLeft).toBe(13)
  })

  it('when every question is answered, then one submission goes up with each choice and the seconds it took', async () => {
    const { clock, store, submissions } = setUp(aPaper([aQuestion('q1'), aQuestion('q2', { kind: 'multiple' })]))
    await store.start()

    store.choose(1)
    clock.ms += 5_000
    await store.next()
    store.choose(0)
    store.choose(2)
    clock.ms += 8_000
    await store.next()

    expect(submissions).toEqual([{
      attemptId: 'a1',
      token: 'tok',
      answers: [{ questionId: 'q1', chosen: [1], seconds: 5 }, { questionId: 'q2', chosen: [0, 2], seconds: 8 }],
    }])
    expect(store.result?.score).toBe(50)
  })

  it('when a single-choice option is tapped after another, then only the last one is chosen', async () => {
    const { store } = setUp(aPaper([aQuestion('q1')]))
    await store.start()

    store.choose(0)
    store.choose(2)

    expect(store.chosen).toEqual([2])
  })

  it('when a question runs out of time, then it goes in as it stands and the next question starts with a full countdown', async () => {
    const { clock, store } = setUp(aPaper([aQuestion('q1'), aQuestion('q2')], 10))
    await store.start()
    store.choose(1)

    clock.ms += 10_000
    store.tick()

    expect(store.answers).toEqual([{ questionId: 'q1', chosen: [1], seconds: 10 }])
    expect(store.question?.id).toBe('q2')
    expect(store.secondsLeft).toBe(10)
  })

  it('when the submission fails, then the answers are kept and a retry sends them', async () => {
    const { api, store, submissions } = setUp(aPaper([aQuestion('q1')]))
    const submitOk = api.submitTodayQuiz
    api.submitTodayQuiz = () => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0))
    await store.start()
    store.choose(0)
    await store.next()

    expect(store.submitError).toBe('网络不可用，请检查网络后重试')
    expect(store.awaitingSubmit).toBe(true)

    api.submitTodayQuiz = submitOk
    await store.submit()

    expect(submissions[0].answers).toEqual([{ questionId: 'q1', chosen: [0], seconds: 0 }])
    expect(store.result).not.toBeNull()
  })
})
