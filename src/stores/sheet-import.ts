import { action, computed, flow, makeObservable, observable } from 'mobx'
import type { ImportRowError } from '@/core/import-rows'
import { Submission, type Outcome } from './submission'

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
  result: R | null = null
  private readonly upload = new Submission()

  // makeObservable, not makeAutoObservable: a store may extend this class to name its own import.
  constructor(private readonly deps: SheetImportDeps<R>) {
    makeObservable(this, { result: observable.ref, importing: computed, error: computed, imported: computed, reset: action })
  }

  get importing(): boolean {
    return this.upload.busy
  }

  get error(): string | null {
    return this.upload.error
  }

  /** Another person signs in: their rows and row errors are not theirs to see. */
  reset(): void {
    this.upload.clear()
    this.result = null
  }

  get imported(): boolean {
    return this.result !== null && this.result.errors.length === 0
  }

  /** A second file chosen while one is still going up is not sent. */
  importFile = flow(function* (this: SheetImport<R>, file: Blob, name: string) {
    if (this.importing) return
    this.result = null
    const sent: Outcome<R> = yield this.upload.run(() => this.deps.send(file, name))
    if (!sent.ok) return
    this.result = sent.value
    if (this.imported) yield this.deps.afterImport?.()
  })

  downloadTemplate(): Promise<Blob> {
    return this.deps.template()
  }
}
