import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { AnswerReveal, QuestionOutcome } from '@/contract/quiz'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'
import './index.scss'

const LETTERS = 'ABCDEFGH'
const KIND_LABELS = { single: '单选题', multiple: '多选题（可选多项）', true_false: '判断题' } as const

const optionText = (options: string[], chosen: number[]) =>
  chosen.length === 0 ? '未作答' : chosen.map((i) => `${LETTERS[i]}. ${options[i]}`).join('；')

/** Told by a sign and words, never by colour alone. */
function verdictOf(o: Pick<AnswerReveal, 'correct' | 'late'>): string {
  if (o.late) return '✗ 超时，按答错计'
  return o.correct ? '✓ 答对了' : '✗ 答错了'
}

const Leaderboard = observer(function Leaderboard() {
  const { quiz } = useStores()
  const board = quiz.leaderboard
  if (quiz.leaderboardState !== 'ready' || !board || board.villages.length === 0) return null
  return (
    <View className='card'>
      <Text className='card-title'>{`今日村（社区）排行 · ${board.date}`}</Text>
      {board.villages.map((v, i) => (
        <Text key={v.villageId} className='quiz-rank'>
          {`第 ${i + 1} 名 ${v.villageName}：平均 ${v.averageScore} 分，${v.participants} 人参加`}
        </Text>
      ))}
    </View>
  )
})

const Standing = observer(function Standing() {
  const { quiz, ui } = useStores()
  const start = () => void quiz.start(ui.careMode)
  if (quiz.standingState === 'error') return <ErrorBlock message={quiz.standingError ?? '加载失败'} onRetry={() => void quiz.loadStanding()} />
  if (quiz.standingState !== 'ready' || !quiz.standing) return <LoadingBlock />
  const { streak, today, bestScore } = quiz.standing
  return (
    <View>
      <View className='card'>
        <Text className='card-title'>{`已连续答题 ${streak} 天`}</Text>
        {bestScore !== null && <Text className='hint'>{`最好成绩 ${bestScore} 分`}</Text>}
      </View>
      {today.submitted ? (
        <View className='card'>
          <Text className='card-title'>{`今天已答完，得分 ${today.score ?? 0} 分`}</Text>
          <Text className='hint'>明天再来，保持连续答题</Text>
        </View>
      ) : (
        <Button className='big-button' type='primary' size='xlarge' block loading={quiz.paperState === 'loading'} onClick={start}>
          开始今日答题
        </Button>
      )}
      {quiz.paperState === 'error' && <ErrorBlock message={quiz.paperError ?? '出题失败'} onRetry={start} />}
      <Button className='big-button' size='large' block onClick={() => void Taro.navigateTo({ url: ROUTES.prizes })}>
        领奖品
      </Button>
    </View>
  )
})

/** Shown as soon as the answer is confirmed: right or wrong, the right option and why. */
function Verdict({ reveal, options }: { reveal: AnswerReveal; options: string[] }) {
  return (
    <View className={`card quiz-verdict${reveal.correct ? '' : ' quiz-verdict--wrong'}`} role='status'>
      <Text className='card-title'>{verdictOf(reveal)}</Text>
      <Text className='quiz-answer'>{`正确答案：${optionText(options, reveal.answer)}`}</Text>
      <Text className='hint'>{`解析：${reveal.explanation}`}</Text>
    </View>
  )
}

/** The countdown, only on a timed paper: 关怀模式 has none. */
const Countdown = observer(function Countdown() {
  const { quiz } = useStores()
  useEffect(() => {
    const timer = setInterval(() => quiz.tick(), 1000)
    return () => clearInterval(timer)
  }, [quiz])
  const left = quiz.secondsLeft ?? 0
  return (
    <View role='timer'>
      <Text className={`quiz-countdown${left <= 5 ? ' quiz-countdown--low' : ''}`}>{left > 0 ? `剩余 ${left} 秒` : '时间到'}</Text>
    </View>
  )
})

const optionLabel = (option: string, i: number, on: boolean, right: boolean) =>
  `${on ? '✓ 已选 ' : ''}${LETTERS[i]}. ${option}${right ? '（正确答案）' : ''}`

const QuestionView = observer(function QuestionView() {
  const { quiz } = useStores()
  const q = quiz.question
  const paper = quiz.paper
  if (!q || !paper) return null
  const reveal = quiz.reveal
  return (
    <View>
      <Text className='section-title'>{`第 ${quiz.index + 1} 题 / 共 ${paper.questions.length} 题 · ${KIND_LABELS[q.kind]}`}</Text>
      {quiz.timed && !reveal && <Countdown />}
      <Text className='quiz-stem'>{q.stem}</Text>
      {/* Above the options, so that the verdict shows without scrolling the moment the answer is confirmed. */}
      {reveal && <Verdict reveal={reveal} options={q.options} />}
      {q.options.map((option, i) => {
        const on = reveal ? reveal.chosen.includes(i) : quiz.chosen.includes(i)
        const right = reveal?.answer.includes(i) ?? false
        return (
          <View
            key={i}
            className={`quiz-option tap-target${on ? ' quiz-option--on' : ''}${right ? ' quiz-option--right' : ''}`}
            role='button'
            aria-disabled={reveal !== null}
            onClick={() => quiz.choose(i)}
          >
            <Text>{optionLabel(option, i, on, right)}</Text>
          </View>
        )
      })}
      {quiz.answerError && <ErrorBlock message={quiz.answerError} onRetry={() => void quiz.confirm()} />}
      {reveal ? (
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => void quiz.next()}>
          {quiz.isLast ? '交卷，看成绩' : '下一题'}
        </Button>
      ) : (
        <Button
          className='big-button'
          type='primary'
          size='xlarge'
          block
          disabled={quiz.chosen.length === 0}
          loading={quiz.answering}
          onClick={() => void quiz.confirm()}
        >
          确定
        </Button>
      )}
    </View>
  )
})

function Outcome({ outcome, n }: { outcome: QuestionOutcome; n: number }) {
  return (
    <View className='card'>
      <Text className='card-title'>{`第 ${n} 题 ${verdictOf(outcome)}`}</Text>
      <Text className='quiz-stem'>{outcome.stem}</Text>
      <Text className='quiz-line'>{`您的答案：${optionText(outcome.options, outcome.chosen)}`}</Text>
      <Text className='quiz-answer'>{`正确答案：${optionText(outcome.options, outcome.answer)}`}</Text>
      <Text className='hint'>{`解析：${outcome.explanation}`}</Text>
    </View>
  )
}

const ResultView = observer(function ResultView() {
  const { quiz } = useStores()
  const result = quiz.result
  if (!result) return null
  return (
    <View>
      <View className='card'>
        <Text className='card-title'>{`得分 ${result.score} 分`}</Text>
        <Text className='quiz-line'>{`答对 ${result.correct} 题，共 ${result.total} 题`}</Text>
        <Text className='quiz-line'>{`已连续答题 ${result.streak} 天`}</Text>
      </View>
      <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: ROUTES.prizes })}>
        领奖品
      </Button>
      {result.outcomes.map((o, i) => <Outcome key={o.questionId} outcome={o} n={i + 1} />)}
    </View>
  )
})

const SubmitRetry = observer(function SubmitRetry() {
  const { quiz } = useStores()
  if (quiz.submitting) return <LoadingBlock text='正在交卷…' />
  return <ErrorBlock message={quiz.submitError ?? '交卷失败'} onRetry={() => void quiz.submit()} />
})

/** Today's quiz: standing and start, then one question at a time, then the result with explanations. */
export default observer(function QuizPage() {
  const { session, quiz } = useStores()
  const signedIn = session.isSignedIn

  useEffect(() => {
    if (!signedIn) return
    if (quiz.standingState === 'idle') void quiz.loadStanding()
    if (quiz.leaderboardState === 'idle') void quiz.loadLeaderboard()
  }, [signedIn, quiz])

  let body
  if (!signedIn) {
    body = session.hasToken && session.meState === 'loading' ? <LoadingBlock /> : (
      <View>
        <EmptyBlock title='登录后才能答题' description='答题成绩用于连续答题天数和领奖品' />
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: ROUTES.login })}>
          登录
        </Button>
      </View>
    )
  } else if (quiz.result) body = <ResultView />
  else if (quiz.awaitingSubmit) body = <SubmitRetry />
  else if (quiz.question) body = <QuestionView />
  else body = <Standing />

  return (
    <PageShell>
      <Text className='page-title'>每日答题</Text>
      {body}
      {signedIn && !quiz.question && <Leaderboard />}
    </PageShell>
  )
})
