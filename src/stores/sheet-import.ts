import { action, computed, flow, makeObservable, observable } from 'mobx'
import type { ImportRowError } from '@/core/api-types'
import { errorMessage } from './load-state'

export interface SheetImportResult {
  imported: number
  errors: ImportRowError[]
}

interface SheetImportDeps<R> {
  send: (file: Blob, name: string) => Promise<R>
  template: () => Promise<Blob>
  /** Runs once a file went in whole, e.g. to reload the list it fed. */
  afterImport?: () => Promise<void>
}

/** A spreadsheet imported all or nothing on the server: any row error imports none and lists every one. */
export class SheetImport<R extends SheetImportResult> {
  importing = false
  result: R | null = null
  error: string | null = null

  // makeObservable, not makeAutoObservable: a store may extend this class to name its own import.
  constructor(private readonly deps: SheetImportDeps<R>) {
    makeObservable(this, { importing: observable, result: observable.ref, error: observable, imported: computed, reset: action })
  }

  /** Another person signs in: their rows and row errors are not theirs to see. */
  reset(): void {
    this.importing = false
    this.result = null
    this.error = null
  }

  get imported(): boolean {
    return this.result !== null && this.result.errors.length === 0
  }

  importFile = flow(function* (this: SheetImport<R>, file: Blob, name: string) {
    this.importing = true
    this.result = null
    this.error = null
    try {
      this.result = (yield this.deps.send(file, name)) as R
      if (this.imported) yield this.deps.afterImport?.()
    } catch (e) {
      this.error = errorMessage(e)
    } finally {
      this.importing = false
    }
  })

  downloadTemplate(): Promise<Blob> {
    return this.deps.template()
  }
}
