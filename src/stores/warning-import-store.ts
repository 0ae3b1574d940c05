import { flow, makeAutoObservable, observable } from 'mobx'
import type { WarningImportResult } from '@/core/warning-api'
import type { Api } from '@/services/api-client'
import { errorMessage } from './load-state'

/** A batch of warnings from a spreadsheet. All or nothing on the server: any row error imports none and lists every one. */
export class WarningImportStore {
  importing = false
  result: WarningImportResult | null = null
  error: string | null = null

  constructor(private readonly api: Pick<Api, 'importWarnings' | 'warningImportTemplate'>) {
    makeAutoObservable<WarningImportStore, 'api'>(this, { api: false, result: observable.ref })
  }

  get imported(): boolean {
    return this.result !== null && this.result.errors.length === 0
  }

  importFile = flow(function* (this: WarningImportStore, file: Blob, name: string) {
    this.importing = true
    this.result = null
    this.error = null
    try {
      this.result = yield this.api.importWarnings(file, name)
    } catch (e) {
      this.error = errorMessage(e)
    } finally {
      this.importing = false
    }
  })

  downloadTemplate(): Promise<Blob> {
    return this.api.warningImportTemplate()
  }
}
