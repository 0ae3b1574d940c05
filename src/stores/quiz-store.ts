import { flow, makeAutoObservable, observable } from 'mobx'
import type { PaperQuestion, QuizPaper, QuizResult, QuizStanding, QuizSubmission, VillageLeaderboard } from '@/core/resident-api'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

export interface QuizStoreDeps {
  api: Pick<Api, 'startTodayQuiz' | 'submitTodayQuiz' | 'quizStanding' | 'quizLeaderboard'>
  /** Milliseconds since the epoch; tests pass a hand-moved clock. */
  now: () => number
}

type Answer = QuizSubmission['answers'][number]

/** Today's quiz: one question at a time against a per-question countdown, then the result, streak and leaderboard. */
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
  result: QuizResult | null = null
  submitting = false
  submitError: string | null = null
  private questionStartedAt = 0
  private clock = 0

  constructor(private readonly deps: QuizStoreDeps) {
    makeAutoObservable<QuizStore, 'deps' | 'questionStartedAt'>(this, {
      deps: false, questionStartedAt: false, paper: observable.ref, result: observable.ref, standing: observable.ref, leaderboard: observable.ref,
    })
  }

  get question(): PaperQuestion | null {
    return this.paper?.questions[this.index] ?? null
  }

  get isLast(): boolean {
    return this.paper !== null && this.index === this.paper.questions.length - 1
  }

  /** Whole seconds left on the current question; the page ticks the clock every second. */
  get secondsLeft(): number {
    if (!this.paper) return 0
    const spent = Math.floor((this.clock - this.questionStartedAt) / 1000)
    return Math.max(0, this.paper.secondsPerQuestion - spent)
  }

  /** All questions answered but the submission has not gone through: the page offers 重试. */
  get awaitingSubmit(): boolean {
    return this.paper !== null && this.answers.length === this.paper.questions.length && this.result === null
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

  /** Starts today's attempt, or resumes it: the server keeps one attempt a day. */
  start = flow(function* (this: QuizStore) {
    this.paperState = 'loading'
    this.paperError = null
    this.result = null
    this.submitError = null
    try {
      const paper: QuizPaper = yield this.deps.api.startTodayQuiz()
      this.paper = paper
      this.index = 0
      this.answers = []
      this.chosen = []
      this.beginQuestion()
      this.paperState = 'ready'
    } catch (e) {
      this.paperState = 'error'
      this.paperError = errorMessage(e)
    }
  })

  /** Single choice and true/false keep one option; multiple choice toggles. */
  choose(option: number): void {
    const q = this.question
    if (!q || this.secondsLeft === 0) return
    if (q.kind === 'multiple') {
      this.chosen = this.chosen.includes(option) ? this.chosen.filter((o) => o !== option) : [...this.chosen, option].sort((a, b) => a - b)
    } else {
      this.chosen = [option]
    }
  }

  /** Moves the clock on; when the time is up the question goes in as it stands (the server counts it late). */
  tick(): void {
    this.clock = this.deps.now()
    if (this.question && this.secondsLeft === 0 && !this.submitting) void this.next()
  }

  /** Records the current answer and shows the next question, or submits after the last. */
  next = flow(function* (this: QuizStore) {
    const q = this.question
    if (!q || !this.paper) return
    this.clock = this.deps.now()
    const seconds = Math.round((this.clock - this.questionStartedAt) / 1000)
    this.answers = [...this.answers, { questionId: q.id, chosen: this.chosen, seconds }]
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
