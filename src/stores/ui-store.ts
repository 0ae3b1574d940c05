import { makeAutoObservable } from 'mobx'
import { shouldOfferCareMode } from '@/core/care-mode'
import type { PreferenceStore } from '@/services/preferences'

const CARE_MODE_KEY = 'xuanfang.careMode'
/** Set once the person chose 关怀模式 either way (on the first-launch offer or on 我的): never offered again. */
const CARE_MODE_CHOSEN_KEY = 'xuanfang.careModeChosen'

export class UiStore {
  careMode: boolean
  /** The first-launch offer of 关怀模式 is showing. */
  careModeOffered: boolean

  constructor(private readonly preferences: PreferenceStore, largeSystemFont: () => boolean = () => false) {
    this.careMode = preferences.getFlag(CARE_MODE_KEY)
    const chosen = preferences.getFlag(CARE_MODE_CHOSEN_KEY)
    this.careModeOffered = shouldOfferCareMode(largeSystemFont(), chosen)
    makeAutoObservable<UiStore, 'preferences'>(this, { preferences: false })
  }

  /** A choice on the offer or on 我的 is remembered, so the offer does not come back. */
  setCareMode(on: boolean): void {
    this.careMode = on
    this.careModeOffered = false
    this.preferences.setFlag(CARE_MODE_KEY, on)
    this.preferences.setFlag(CARE_MODE_CHOSEN_KEY, true)
  }
}
