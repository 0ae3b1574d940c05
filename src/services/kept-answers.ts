import { makeAutoObservable, observable } from 'mobx'

/** What the service worker says about an answer: served from the phone's copy (with when it was fetched), or fresh. */
export type CacheNotice = { type: 'xf-cache'; url: string; savedAt: string | null } | { type: 'xf-fresh'; url: string }

/**
 * Whether what the page shows came from the network or from what the phone kept, and whether there is a network at
 * all. One per browser page, like the service worker that feeds it, so it is a module rather than a RootStore member.
 */
export class KeptAnswers {
  offline = false
  /** Per URL, when the kept copy now on screen was fetched. */
  private readonly kept = observable.map<string, Date>()

  constructor() {
    makeAutoObservable(this)
  }

  /** The oldest kept answer on screen: the banner reports the worst case. */
  get oldestSavedAt(): Date | null {
    let oldest: Date | null = null
    for (const at of this.kept.values()) if (!oldest || at < oldest) oldest = at
    return oldest
  }

  hear(notice: CacheNotice, now: Date): void {
    if (notice.type === 'xf-fresh') {
      this.kept.delete(notice.url)
      return
    }
    const savedAt = notice.savedAt ? new Date(notice.savedAt) : null
    // A kept answer without a readable date is still a kept answer: say "now" rather than hide that it is old.
    this.kept.set(notice.url, savedAt && !Number.isNaN(savedAt.getTime()) ? savedAt : now)
  }

  setOffline(offline: boolean): void {
    this.offline = offline
    // Back online, pages fetch again as they show; until then the banner should not call the network slow.
    if (!offline) this.kept.clear()
  }
}

export const keptAnswers = new KeptAnswers()
