import { act, fireEvent, screen } from '@testing-library/react'
import type { LoginResult } from '@/contract/auth'
import type { QuizPaper, QuizResult, QuizStanding } from '@/contract/quiz'
import QuizPage from '@/pages/quiz/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

const aLogin = (): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', displayName: '刘大爷', roles: [{ role: 'resident', regionId: 'v1', regionName: '东胜村', regionPath: '/t/v1/' }] },
})

const aPaper = (secondsPerQuestion: number | null = 30): QuizPaper => ({
  attemptId: 'a1', token: 'tok', quizDate: '2026-11-29', secondsPerQuestion, startedAt: '2026-11-29T01:00:00Z', revealed: [],
  questions: [{ id: 'q1', kind: 'true_false', stem: '陌生人让你刷单返利，可以试试吗？', options: ['正确', '错误'], fraudType: 'rebate_task' }],
})

const aStanding = (submitted = false): QuizStanding => ({
  streak: 2, bestScore: null, today: { submitted, score: submitted ? 0 : null }, history: [],
})

const aResult = (): QuizResult => ({
  quizDate: '2026-11-29', correct: 0, total: 1, score: 0, streak: 3,
  outcomes: [{
    questionId: 'q1', stem: '陌生人让你刷单返利，可以试试吗？', options: ['正确', '错误'], chosen: [0], answer: [1],
    correct: false, late: false, explanation: '刷单就是诈骗',
  }],
})

async function signedIn(api: FakeApi, standing = aStanding()) {
  api.demoLogin = () => Promise.resolve(aLogin())
  api.quizStanding = () => Promise.resolve(standing)
  api.quizLeaderboard = () => Promise.resolve({
    date: '2026-11-29', villages: [{ villageId: 'v1', villageName: '东胜村', participants: 12, averageScore: 86 }],
  })
  const store = aRootStore(api)
  await store.session.loginWithDemoPersona('resident')
  // Standing and leaderboard load as the page mounts: let them land inside act.
  await act(async () => {
    renderWithStores(<QuizPage />, store)
  })
  return store
}

describe('每日答题 page', () => {
  it('when nobody is signed in, then the page asks to sign in first', () => {
    renderWithStores(<QuizPage />, aRootStore(new FakeApi()))

    expect(screen.getByText('登录后才能答题')).toBeTruthy()
  })

  it('when the quiz starts, then the question shows with its countdown and a tapped option is marked in words', async () => {
    const api = new FakeApi()
    api.startTodayQuiz = () => Promise.resolve(aPaper())
    await signedIn(api)

    fireEvent.click(await screen.findByText('开始今日答题'))
    await screen.findByText('陌生人让你刷单返利，可以试试吗？')
    fireEvent.click(screen.getByText('B. 错误'))

    expect(screen.getByText('剩余 30 秒')).toBeTruthy()
    expect(screen.getByText('✓ 已选 B. 错误')).toBeTruthy()
    expect(screen.getByText('确定')).toBeTruthy()
  })

  it('when an answer is confirmed, then ✗ 答错了, the right option and the explanation show at once, before the next step', async () => {
    const api = new FakeApi()
    api.startTodayQuiz = () => Promise.resolve(aPaper())
    api.answerTodayQuiz = (a) => Promise.resolve({ questionId: a.questionId, chosen: a.chosen, answer: [1], correct: false, late: false, explanation: '刷单就是诈骗' })
    await signedIn(api)
    fireEvent.click(await screen.findByText('开始今日答题'))
    fireEvent.click(await screen.findByText('A. 正确'))

    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })

    expect(screen.getByText('✗ 答错了')).toBeTruthy()
    expect(screen.getByText('正确答案：B. 错误')).toBeTruthy()
    expect(screen.getByText('B. 错误（正确答案）')).toBeTruthy()
    expect(screen.getByText('解析：刷单就是诈骗')).toBeTruthy()
    expect(screen.getByText('交卷，看成绩')).toBeTruthy()
  })

  it('when 关怀模式 is on, then the quiz is started as such and no countdown shows', async () => {
    const api = new FakeApi()
    const starts: unknown[] = []
    api.startTodayQuiz = (start) => {
      starts.push(start)
      return Promise.resolve(aPaper(null))
    }
    const store = await signedIn(api)
    act(() => store.ui.setCareMode(true))

    fireEvent.click(await screen.findByText('开始今日答题'))
    await screen.findByText('陌生人让你刷单返利，可以试试吗？')

    expect(starts).toEqual([{ careMode: true }])
    expect(screen.queryByRole('timer')).toBeNull()
    expect(screen.queryByText(/剩余 \d+ 秒/)).toBeNull()
  })

  it('when the answers are submitted, then each question says ✓ or ✗ in words with the right answer and its explanation', async () => {
    const api = new FakeApi()
    api.startTodayQuiz = () => Promise.resolve(aPaper())
    api.answerTodayQuiz = (a) => Promise.resolve({ questionId: a.questionId, chosen: a.chosen, answer: [1], correct: false, late: false, explanation: '刷单就是诈骗' })
    api.submitTodayQuiz = () => Promise.resolve(aResult())
    await signedIn(api)
    fireEvent.click(await screen.findByText('开始今日答题'))
    fireEvent.click(await screen.findByText('A. 正确'))

    await act(async () => {
      fireEvent.click(screen.getByText('确定'))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('交卷，看成绩'))
    })

    expect(await screen.findByText('第 1 题 ✗ 答错了')).toBeTruthy()
    expect(screen.getByText('正确答案：B. 错误')).toBeTruthy()
    expect(screen.getByText('解析：刷单就是诈骗')).toBeTruthy()
    expect(screen.getByText('已连续答题 3 天')).toBeTruthy()
  })

  it('when today is already answered, then the score is shown instead of a start button, with the village leaderboard', async () => {
    await signedIn(new FakeApi(), aStanding(true))

    expect(await screen.findByText('今天已答完，得分 0 分')).toBeTruthy()
    expect(screen.queryByText('开始今日答题')).toBeNull()
    expect(await screen.findByText('第 1 名 东胜村：平均 86 分，12 人参加')).toBeTruthy()
  })
})
