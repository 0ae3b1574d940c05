import dayjs from 'dayjs'
import { flow, makeAutoObservable } from 'mobx'
import type { DissuaderLoad, WarningDetail, WarningInput } from '@/contract/warnings'
import { FRAUD_TYPES, type FraudTypeKey } from '@/core/fraud-types'
import { RISK_LEVELS, RISK_LEVEL_LABELS, WARNING_SOURCES, type RiskLevel, type WarningSourceKey } from '@/core/warnings'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

const TIME_FORMAT = 'YYYY-MM-DD HH:mm'

/** What the form (and the list's filter) offers, in words, in the order of the vocabulary. */
export const RISK_LEVEL_CHOICES = RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }))
export const FRAUD_TYPE_CHOICES = FRAUD_TYPES.map((t) => ({ value: t.key, label: t.name }))
export const WARNING_SOURCE_CHOICES = WARNING_SOURCES.map((s) => ({ value: s.key, label: s.name }))

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
  /** What the form itself finds wrong before sending. */
  problem: string | null = null
  private readonly dissuadersLoad = new LatestLoad<DissuaderLoad[]>()
  private readonly creation = new Submission()

  constructor(private readonly deps: WarningFormDeps) {
    makeAutoObservable<WarningFormStore, 'deps' | 'dissuadersLoad' | 'creation'>(this, { deps: false, dissuadersLoad: false, creation: false })
  }

  get dissuaders(): DissuaderLoad[] {
    return this.dissuadersLoad.value ?? []
  }

  get dissuadersState(): LoadState {
    return this.dissuadersLoad.state
  }

  get saving(): boolean {
    return this.creation.busy
  }

  get formError(): string | null {
    return this.problem ?? this.creation.error ?? this.dissuadersLoad.error
  }

  reset(): void {
    this.draft = null
    this.problem = null
    this.dissuadersLoad.clear()
    this.creation.clear()
  }

  startNew(): void {
    this.draft = emptyWarningDraft(this.deps.now())
    this.problem = null
    this.dissuadersLoad.clear()
    this.creation.dismiss()
  }

  edit(patch: Partial<Omit<WarningDraft, 'regionId' | 'regionName'>>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
  }

  cancel(): void {
    this.draft = null
    this.problem = null
    this.creation.dismiss()
  }

  /** Another region has other dissuaders: a hand-picked one from before falls back to 自动分配. */
  async pickRegion(regionId: string, regionName: string): Promise<void> {
    if (!this.draft) return
    this.draft = { ...this.draft, regionId, regionName, assigneeId: null }
    await this.dissuadersLoad.load(() => this.deps.api.dissuaders(regionId))
  }

  /** The warning as the server created and assigned it; null when refused, the form then kept as typed with the reason. */
  save = flow(function* (this: WarningFormStore) {
    const d = this.draft
    if (!d || this.saving) return null
    this.problem = formProblem(d)
    const input = toWarningInput(d)
    if (this.problem || !input) return null
    const created: Outcome<WarningDetail> = yield this.creation.run(() => this.deps.api.createWarning(input))
    if (!created.ok) return null
    this.draft = null
    return created.value
  })
}

function formProblem(d: WarningDraft): string | null {
  if (!d.regionId) return '请选择预警对象所在的区域'
  if (!toWarningInput(d)) return '收到时间请按“2026-11-29 09:30”的格式填写'
  return null
}

export const warningFormStore: StoreFactory<WarningFormStore> = ({ api, now }) => new WarningFormStore({ api, now })
