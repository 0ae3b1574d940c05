import { makeAutoObservable } from 'mobx'
import type { PreferenceStore } from '@/services/preferences'

const CARE_MODE_KEY = 'xuanfang.careMode'

export class UiStore {
  careMode: boolean

  constructor(private readonly preferences: PreferenceStore) {
    this.careMode = preferences.getFlag(CARE_MODE_KEY)
    makeAutoObservable<UiStore, 'preferences'>(this, { preferences: false })
  }

  setCareMode(on: boolean): void {
    this.careMode = on
    this.preferences.setFlag(CARE_MODE_KEY, on)
  }
}
