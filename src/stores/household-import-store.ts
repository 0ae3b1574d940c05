import { flow, makeAutoObservable, observable } from 'mobx'
import type { HouseholdImportResult } from '@/contract/households'
import type { Api } from '@/services/api-client'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/** Where an import stands; uploading is measured, checking and importing happen on the server. */
export type ImportPhase = 'idle' | 'uploading' | 'validating' | 'importing' | 'done' | 'error'

/** Household import: a dry run lists per-row errors and the first rows; only a clean dry run may be confirmed. */
export class HouseholdImportStore {
  file: { blob: Blob; name: string } | null = null
  phase: ImportPhase = 'idle'
  /** 0–1 while the browser reports upload progress, else null. */
  uploaded: number | null = null
  preview: HouseholdImportResult | null = null
  result: HouseholdImportResult | null = null
  private readonly upload = new Submission()

  constructor(private readonly api: Pick<Api, 'importHouseholds' | 'householdImportTemplate'>) {
    makeAutoObservable<HouseholdImportStore, 'api' | 'upload'>(this, {
      api: false, upload: false, file: observable.ref, preview: observable.ref, result: observable.ref,
    })
  }

  get error(): string | null {
    return this.upload.error
  }

  get busy(): boolean {
    return this.phase === 'uploading' || this.phase === 'validating' || this.phase === 'importing'
  }

  get canConfirm(): boolean {
    return this.preview !== null && this.preview.errors.length === 0 && this.preview.created > 0 && !this.busy
  }

  get progressText(): string | null {
    if (this.phase === 'uploading') return this.uploaded === null ? '正在上传…' : `正在上传 ${Math.round(this.uploaded * 100)}%`
    if (this.phase === 'validating') return '正在校验…'
    if (this.phase === 'importing') return '正在导入…'
    return null
  }

  reset(): void {
    this.file = null
    this.phase = 'idle'
    this.uploaded = null
    this.preview = null
    this.result = null
    this.upload.clear()
  }

  /** Step 1: a dry run that writes nothing. */
  choose = flow(function* (this: HouseholdImportStore, blob: Blob, name: string) {
    this.file = { blob, name }
    this.preview = null
    this.result = null
    const outcome: HouseholdImportResult | null = yield this.run(true)
    if (outcome) this.preview = outcome
  })

  /** Step 2: the same file for real; all or nothing on the server, so errors found now leave nothing half done. */
  confirm = flow(function* (this: HouseholdImportStore) {
    if (!this.canConfirm) return
    const outcome: HouseholdImportResult | null = yield this.run(false)
    if (!outcome) return
    if (outcome.errors.length > 0) {
      this.preview = outcome
      return
    }
    this.result = outcome
    this.preview = null
    this.file = null
  })

  downloadTemplate(): Promise<Blob> {
    return this.api.householdImportTemplate()
  }

  private run = flow(function* (this: HouseholdImportStore, dryRun: boolean) {
    const file = this.file
    if (!file || this.upload.busy) return null
    const serverPhase: ImportPhase = dryRun ? 'validating' : 'importing'
    this.phase = 'uploading'
    this.uploaded = null
    const sent: Outcome<HouseholdImportResult> = yield this.upload.run(() => this.api.importHouseholds(file.blob, file.name, dryRun, (fraction) => {
      this.setUploaded(fraction, serverPhase)
    }))
    this.uploaded = null
    this.phase = sent.ok ? 'done' : 'error'
    return sent.ok ? sent.value : null
  })

  private setUploaded(fraction: number, serverPhase: ImportPhase): void {
    if (this.phase !== 'uploading') return
    this.uploaded = fraction
    // Once the last byte is sent the wait is the server's: say what it is doing instead of a stuck 100%.
    if (fraction >= 1) this.phase = serverPhase
  }
}

export const householdImportStore: StoreFactory<HouseholdImportStore> = ({ api }) => new HouseholdImportStore(api)
