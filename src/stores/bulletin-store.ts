import { flow, makeAutoObservable } from 'mobx'
import type { BulletinDetail, BulletinListItem } from '@/contract/bulletins'
import type { EncryptedGroupInfo, OpenResult, ShareCreated } from '@/contract/shares'
import { ApiError, type Api } from '@/services/api-client'
import { bulletinPagePathOf } from '@/core/bulletins'
import { currentEnterOptions, shareLaunchFrom, shareLinkUrl, type ShareLaunch } from '@/services/share-launch'
import { LatestLoad } from './latest-load'
import { errorMessage, type LoadState } from './load-state'
import { PagedList } from './paged-list'

export const BULLETIN_PAGE_SIZE = 20

/** Why a bulletin cannot be shown: the page gives each its own words. */
export type BulletinProblemKind = 'retracted' | 'not_found' | 'failed'

export interface BulletinProblem {
  kind: BulletinProblemKind
  message: string
}

export interface BulletinStoreDeps {
  api: Pick<Api, 'publicBulletins' | 'publicBulletin' | 'createShare' | 'recordOpen' | 'absoluteUrl'>
  /** The anonymous reader's 'd:<uuid>' (services/reader-key). */
  readerKey: () => Promise<string>
  /** weapp: the group card's encrypted info for a shareTicket (services/share-launch). */
  groupInfo: (shareTicket: string | null) => Promise<EncryptedGroupInfo | null>
  /** Group info is only decryptable with a WeChat session, so it is only sent by a signed-in reader. */
  isSignedIn: () => boolean
}

function problemOf(error: unknown): BulletinProblem {
  const message = errorMessage(error)
  if (error instanceof ApiError && error.status === 410) return { kind: 'retracted', message }
  if (error instanceof ApiError && error.status === 404) return { kind: 'not_found', message }
  return { kind: 'failed', message }
}

/** What residents read: the list of published bulletins and one bulletin, with its share ready and its open recorded. */
export class BulletinStore {
  readonly list = new PagedList<BulletinListItem>()
  private readonly bulletin = new LatestLoad<BulletinDetail>()
  /** Created as the page loads, because WeChat asks for the share path synchronously. */
  private readonly shareLoad = new LatestLoad<ShareCreated>()
  private readonly openLoad = new LatestLoad<OpenResult>()
  private viewed: { id: string; launch: ShareLaunch } | null = null

  constructor(private readonly deps: BulletinStoreDeps) {
    makeAutoObservable<BulletinStore, 'deps' | 'viewed' | 'bulletin' | 'shareLoad' | 'openLoad'>(this, {
      deps: false, viewed: false, list: false, bulletin: false, shareLoad: false, openLoad: false,
    })
  }

  get share(): ShareCreated | null {
    return this.shareLoad.value
  }

  get opened(): OpenResult | null {
    return this.openLoad.value
  }

  get detail(): BulletinDetail | null {
    return this.bulletin.value
  }

  get state(): LoadState {
    return this.bulletin.state
  }

  get problem(): BulletinProblem | null {
    return this.bulletin.state === 'error' ? problemOf(this.bulletin.failure) : null
  }

  /** Bulletins are public; the share made under the previous person's name is theirs and must not be forwarded again. */
  reset(): void {
    this.shareLoad.clear()
    this.openLoad.clear()
  }

  get posterUrl(): string | null {
    return this.detail ? this.deps.api.absoluteUrl(this.detail.posterUrl) : null
  }

  loadList(): Promise<void> {
    return this.list.load((page) => this.deps.api.publicBulletins(page, BULLETIN_PAGE_SIZE))
  }

  loadMoreList(): Promise<void> {
    return this.list.loadMore((page) => this.deps.api.publicBulletins(page, BULLETIN_PAGE_SIZE))
  }

  /** The bulletin page opened with these params: which bulletin, and whose share brought the reader here. */
  open(params: Partial<Record<string, string>>): Promise<void> {
    return this.view(params.id ?? '', shareLaunchFrom(params, currentEnterOptions()))
  }

  /** What WeChat shares: this reader's own share once made, else the plain bulletin page. */
  get sharePath(): string {
    return this.share?.path ?? bulletinPagePathOf(this.viewed?.id ?? '')
  }

  /** H5 has no share sheet: the link the reader copies, carrying their share id. Null until the share is made. */
  shareLink(location: Pick<Location, 'origin' | 'pathname' | 'hash'>): string | null {
    return this.share ? shareLinkUrl(this.share.path, location) : null
  }

  /** One page view: loads the bulletin, then records the open and prepares the share, neither able to disturb reading. */
  view = flow(function* (this: BulletinStore, id: string, launch: ShareLaunch) {
    const viewed = { id, launch }
    this.viewed = viewed
    this.bulletin.clear()
    this.shareLoad.clear()
    this.openLoad.clear()
    // A link cut off before its id names no bulletin: there is nothing to ask for, or to retry.
    if (!id) {
      this.bulletin.fail(new ApiError('BULLETIN_NOT_FOUND', '链接里没有通报编号', 404))
      return
    }
    const landed: boolean = yield this.bulletin.load(() => this.deps.api.publicBulletin(id))
    if (landed) yield Promise.all([this.prepareShare(viewed), this.recordOpen(viewed)])
  })

  /** 重试 after a failed load: the same view again (its open was never recorded). */
  retry(): Promise<void> {
    return this.viewed ? this.view(this.viewed.id, this.viewed.launch) : Promise.resolve()
  }

  /** Quietly: without a share the page still shares the plain bulletin path; attribution is lost, reading is not. */
  private prepareShare(viewed: { id: string; launch: ShareLaunch }): Promise<boolean> {
    return this.shareLoad.refresh(async () => {
      const readerKey = await this.deps.readerKey()
      return this.deps.api.createShare(viewed.id, { parentShareId: viewed.launch.shareId, readerKey })
    })
  }

  /** Quietly: an open that fails to count must never get in the reader's way. */
  private recordOpen(viewed: { id: string; launch: ShareLaunch }): Promise<boolean> {
    return this.openLoad.refresh(async () => {
      const readerKey = await this.deps.readerKey()
      const group = this.deps.isSignedIn() ? await this.deps.groupInfo(viewed.launch.shareTicket) : null
      return this.deps.api.recordOpen({
        bulletinId: viewed.id, shareId: viewed.launch.shareId, readerKey, scene: viewed.launch.scene, group,
      })
    })
  }
}
