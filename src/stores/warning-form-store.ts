import dayjs from 'dayjs'
import { flow, makeAutoObservable, observable } from 'mobx'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { DissuaderLoad, WarningDetail, WarningInput } from '@/contract/warnings'
import type { RiskLevel, WarningSourceKey } from '@/core/warnings'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

const TIME_FORMAT = 'YYYY-MM-DD HH:mm'

/** A warning as the form holds it: numbers and the time stay text until saved, so a half-typed value is never lost. */
export interface WarningDraft {
  regionId: string | null
  regionName: string
  householdCode: string
  residentName: string
  phone: string
  address: string
  fraudType: FraudTypeKey
  riskLevel: RiskLevel
  source: WarningSourceKey
  amountAtRisk: string
  /** Phone-local time, "YYYY-MM-DD HH:mm". */
  receivedAt: string
  /** Null: 自动分配 by region and load. */
  assigneeId: string | null
}

export function emptyWarningDraft(now: Date): WarningDraft {
  return {
    regionId: null, regionName: '', householdCode: '', residentName: '', phone: '', address: '', fraudType: 'fake_police',
    riskLevel: 'high', source: 'instruction', amountAtRisk: '', receivedAt: dayjs(now).format(TIME_FORMAT), assigneeId: null,
  }
}

/** Null when the time cannot be read: the form says how to write it instead of sending a guess. */
export function toWarningInput(d: WarningDraft): WarningInput | null {
  const receivedAt = dayjs(d.receivedAt.trim())
  if (!d.regionId || !receivedAt.isValid()) return null
  return {
    regionId: d.regionId,
    householdCode: d.householdCode.trim() || null,
    residentName: d.residentName.trim(),
    phone: d.phone.trim(),
    address: d.address.trim(),
    fraudType: d.fraudType,
    riskLevel: d.riskLevel,
    source: d.source,
    amountAtRisk: d.amountAtRisk.trim() === '' ? null : Number(d.amountAtRisk),
    receivedAt: receivedAt.toISOString(),
    assigneeId: d.assigneeId,
  }
}

export interface WarningFormDeps {
  api: Pick<Api, 'createWarning' | 'dissuaders'>
  now: () => Date
}

/** Creating one warning by hand: the region decides which dissuaders may be picked. */
export class WarningFormStore {
  draft: WarningDraft | null = null
  dissuaders: DissuaderLoad[] = []
  dissuadersState: LoadState = 'idle'
  saving = false
  formError: string | null = null

  constructor(private readonly deps: WarningFormDeps) {
    makeAutoObservable<WarningFormStore, 'deps'>(this, { deps: false, dissuaders: observable.ref })
  }

  reset(): void {
    this.draft = null
    this.dissuaders = []
    this.dissuadersState = 'idle'
    this.saving = false
    this.formError = null
  }

  startNew(): void {
    this.draft = emptyWarningDraft(this.deps.now())
    this.dissuaders = []
    this.dissuadersState = 'idle'
    this.formError = null
  }

  edit(patch: Partial<Omit<WarningDraft, 'regionId' | 'regionName'>>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
  }

  cancel(): void {
    this.draft = null
    this.formError = null
  }

  /** Another region has other dissuaders: a hand-picked one from before falls back to 自动分配. */
  pickRegion = flow(function* (this: WarningFormStore, regionId: string, regionName: string) {
    if (!this.draft) return
    this.draft = { ...this.draft, regionId, regionName, assigneeId: null }
    this.dissuadersState = 'loading'
    try {
      const list: DissuaderLoad[] = yield this.deps.api.dissuaders(regionId)
      if (this.draft?.regionId !== regionId) return
      this.dissuaders = list
      this.dissuadersState = 'ready'
    } catch (e) {
      this.dissuadersState = 'error'
      this.formError = errorMessage(e)
    }
  })

  /** The warning as the server created and assigned it; null when refused, the form then kept as typed with the reason. */
  save = flow(function* (this: WarningFormStore) {
    const d = this.draft
    if (!d || this.saving) return null
    if (!d.regionId) {
      this.formError = '请选择预警对象所在的区域'
      return null
    }
    const input = toWarningInput(d)
    if (!input) {
      this.formError = '收到时间请按“2026-11-29 09:30”的格式填写'
      return null
    }
    this.saving = true
    this.formError = null
    try {
      const created: WarningDetail = yield this.deps.api.createWarning(input)
      this.draft = null
      return created
    } catch (e) {
      this.formError = errorMessage(e)
      return null
    } finally {
      this.saving = false
    }
  })
}

export const warningFormStore: StoreFactory<WarningFormStore> = ({ api, now }) => new WarningFormStore({ api, now })
