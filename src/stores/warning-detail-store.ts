import Taro from '@tarojs/taro'
import { flow, makeAutoObservable, observable } from 'mobx'
import type { WarningDetail } from '@/contract/warnings'
import type { WarningStep } from '@/core/warnings'
import { ApiError, type Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

export interface WarningDetailDeps {
  api: Pick<Api, 'warning' | 'warningStep' | 'revealWarningPhone'>
  /** Opens the phone's dialer; the real one is Taro.makePhoneCall. */
  dial: (phoneNumber: string) => Promise<unknown>
}

/** Steps that close or reopen a warning: each asks for a confirmation before it goes up. */
const CONFIRMED_STEPS: readonly WarningStep[] = ['dissuaded', 'defrauded', 'unreachable', 'false_alarm', 'reopen']

/**
 * One warning as its dissuader works it: details and timeline, the call, and the next step with a note. What the
 * user typed survives every refusal, including a warning that someone else moved on meanwhile.
 */
export class WarningDetailStore {
  id: string | null = null
  warning: WarningDetail | null = null
  state: LoadState = 'idle'
  error: string | null = null
  note = ''
  lossAmount = ''
  /** The step waiting for 确认. */
  confirming: WarningStep | null = null
  submitting = false
  stepError: string | null = null
  calling = false
  callError: string | null = null

  constructor(private readonly deps: WarningDetailDeps) {
    makeAutoObservable<WarningDetailStore, 'deps'>(this, { deps: false, warning: observable.ref })
  }

  /** A warning's name, phone and address must not outlive the session of the one who opened it (a shared phone). */
  reset(): void {
    this.id = null
    this.warning = null
    this.state = 'idle'
    this.error = null
    this.note = ''
    this.lossAmount = ''
    this.confirming = null
    this.submitting = false
    this.stepError = null
    this.calling = false
    this.callError = null
  }

  get needsLoss(): boolean {
    return this.confirming === 'defrauded'
  }

  /** Another warning starts with an empty form; coming back to the same one keeps what was typed. */
  open(id: string): Promise<void> {
    if (id !== this.id) {
      this.id = id
      this.warning = null
      this.state = 'idle'
      this.note = ''
      this.lossAmount = ''
      this.confirming = null
      this.stepError = null
      this.callError = null
    }
    return this.load()
  }

  load = flow(function* (this: WarningDetailStore) {
    const id = this.id
    if (!id) return
    if (!this.warning) this.state = 'loading'
    this.error = null
    try {
      const warning: WarningDetail = yield this.deps.api.warning(id)
      if (id !== this.id) return
      this.warning = warning
      this.state = 'ready'
    } catch (e) {
      if (id !== this.id) return
      this.error = errorMessage(e)
      if (!this.warning) this.state = 'error'
    }
  })

  setNote(note: string): void {
    this.note = note
  }

  setLossAmount(text: string): void {
    this.lossAmount = text
  }

  /** 已联系 and 回访 go up at once; an outcome or a reopening waits for 确认. */
  choose(step: WarningStep): Promise<void> {
    this.stepError = null
    if (CONFIRMED_STEPS.includes(step)) {
      this.confirming = step
      return Promise.resolve()
    }
    return this.submit(step)
  }

  cancel(): void {
    this.confirming = null
    this.stepError = null
  }

  confirm(): Promise<void> {
    return this.confirming ? this.submit(this.confirming) : Promise.resolve()
  }

  private submit = flow(function* (this: WarningDetailStore, step: WarningStep) {
    const w = this.warning
    if (!w || this.submitting) return
    this.submitting = true
    this.stepError = null
    try {
      const loss = step === 'defrauded' && this.lossAmount.trim() !== '' ? Number(this.lossAmount) : null
      this.warning = yield this.deps.api.warningStep(w.id, { step, version: w.version, note: this.note.trim(), lossAmount: loss })
      this.note = ''
      this.lossAmount = ''
      this.confirming = null
    } catch (e) {
      this.stepError = errorMessage(e)
      // Someone else moved the warning on: show where it stands now, and let the user decide again with their note.
      if (e instanceof ApiError && e.code === 'WARNING_STATE_CHANGED') {
        this.confirming = null
        yield this.load()
      }
    } finally {
      this.submitting = false
    }
  })

  /** The number is revealed (and the reveal audited) only at the moment of calling, never kept on screen. */
  call = flow(function* (this: WarningDetailStore) {
    const w = this.warning
    if (!w?.canRevealPhone || this.calling) return
    this.calling = true
    this.callError = null
    try {
      const { phone }: { phone: string } = yield this.deps.api.revealWarningPhone(w.id)
      // Declining the dialer is the user's choice, not a failure to report.
      yield this.deps.dial(phone).catch(() => undefined)
    } catch (e) {
      this.callError = errorMessage(e)
    } finally {
      this.calling = false
    }
  })
}

export const warningDetailStore: StoreFactory<WarningDetailStore> = ({ api }) => new WarningDetailStore({ api, dial: (phoneNumber) => Taro.makePhoneCall({ phoneNumber }) })
