/**
 * The daily quiz: which questions a resident gets, how a submission is scored, when it looks unfair, streaks and
 * the village leaderboard. Pure: time comes in as arguments.
 */

export const QUESTIONS_PER_QUIZ = 5
export const SECONDS_PER_QUESTION = 60
/** Reading a stem and its options takes longer than this; faster on average means answers were known beforehand. */
export const MIN_AVERAGE_SECONDS = 2
/** Network and rendering between the paper arriving and the first tap, and between the last tap and the upload. */
export const ELAPSED_SLACK_SECONDS = 5

/**
 * 关怀模式: an older resident reads slowly and taps with care, and a countdown only rushes them into wrong answers,
 * so their paper has no limit per question (null). The day still bounds it: an attempt counts only on its own date.
 */
export function secondsPerQuestionFor(careMode: boolean): number | null {
  return careMode ? null : SECONDS_PER_QUESTION
}

export interface BankEntry {
  id: string
  fraudType: string
}

/** FNV-1a: a stable 32-bit hash of text, so that a draw depends only on its inputs. */
function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: a small seeded generator; Math.random would give another paper on every resume. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * Today's questions for a user: as many fraud types as possible, no type twice before every type has had one.
 * The same user, date and bank always give the same paper, in whatever order the bank is listed; another user
 * or another day gives another. Fewer than `size` only when the bank is smaller.
 */
export function drawQuestions(bank: readonly BankEntry[], userId: string, quizDate: string, size = QUESTIONS_PER_QUIZ): string[] {
  const random = seededRandom(hash32(`${userId}|${quizDate}`))
  const byType = new Map<string, string[]>()
  for (const q of [...bank].sort((a, b) => a.id.localeCompare(b.id))) byType.set(q.fraudType, [...(byType.get(q.fraudType) ?? []), q.id])
  const queues = shuffled([...byType.keys()].sort(), random).map((type) => shuffled(byType.get(type) ?? [], random))
  const drawn: string[] = []
  for (let round = 0; drawn.length < size && queues.some((q) => q.length > round); round++) {
    for (const queue of queues) {
      if (drawn.length < size && round < queue.length) drawn.push(queue[round])
    }
  }
  return drawn
}

export interface KeyedQuestion {
  id: string
  optionCount: number
  answer: readonly number[]
}

export interface AnswerGiven {
  questionId: string
  chosen: readonly number[]
  seconds: number
}

/** An answer to this question choosing existing options once. */
export function answerFitsQuestion(q: KeyedQuestion, a: AnswerGiven): boolean {
  return a.questionId.toLowerCase() === q.id.toLowerCase()
    && new Set(a.chosen).size === a.chosen.length
    && a.chosen.every((c) => Number.isInteger(c) && c >= 0 && c < q.optionCount)
    && Number.isFinite(a.seconds) && a.seconds >= 0
}

/** One answer per question, in paper order, each choosing existing options once. */
export function answersFitPaper(paper: readonly KeyedQuestion[], answers: readonly AnswerGiven[]): boolean {
  return answers.length === paper.length && paper.every((q, i) => answerFitsQuestion(q, answers[i]))
}

/** The answers to score: those already shown right or wrong stand as given; the rest come from the submission. */
export function finalAnswers(answered: readonly AnswerGiven[], submitted: readonly AnswerGiven[]): AnswerGiven[] {
  return submitted.map((a, i) => answered[i] ?? a)
}

export interface Outcome {
  questionId: string
  correct: boolean
  late: boolean
}

export interface QuizScore {
  outcomes: Outcome[]
  correct: number
  total: number
  /** 0–100. */
  score: number
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i])

/** Right options and nothing else, within the time limit (if any); a late answer counts wrong however right it is. */
export function judgeAnswer(q: KeyedQuestion, answer: AnswerGiven, secondsPerQuestion: number | null = SECONDS_PER_QUESTION): Outcome {
  const late = secondsPerQuestion !== null && answer.seconds > secondsPerQuestion
  return { questionId: q.id, late, correct: !late && sameSet(answer.chosen, q.answer) }
}

export function scoreQuiz(paper: readonly KeyedQuestion[], answers: readonly AnswerGiven[], secondsPerQuestion: number | null = SECONDS_PER_QUESTION): QuizScore {
  const outcomes = paper.map((q, i) => judgeAnswer(q, answers[i], secondsPerQuestion))
  const correct = outcomes.filter((o) => o.correct).length
  return { outcomes, correct, total: paper.length, score: paper.length === 0 ? 0 : Math.round((100 * correct) / paper.length) }
}

export type FlagReason = 'too_fast' | 'time_mismatch' | 'overtime'

export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  too_fast: `答题过快：平均每题不到 ${MIN_AVERAGE_SECONDS} 秒`,
  time_mismatch: '申报的答题用时长于从领题到提交实际经过的时间',
  overtime: '从领题到提交超过了全部题目的答题时限，可能查阅了答案',
}

export function flagReasonLabel(reason: string): string {
  return (FLAG_REASON_LABELS as Record<string, string>)[reason] ?? reason
}

/**
 * Why a submission looks unfair, judged from the seconds the phone claims and the time the server saw pass since
 * the paper was handed out. A flagged attempt is still scored: the flag is for an admin to look at, not a verdict.
 */
export function fairPlayFlags(
  claimedSeconds: readonly number[],
  startedAt: Date,
  submittedAt: Date,
  secondsPerQuestion: number | null = SECONDS_PER_QUESTION,
): FlagReason[] {
  const n = claimedSeconds.length
  const claimed = claimedSeconds.reduce((s, x) => s + x, 0)
  const elapsed = (submittedAt.getTime() - startedAt.getTime()) / 1000
  const reasons: FlagReason[] = []
  if (n > 0 && (claimed / n < MIN_AVERAGE_SECONDS || elapsed < n * MIN_AVERAGE_SECONDS)) reasons.push('too_fast')
  if (claimed > elapsed + ELAPSED_SLACK_SECONDS) reasons.push('time_mismatch')
  if (secondsPerQuestion !== null && elapsed > n * secondsPerQuestion + ELAPSED_SLACK_SECONDS) reasons.push('overtime')
  return reasons
}

const DAY_MS = 24 * 3600_000
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS)

/**
 * Consecutive days with a scored quiz, ending today, or yesterday while today's quiz is still to be taken:
 * a streak is not broken before the day is over.
 */
export function streakOf(dates: readonly string[], today: string): number {
  const days = new Set(dates.map(dayNumber))
  let day = dayNumber(today)
  if (!days.has(day)) day -= 1
  let streak = 0
  while (days.has(day)) {
    streak++
    day -= 1
  }
  return streak
}

export interface VillageTally {
  villageId: string
  villageName: string
  participants: number
  scoreSum: number
}

export interface VillageStanding {
  villageId: string
  villageName: string
  participants: number
  averageScore: number
}

/** Highest average first (one decimal); a tie goes to the village where more people took part, then by name. */
export function rankVillages(tallies: readonly VillageTally[]): VillageStanding[] {
  return tallies
    .filter((t) => t.participants > 0)
    .map((t) => ({ villageId: t.villageId, villageName: t.villageName, participants: t.participants, averageScore: Math.round((10 * t.scoreSum) / t.participants) / 10 }))
    .sort((a, b) => b.averageScore - a.averageScore || b.participants - a.participants || a.villageName.localeCompare(b.villageName, 'zh'))
}

/** Where a quiz attempt counts: the county and, when there is one, the village of the user's most specific region. */
export function quizHomeOf(regionPaths: readonly string[]): { countyId: string; villageId: string | null } | null {
  const segments = regionPaths.map((p) => p.split('/').filter(Boolean)).sort((a, b) => b.length - a.length)[0]
  if (!segments?.length) return null
  return { countyId: segments[0], villageId: segments[2] ?? null }
}
