import { flow, makeAutoObservable, observable } from 'mobx'
import type { AnswerReveal, PaperQuestion, QuizPaper, QuizResult, QuizStanding, QuizSubmission, VillageLeaderboard } from '@/contract/quiz'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'

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
  index = 0
  chosen: number[] = []
  answers: Answer[] = []
  /** The current question's verdict, once its answer is confirmed; the next question follows when the resident asks. */
  reveal: AnswerReveal | null = null
  result: QuizResult | null = null
  private questionStartedAt = 0
  private clock = 0
  private readonly standingLoad = new LatestLoad<QuizStanding>()
  private readonly leaderboardLoad = new LatestLoad<VillageLeaderboard>()
  private readonly paperLoad = new LatestLoad<QuizPaper>()
  private readonly answerSend = new Submission()
  private readonly paperSubmit = new Submission()

  constructor(private readonly deps: QuizStoreDeps) {
    makeAutoObservable<QuizStore, 'deps' | 'questionStartedAt' | 'standingLoad' | 'leaderboardLoad' | 'paperLoad' | 'answerSend' | 'paperSubmit'>(this, {
      deps: false, questionStartedAt: false, result: observable.ref, reveal: observable.ref,
      standingLoad: false, leaderboardLoad: false, paperLoad: false, answerSend: false, paperSubmit: false,
    })
  }

  get standing(): QuizStanding | null {
    return this.standingLoad.value
  }

  get standingState(): LoadState {
    return this.standingLoad.state
  }

  get standingError(): string | null {
    return this.standingLoad.error
  }

  get leaderboard(): VillageLeaderboard | null {
    return this.leaderboardLoad.value
  }

  get leaderboardState(): LoadState {
    return this.leaderboardLoad.state
  }

  get paper(): QuizPaper | null {
    return this.paperLoad.value
  }

  get paperState(): LoadState {
    return this.paperLoad.state
  }

  get paperError(): string | null {
    return this.paperLoad.error
  }

  get answering(): boolean {
    return this.answerSend.busy
  }

  get answerError(): string | null {
    return this.answerSend.error
  }

  get submitting(): boolean {
    return this.paperSubmit.busy
  }

  get submitError(): string | null {
    return this.paperSubmit.error
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
    this.standingLoad.clear()
    this.leaderboardLoad.clear()
    this.paperLoad.clear()
    this.result = null
    this.answers = []
    this.chosen = []
    this.index = 0
    this.reveal = null
    this.answerSend.clear()
    this.paperSubmit.clear()
  }

  async loadStanding(): Promise<void> {
    await this.standingLoad.load(() => this.deps.api.quizStanding())
  }

  /** No personal data in it, so a failure only hides the board. */
  async loadLeaderboard(): Promise<void> {
    await this.leaderboardLoad.load(() => this.deps.api.quizLeaderboard())
  }

  /**
   * Starts today's attempt, or resumes it after the questions already answered: the server keeps one attempt a day.
   * 关怀模式 is declared here, and the server records it for the day's paper.
   */
  start = flow(function* (this: QuizStore, careMode = false) {
    this.result = null
    this.paperSubmit.dismiss()
    const landed: boolean = yield this.paperLoad.load(() => this.deps.api.startTodayQuiz({ careMode }))
    const paper = this.paper
    if (!landed || !paper) return
    // Answers already judged are final on the server; their seconds no longer count.
    this.answers = paper.revealed.map((r) => ({ questionId: r.questionId, chosen: r.chosen, seconds: 0 }))
    this.index = this.answers.length
    this.chosen = []
    this.reveal = null
    this.answerSend.dismiss()
    this.beginQuestion()
    // Every answer was judged before the app closed: only handing the paper in is left.
    if (this.awaitingSubmit) yield this.submit()
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
    const paper = this.paper
    if (!q || !paper || this.reveal || this.answering) return
    // A retry after a failed send keeps the seconds first measured, not the time spent on the error.
    if (!this.answerError) this.clock = this.deps.now()
    const answer = { questionId: q.id, chosen: this.chosen, seconds: Math.round((this.clock - this.questionStartedAt) / 1000) }
    const judged: Outcome<AnswerReveal> = yield this.answerSend.run(() =>
      this.deps.api.answerTodayQuiz({ attemptId: paper.attemptId, token: paper.token, ...answer }))
    if (!judged.ok) return
    this.reveal = judged.value
    this.answers = [...this.answers, answer]
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
    const paper = this.paper
    if (!this.awaitingSubmit || !paper || this.submitting) return
    const answers = this.answers
    const handedIn: Outcome<QuizResult> = yield this.paperSubmit.run(() =>
      this.deps.api.submitTodayQuiz({ attemptId: paper.attemptId, token: paper.token, answers }))
    if (!handedIn.ok) return
    this.result = handedIn.value
    void this.loadStanding()
    void this.loadLeaderboard()
  })

  private beginQuestion(): void {
    this.questionStartedAt = this.deps.now()
    this.clock = this.questionStartedAt
  }
}
