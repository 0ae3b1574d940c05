import type { OfflineStorage } from './offline-storage'
import { newUuid } from './uuid'

const READER_KEY = 'xuanfang.readerKey'

/**
 * The anonymous reader's 'd:<uuid>', kept on the phone so that opening a bulletin twice counts once. If the phone
 * refuses to store it the reader still gets a key for this session: reading must never fail over attribution.
 */
export async function readerKey(storage: OfflineStorage, newId: () => Promise<string> = newUuid): Promise<string> {
  const kept = storage.read(READER_KEY)
  if (typeof kept === 'string' && kept.startsWith('d:')) return kept
  const key = `d:${await newId()}`
  try {
    storage.write(READER_KEY, key)
  } catch {
    // Storage full: counted again next time, which is better than not opening.
  }
  return key
}
