import type { Api } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import type { PhotoPicker } from '@/services/activity-photos'
import type { SessionStore } from './session-store'
import type { VisitQueueStore } from './visit-queue-store'

/** What the app-wide stores offer to a store that is created only when a page first needs it. */
export interface StoreContext {
  api: Api
  session: SessionStore
  queue: VisitQueueStore
  storage: OfflineStorage
  /** Tests pass a fake; otherwise the store that needs it uses the phone's. */
  photoPicker?: PhotoPicker
  now: () => Date
}

/** What sign-out empties: a store's data as the previous person saw it. */
export interface UserScoped {
  reset(): void
}

/**
 * Builds one page-level store. Declared next to the store and used through useStore(), so a store's code travels with
 * the pages that import it: admin and worker stores stay in their subpackages instead of the main package.
 */
export type StoreFactory<T extends UserScoped> = (context: StoreContext) => T
