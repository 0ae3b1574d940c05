import Taro from '@tarojs/taro'
import { flow, makeAutoObservable } from 'mobx'
import type { WarningDetail, WarningEvent } from '@/contract/warnings'
import { fraudTypeName } from '@/core/fraud-types'
import { WARNING_SOURCES, WARNING_STATE_LABELS, type WarningStep } from '@/core/warnings'
import { formatYuan, warningEventText, WARNING_STEP_LABELS } from '@/core/warnings-format'
import { ApiError, type Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

export interface WarningDetailDeps {
  api: Pick<Api, 'warning' | 'warningStep' | 'revealWarningPhone'>
  /** Opens the phone's dialer; the real one is Taro.makePhoneCall. */
  dial: (phoneNumber: string) => Promise<unknown>
}

/** A warning's facts in the words its card shows. */
export interface WarningFacts {
  state: string
  fraudType: string
  source: string
  amountAtRisk: string | null
  lossAmount: string | null
}

/** Steps that close or reopen a warning: each asks for a confirmation before it goes up. */
const CONFIRMED_STEPS: readonly WarningStep[] = ['dissuaded', 'defrauded', 'unreachable', 'false_alarm', 'reopen']

/**
 * One warning as its dissuader works it: details and timeline, the call, and the next step with a note. What the
 * user typed survives every refusal, including a warning that someone else moved on meanwhile.
 */
export class WarningDetailStore {
  id: string | null = null
  note = ''
  lossAmount = ''
  /** The step waiting for 确认. */
  confirming: WarningStep | null = null
  private readonly shown = new LatestLoad<WarningDetail>()
  private readonly step = new Submission()
  private readonly phoneCall = new Submission()

  constructor(private readonly deps: WarningDetailDeps) {
    makeAutoObservable<WarningDetailStore, 'deps' | 'shown' | 'step' | 'phoneCall'>(this, { deps: false, shown: false, step: false, phoneCall: false })
  }

  get warning(): WarningDetail | null {
    return this.shown.value
  }

  get state(): LoadState {
    return this.shown.state
  }

  get error(): string | null {
    return this.shown.error
  }

  get submitting(): boolean {
    return this.step.busy
  }

  get stepError(): string | null {
    return this.step.error
  }

  get calling(): boolean {
    return this.phoneCall.busy
  }

  get callError(): string | null {
    return this.phoneCall.error
  }

  /** A warning's name, phone and address must not outlive the session of the one who opened it (a shared phone). */
  reset(): void {
    this.id = null
    this.shown.clear()
    this.note = ''
    this.lossAmount = ''
    this.confirming = null
    this.step.clear()
    this.phoneCall.clear()
  }

  get facts(): WarningFacts | null {
    const w = this.warning
    if (!w) return null
    return {
      state: WARNING_STATE_LABELS[w.state],
      fraudType: fraudTypeName(w.fraudType),
      source: WARNING_SOURCES.find((s) => s.key === w.source)?.name ?? w.source,
      amountAtRisk: w.amountAtRisk === null ? null : formatYuan(w.amountAtRisk),
      lossAmount: w.lossAmount === null ? null : formatYuan(w.lossAmount),
    }
  }

  stepName(step: WarningStep): string {
    return WARNING_STEP_LABELS[step]
  }

  eventText(event: WarningEvent): string {
    return warningEventText(event)
  }

  get needsLoss(): boolean {
    return this.confirming === 'defrauded'
  }

  /** Another warning starts with an empty form; coming back to the same one keeps what was typed. */
  open(id: string): Promise<void> {
    if (id !== this.id) {
      this.id = id
      this.shown.clear()
      this.note = ''
      this.lossAmount = ''
      this.confirming = null
      this.step.dismiss()
      this.phoneCall.dismiss()
    }
    return this.load()
  }

  /** A reload that fails keeps the warning on screen with the reason: its dissuader is in the middle of working it. */
  async load(): Promise<void> {
    const id = this.id
    if (id) await this.shown.reload(() => this.deps.api.warning(id))
  }

  setNote(note: string): void {
    this.note = note
  }

  setLossAmount(text: string): void {
    this.lossAmount = text
  }

  /** 已联系 and 回访 go up at once; an outcome or a reopening waits for 确认. */
  choose(step: WarningStep): Promise<void> {
    this.step.dismiss()
    if (CONFIRMED_STEPS.includes(step)) {
      this.confirming = step
      return Promise.resolve()
    }
    return this.submit(step)
  }

  cancel(): void {
    this.confirming = null
    this.step.dismiss()
  }

  confirm(): Promise<void> {
    return this.confirming ? this.submit(this.confirming) : Promise.resolve()
  }

  private submit = flow(function* (this: WarningDetailStore, step: WarningStep) {
    const w = this.warning
    if (!w || this.submitting) return
    const loss = step === 'defrauded' && this.lossAmount.trim() !== '' ? Number(this.lossAmount) : null
    const input = { step, version: w.version, note: this.note.trim(), lossAmount: loss }
    const moved: Outcome<WarningDetail> = yield this.step.run(() => this.deps.api.warningStep(w.id, input))
    if (moved.ok) {
      this.shown.set(moved.value)
      this.note = ''
      this.lossAmount = ''
      this.confirming = null
      return
    }
    // Someone else moved the warning on: show where it stands now, and let the user decide again with their note.
    const failure = this.step.failure
    if (failure instanceof ApiError && failure.code === 'WARNING_STATE_CHANGED') {
      this.confirming = null
      yield this.load()
    }
  })

  /** The number is revealed (and the reveal audited) only at the moment of calling, never kept on screen. */
  call = flow(function* (this: WarningDetailStore) {
    const w = this.warning
    if (!w?.canRevealPhone || this.calling) return
    yield this.phoneCall.run(async () => {
      const { phone } = await this.deps.api.revealWarningPhone(w.id)
      // Declining the dialer is the user's choice, not a failure to report.
      await this.deps.dial(phone).catch(() => undefined)
    })
  })
}

export const warningDetailStore: StoreFactory<WarningDetailStore> = ({ api }) => new WarningDetailStore({ api, dial: (phoneNumber) => Taro.makePhoneCall({ phoneNumber }) })
