import Taro from '@tarojs/taro'

/** Small user preferences (关怀模式 …) that survive a restart. */
export interface PreferenceStore {
  getFlag(key: string): boolean
  setFlag(key: string, value: boolean): void
}

export class TaroPreferences implements PreferenceStore {
  getFlag(key: string): boolean {
    return Taro.getStorageSync(key) === true
  }

  setFlag(key: string, value: boolean): void {
    Taro.setStorageSync(key, value)
  }
}
