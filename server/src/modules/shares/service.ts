import { randomBytes } from 'node:crypto'
import type { EncryptedGroupInfo, OpenInput, OpenResult, ShareCreated, ShareInput } from '#contract/shares'
import { ERRORS, type ErrorCode } from '#core/errors'
import { canActOn } from '#core/scope'
import { childTier, isDeviceReaderKey, isShareId, rootTier, shareIdFromBytes, sharePath } from '#core/share-tree'
import type { AppContext } from '../../context'
import { FieldCipher } from '../../crypto/field-cipher'
import { WriteCoalescer } from '../../db/write-coalescer'
import { AppError } from '../../errors'
import { openGroupId, WeChatDataError } from '../../wechat/group-info-cipher'
import type { SessionUser } from '../auth/session-user'
import { openKey, ShareRepo, type BulletinState, type GroupRef, type NewOpen, type Sharer } from './repo'
import { TtlCache } from '../../lib/ttl-cache'

/** Why an open was counted with less than it asked for: no group, or no share. */
export interface Notice {
  code: ErrorCode
  message: string
}

export type OpenAnswer = OpenResult & { notices?: Notice[] }

/** Same settings as visit ingest: one INSERT … ON CONFLICT DO NOTHING per flush, one flush at a time. */
const COALESCE = { maxItems: 1000, maxWaitMs: 2, maxConcurrent: 1 }

/**
 * How long the open path trusts what it looked up. A retraction or a new label therefore shows within
 * BULLETIN_TTL_MS / GROUP_TTL_MS on every server; a session's WeChat key never changes (a new login is a new
 * session), and a revoked token is refused by the auth plugin before it gets here.
 */
const BULLETIN_TTL_MS = 2_000
const GROUP_TTL_MS = 10_000
const SESSION_KEY_TTL_MS = 60_000

const notice = (code: ErrorCode): Notice => ({ code, message: ERRORS[code] })

export class ShareService {
  private readonly sessionKeys: FieldCipher
  private readonly coalescer: WriteCoalescer<NewOpen, { counted: boolean; shareKept: boolean }>
  private readonly bulletins = new TtlCache<string, BulletinState | null>(BULLETIN_TTL_MS)
  private readonly groups = new TtlCache<string, GroupRef>(GROUP_TTL_MS, 50_000)
  private readonly sessionKeyCache = new TtlCache<string, string | null>(SESSION_KEY_TTL_MS, 50_000)
  /** Readers signing in for the first time arrive together: their key lookups share one query. */
  private readonly sessionKeyLoader: WriteCoalescer<string, string | null>

  constructor(private readonly ctx: AppContext, private readonly repo: ShareRepo) {
    this.sessionKeys = new FieldCipher(ctx.config.sessionSecret, 'wechat-session-key')
    this.coalescer = new WriteCoalescer((items) => this.store(items), { ...COALESCE, onFlush: ctx.metrics.batchObserver('opens') })
    this.sessionKeyLoader = new WriteCoalescer((hashes) => this.repo.sessionKeysEnc(hashes), {
      maxItems: 500, maxWaitMs: 1, maxConcurrent: 2, onFlush: ctx.metrics.batchObserver('session_keys'),
    })
  }

  drain(): Promise<void> {
    return this.coalescer.drain()
  }

  async share(caller: SessionUser | null, bulletinId: string, input: ShareInput): Promise<ShareCreated> {
    const sharer = sharerOf(caller, input.readerKey)
    const bulletin = visible(await this.repo.bulletin(bulletinId.toLowerCase()), this.ctx.now())
    const parent = input.parentShareId ? await this.parentIn(bulletin.id, input.parentShareId) : null
    const made = parent
      ? await this.shareUnder(bulletin, sharer, parent)
      : await this.rootShare(bulletin, sharer, caller !== null && canActOn(caller.roles, 'bulletin.write', bulletin.regionPath))
    return { ...made, path: sharePath(bulletin.id, made.id) }
  }

  async open(caller: SessionUser | null, input: OpenInput): Promise<OpenAnswer> {
    const readerKey = sharerOf(caller, input.readerKey).readerKey
    const bulletin = visible(await this.bulletins.getOrLoad(input.bulletinId.toLowerCase(), () => this.repo.bulletin(input.bulletinId.toLowerCase())), this.ctx.now())
    const notices: Notice[] = []
    let group: GroupRef | null = null
    if (input.group) {
      const found = await this.groupOf(caller, input.group, bulletin.countyId)
      if ('code' in found) notices.push(found)
      else group = found
    }
    const askedShare = input.shareId ?? null
    const shareId = askedShare && isShareId(askedShare) ? askedShare : null
    const [stored] = await this.coalescer.submit([{
      bulletinId: bulletin.id, countyId: bulletin.countyId, shareId, groupId: group?.id ?? null, readerKey, scene: input.scene ?? null, openedAt: this.ctx.now(),
    }])
    if (askedShare && stored.counted && !stored.shareKept) notices.push(notice('SHARE_NOT_FOUND'))
    return { counted: stored.counted, group, ...(notices.length > 0 && { notices }) }
  }

  /** The parent share, when it is one of this bulletin's; otherwise the share is made as if opened directly. */
  private async parentIn(bulletinId: string, parentShareId: string): Promise<{ id: string; tier: number } | null> {
    if (!isShareId(parentShareId)) return null
    const found = await this.repo.ancestry(parentShareId)
    if (!found || found.bulletinId !== bulletinId) return null
    const verdict = childTier(found.chain)
    if (!verdict.ok) throw new AppError(verdict.code, 409)
    return { id: parentShareId, tier: verdict.tier }
  }

  private async shareUnder(bulletin: BulletinState, sharer: Sharer, parent: { id: string; tier: number }) {
    const existing = await this.repo.ownShare(bulletin.id, sharer, parent.id)
    if (existing) return existing
    const id = newShareId()
    const groupId = await this.repo.groupOpenedFrom(bulletin.id, sharer.readerKey, parent.id)
    await this.repo.insertShare({ id, bulletinId: bulletin.id, countyId: bulletin.countyId, parentId: parent.id, tier: parent.tier, sharer, groupId })
    return { id, tier: parent.tier }
  }

  private rootShare(bulletin: BulletinState, sharer: Sharer, sharerIsStation: boolean) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ShareRepo(trx)
      await repo.lockBulletin(bulletin.id)
      const existing = await repo.ownShare(bulletin.id, sharer, null)
      if (existing) return existing
      const tier = rootTier(sharerIsStation, await repo.stationShareExists(bulletin.id))
      const id = newShareId()
      const groupId = await repo.groupOpenedFrom(bulletin.id, sharer.readerKey, null)
      await repo.insertShare({ id, bulletinId: bulletin.id, countyId: bulletin.countyId, parentId: null, tier, sharer, groupId })
      return { id, tier }
    })
  }

  /** The group the card was opened from, or why it cannot be told; never a refusal of the open itself. */
  private async groupOf(caller: SessionUser | null, info: EncryptedGroupInfo, countyId: string): Promise<GroupRef | Notice> {
    const sessionKey = caller ? await this.sessionKeyCache.getOrLoad(caller.tokenHash, () => this.loadSessionKey(caller.tokenHash)) : null
    if (!sessionKey) return notice('GROUP_SESSION_EXPIRED')
    let opengid: string
    try {
      opengid = openGroupId(this.ctx.config.wechatAppId, sessionKey, info.encryptedData, info.iv)
    } catch (e) {
      if (e instanceof WeChatDataError) return notice('GROUP_INFO_INVALID')
      throw e
    }
    return this.groups.getOrLoad(opengid, () => this.repo.registerGroup(opengid, countyId, this.ctx.now()))
  }

  /** Null when the session came from a demo login, or its key was sealed under a secret the server no longer has. */
  private async loadSessionKey(tokenHash: string): Promise<string | null> {
    const [sealed] = await this.sessionKeyLoader.submit([tokenHash])
    if (!sealed) return null
    try {
      return this.sessionKeys.decrypt(sealed)
    } catch {
      return null
    }
  }

  private async store(items: readonly NewOpen[]): Promise<{ counted: boolean; shareKept: boolean }[]> {
    // The same open twice in one flush: the first is the open, the second a repeat.
    const first = new Map<string, number>()
    items.forEach((o, i) => {
      const key = openKey(o.bulletinId, o.readerKey, o.groupId)
      if (!first.has(key)) first.set(key, i)
    })
    const stored = await this.repo.storeOpens([...first.values()].map((i) => items[i]))
    return items.map((o, i) => {
      const key = openKey(o.bulletinId, o.readerKey, o.groupId)
      const row = first.get(key) === i ? stored.get(key) : undefined
      return { counted: row !== undefined, shareKept: row?.shareId != null }
    })
  }
}

/** 'u:<user id>' for a signed-in reader, else the device id the phone sent. */
function sharerOf(caller: SessionUser | null, readerKey: string | undefined): Sharer {
  if (caller) return { userId: caller.id, readerKey: `u:${caller.id}` }
  if (!readerKey || !isDeviceReaderKey(readerKey)) throw new AppError('READER_REQUIRED', 400)
  return { userId: null, readerKey: readerKey.toLowerCase() }
}

function visible(bulletin: BulletinState | null, now: Date): BulletinState {
  if (!bulletin || !bulletin.publishedAt || bulletin.publishedAt.getTime() > now.getTime()) throw new AppError('BULLETIN_NOT_FOUND', 404)
  if (bulletin.retractedAt) throw new AppError('BULLETIN_RETRACTED', 410)
  return bulletin
}

function newShareId(): string {
  for (;;) {
    const id = shareIdFromBytes(randomBytes(16))
    if (id) return id
  }
}
