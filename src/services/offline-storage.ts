import Taro from '@tarojs/taro'

/** Where data that must survive closing the app is kept: WeChat storage (10 MB per user, 1 MB per key) or H5 localStorage. */
export interface OfflineStorage {
  read(key: string): unknown
  /** Throws when the device refuses, e.g. storage full: the caller must tell the user, not lose data silently. */
  write(key: string, value: unknown): void
}

export class TaroOfflineStorage implements OfflineStorage {
  read(key: string): unknown {
    try {
      const value: unknown = Taro.getStorageSync(key)
      return value === '' ? null : value
    } catch {
      return null
    }
  }

  write(key: string, value: unknown): void {
    Taro.setStorageSync(key, value)
  }
}
