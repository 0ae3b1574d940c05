import { flow, makeAutoObservable, observable } from 'mobx'
import type { AnswerReveal, PaperQuestion, QuizPaper, QuizResult, QuizStanding, QuizSubmission, VillageLeaderboard } from '@/contract/quiz'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

export interface QuizStoreDeps {
  api: Pick<Api, 'startTodayQuiz' | 'answerTodayQuiz' | 'submitTodayQuiz' | 'quizStanding' | 'quizLeaderboard'>
  /** Milliseconds since the epoch; tests pass a hand-moved clock. */
  now: () => number
}

type Answer = QuizSubmission['answers'][number]

/**
 * Today's quiz: one question at a time, against a per-question countdown unless in 关怀模式; each answer is judged as
 * soon as it is confirmed (right or wrong, the right option, the explanation); then the result, streak and leaderboard.
 */
export class QuizStore {
  standing: QuizStanding | null = null
  standingState: LoadState = 'idle'
  standingError: string | null = null
  leaderboard: VillageLeaderboard | null = null
  leaderboardState: LoadState = 'idle'
  paper: QuizPaper | null = null
  paperState: LoadState = 'idle'
  paperError: string | null = null
  index = 0
  chosen: number[] = []
  answers: Answer[] = []
  /** The current question's verdict, once its answer is confirmed; the next question follows when the resident asks. */
  reveal: AnswerReveal | null = null
  answering = false
  answerError: string | null = null
  result: QuizResult | null = null
  submitting = false
  submitError: string | null = null
  private questionStartedAt = 0
  private clock = 0

  constructor(private readonly deps: QuizStoreDeps) {
    makeAutoObservable<QuizStore, 'deps' | 'questionStartedAt'>(this, {
      deps: false, questionStartedAt: false, paper: observable.ref, result: observable.ref, standing: observable.ref, leaderboard: observable.ref,
      reveal: observable.ref,
    })
  }

  get question(): PaperQuestion | null {
    return this.paper?.questions[this.index] ?? null
  }

  get isLast(): boolean {
    return this.paper !== null && this.index === this.paper.questions.length - 1
  }

  /** False for a paper started in 关怀模式: no countdown is shown or run. */
  get timed(): boolean {
    return this.paper !== null && this.paper.secondsPerQuestion !== null
  }

  /** Whole seconds left on the current question (null when untimed); the page ticks the clock every second. */
  get secondsLeft(): number | null {
    const limit = this.paper?.secondsPerQuestion
    if (limit === undefined || limit === null) return null
    const spent = Math.floor((this.clock - this.questionStartedAt) / 1000)
    return Math.max(0, limit - spent)
  }

  private get timeIsUp(): boolean {
    return this.secondsLeft === 0
  }

  /** All questions answered, the last verdict read, but the submission has not gone through: the page offers 重试. */
  get awaitingSubmit(): boolean {
    return this.paper !== null && this.reveal === null && this.answers.length === this.paper.questions.length && this.result === null
  }

  reset(): void {
    this.standing = null
    this.standingState = 'idle'
    this.leaderboard = null
    this.leaderboardState = 'idle'
    this.paper = null
    this.paperState = 'idle'
    this.result = null
    this.answers = []
    this.chosen = []
    this.index = 0
    this.reveal = null
    this.answerError = null
  }

  loadStanding = flow(function* (this: QuizStore) {
    this.standingState = 'loading'
    this.standingError = null
    try {
      this.standing = yield this.deps.api.quizStanding()
      this.standingState = 'ready'
    } catch (e) {
      this.standingState = 'error'
      this.standingError = errorMessage(e)
    }
  })

  /** No personal data in it, so a failure only hides the board. */
  loadLeaderboard = flow(function* (this: QuizStore) {
    this.leaderboardState = 'loading'
    try {
      this.leaderboard = yield this.deps.api.quizLeaderboard()
      this.leaderboardState = 'ready'
    } catch {
      this.leaderboardState = 'error'
    }
  })

  /**
   * Starts today's attempt, or resumes it after the questions already answered: the server keeps one attempt a day.
   * 关怀模式 is declared here, and the server records it for the day's paper.
   */
  start = flow(function* (this: QuizStore, careMode = false) {
    this.paperState = 'loading'
    this.paperError = null
    this.result = null
    this.submitError = null
    try {
      const paper: QuizPaper = yield this.deps.api.startTodayQuiz({ careMode })
      this.paper = paper
      // Answers already judged are final on the server; their seconds no longer count.
      this.answers = paper.revealed.map((r) => ({ questionId: r.questionId, chosen: r.chosen, seconds: 0 }))
      this.index = this.answers.length
      this.chosen = []
      this.reveal = null
      this.answerError = null
      this.beginQuestion()
      this.paperState = 'ready'
      // Every answer was judged before the app closed: only handing the paper in is left.
      if (this.awaitingSubmit) yield this.submit()
    } catch (e) {
      this.paperState = 'error'
      this.paperError = errorMessage(e)
    }
  })

  /** Single choice and true/false keep one option; multiple choice toggles. */
  choose(option: number): void {
    const q = this.question
    if (!q || this.reveal || this.answering || this.timeIsUp) return
    if (q.kind === 'multiple') {
      this.chosen = this.chosen.includes(option) ? this.chosen.filter((o) => o !== option) : [...this.chosen, option].sort((a, b) => a - b)
    } else {
      this.chosen = [option]
    }
  }

  /** Moves the clock on; when the time is up the answer goes in as it stands (the server counts it late). */
  tick(): void {
    if (!this.timed || this.reveal || this.answering || this.answerError) return
    this.clock = this.deps.now()
    if (this.question && this.timeIsUp) void this.confirm()
  }

  /** Sends the current answer; the server's verdict, right option and explanation then show at once. */
  confirm = flow(function* (this: QuizStore) {
    const q = this.question
    if (!q || !this.paper || this.reveal || this.answering) return
    // A retry after a failed send keeps the seconds first measured, not the time spent on the error.
    if (!this.answerError) this.clock = this.deps.now()
    const answer = { questionId: q.id, chosen: this.chosen, seconds: Math.round((this.clock - this.questionStartedAt) / 1000) }
    this.answering = true
    this.answerError = null
    try {
      this.reveal = yield this.deps.api.answerTodayQuiz({ attemptId: this.paper.attemptId, token: this.paper.token, ...answer })
      this.answers = [...this.answers, answer]
    } catch (e) {
      this.answerError = errorMessage(e)
    } finally {
      this.answering = false
    }
  })

  /** After a verdict: the next question, or the submission after the last. */
  next = flow(function* (this: QuizStore) {
    if (!this.reveal || !this.paper) return
    this.reveal = null
    this.chosen = []
    this.index++
    if (this.index < this.paper.questions.length) this.beginQuestion()
    else yield this.submit()
  })

  submit = flow(function* (this: QuizStore) {
    if (!this.awaitingSubmit || !this.paper || this.submitting) return
    this.submitting = true
    this.submitError = null
    try {
      this.result = yield this.deps.api.submitTodayQuiz({ attemptId: this.paper.attemptId, token: this.paper.token, answers: this.answers })
    } catch (e) {
      this.submitError = errorMessage(e)
      return
    } finally {
      this.submitting = false
    }
    void this.loadStanding()
    void this.loadLeaderboard()
  })

  private beginQuestion(): void {
    this.questionStartedAt = this.deps.now()
    this.clock = this.questionStartedAt
  }
}
