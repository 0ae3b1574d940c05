import { randomBytes } from 'node:crypto'
import type { EncryptedGroupInfo, OpenInput, OpenResult, ShareCreated, ShareInput } from '#contract/shares'
import { ERRORS, type ErrorCode } from '#core/errors'
import { canActOn } from '#core/scope'
import { childTier, isDeviceReaderKey, isShareId, rootTier, shareIdFromBytes, sharePath } from '#core/share-tree'
import type { AppContext } from '../../context'
import { FieldCipher } from '../../crypto/field-cipher'
import { AppError } from '../../errors'
import { openGroupId, WeChatDataError } from '../../wechat/group-info-cipher'
import type { SessionUser } from '../auth/session-user'
import { ShareRepo, type BulletinState, type GroupRef, type Sharer } from './repo'

/** Why an open was counted with less than it asked for: no group, or no share. */
export interface Notice {
  code: ErrorCode
  message: string
}

export type OpenAnswer = OpenResult & { notices?: Notice[] }

const notice = (code: ErrorCode): Notice => ({ code, message: ERRORS[code] })

/** Shares and opens. The instance's repository batches the opens and remembers lookups: batching-share-repo.ts. */
export class ShareService {
  private readonly sessionKeys: FieldCipher

  constructor(private readonly ctx: AppContext, private readonly repo: ShareRepo) {
    this.sessionKeys = new FieldCipher(ctx.config.sessionSecret, 'wechat-session-key')
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
    const bulletin = visible(await this.repo.bulletin(input.bulletinId.toLowerCase()), this.ctx.now())
    const notices: Notice[] = []
    let group: GroupRef | null = null
    if (input.group) {
      const found = await this.groupOf(caller, input.group, bulletin.countyId)
      if ('code' in found) notices.push(found)
      else group = found
    }
    const askedShare = input.shareId ?? null
    const shareId = askedShare && isShareId(askedShare) ? askedShare : null
    const [stored] = await this.repo.storeOpens([{
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
    const sessionKey = caller ? await this.sessionKeyOf(caller.tokenHash) : null
    if (!sessionKey) return notice('GROUP_SESSION_EXPIRED')
    let opengid: string
    try {
      opengid = openGroupId(this.ctx.config.wechatAppId, sessionKey, info.encryptedData, info.iv)
    } catch (e) {
      if (e instanceof WeChatDataError) return notice('GROUP_INFO_INVALID')
      throw e
    }
    return this.repo.registerGroup(opengid, countyId, this.ctx.now())
  }

  /** Null when the session came from a demo login, or its key was sealed under a secret the server no longer has. */
  private async sessionKeyOf(tokenHash: string): Promise<string | null> {
    const [sealed] = await this.repo.sessionKeysEnc([tokenHash])
    if (!sealed) return null
    try {
      return this.sessionKeys.decrypt(sealed)
    } catch {
      return null
    }
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
