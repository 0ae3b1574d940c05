import type { OfflineStorage } from '@/services/offline-storage'
import { readerKey } from '@/services/reader-key'

class MemoryStorage implements OfflineStorage {
  values = new Map<string, unknown>()
  refuse = false
  read(key: string) { return this.values.get(key) ?? null }
  write(key: string, value: unknown) {
    if (this.refuse) throw new Error('setStorageSync:fail exceed storage max size')
    this.values.set(key, value)
  }
}

describe('readerKey', () => {
  it('when the phone has no key yet, then a d:<uuid> is made once and kept', async () => {
    const storage = new MemoryStorage()
    let made = 0
    const newId = () => Promise.resolve(`00000000-0000-4000-8000-00000000000${++made}`)

    const first = await readerKey(storage, newId)
    const second = await readerKey(storage, newId)

    expect(first).toBe('d:00000000-0000-4000-8000-000000000001')
    expect(second).toBe(first)
    expect(made).toBe(1)
  })

  it('when storage refuses to keep the key, then the reader still gets one', async () => {
    const storage = new MemoryStorage()
    storage.refuse = true

    expect(await readerKey(storage, () => Promise.resolve('00000000-0000-4000-8000-000000000009'))).toBe('d:00000000-0000-4000-8000-000000000009')
  })
})
