import type { WarningImportResult } from '@/contract/warnings'
import type { Api } from '@/services/api-client'
import { SheetImport } from './sheet-import'
import type { StoreFactory } from './store-context'

/** A batch of warnings from a spreadsheet; the server dispatches every imported one at once. */
export class WarningImportStore extends SheetImport<WarningImportResult> {
  constructor(api: Pick<Api, 'importWarnings' | 'warningImportTemplate'>) {
    super({ send: (file, name) => api.importWarnings(file, name), template: () => api.warningImportTemplate() })
  }
}

export const warningImportStore: StoreFactory<WarningImportStore> = ({ api }) => new WarningImportStore(api)
