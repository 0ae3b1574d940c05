import QRCode from 'qrcode'
import type { Page } from '#core/page'
import type { BulletinAdminItem, BulletinDetail, BulletinListItem, BulletinVersionItem } from '#contract/bulletins'
import type { BulletinInput } from '#core/bulletins'
import {
  bulletinPagePathOf, bulletinStatus, type BulletinDraft, checkBulletinInput, isBulletinRegionLevel, normaliseBulletinInput, planEdit, planPublish,
  planRetract, posterPathOf, publicVisibility, stationNameOf, templateTextProblems, totalLossYuan,
} from '#core/bulletins'
import type { ErrorCode } from '#core/errors'
import { canActOn, scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, notFound, outOfScope } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import type { PosterRenderer } from './poster'
import { renderPosterSvg } from './poster-svg'
import type { BulletinRepo, BulletinRecord, BulletinRegion } from './repo'

/** Refusals of the authoring rules, with the status each answers. */
const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BULLETIN_PUBLISH_TIME_INVALID: 400,
  BULLETIN_RETRACT_REASON_REQUIRED: 400,
  BULLETIN_ALREADY_PUBLISHED: 409,
  BULLETIN_RETRACTED: 409,
  BULLETIN_NOT_PUBLISHED: 409,
}
const refused = (code: ErrorCode) => new AppError(code, STATUS_OF[code] ?? 400)
const conflict = () => new AppError('BULLETIN_EDIT_CONFLICT', 409)

export interface PosterResult {
  etag: string
  /** Null when the caller already holds this version (If-None-Match). */
  png: Buffer | null
}

export class BulletinService {
  constructor(private readonly ctx: AppContext, private readonly posters: PosterRenderer, private readonly repo: BulletinRepo) {}

  async list(caller: SessionUser, query: { regionId?: string; page: number; pageSize: number }): Promise<Page<BulletinAdminItem>> {
    const paths = await scopeFor(caller.roles, 'bulletin.write', query.regionId, async (id) => (await this.repo.findRegion(id))?.path ?? null)
    const { total, items } = await this.repo.listUnder(paths, query.page, query.pageSize)
    const now = this.ctx.now()
    return { total, items: items.map((b) => adminItem(b, now)) }
  }

  /** A new bulletin is a draft at version 1. */
  async create(caller: SessionUser, input: BulletinDraft): Promise<BulletinDetail> {
    if (scopePathsFor(caller.roles, 'bulletin.write').length === 0) throw forbidden()
    const now = this.ctx.now()
    const clean = checked(input, now)
    const region = await this.regionFor(caller, clean.regionId)
    const id = await this.repo.create({ input: clean, countyId: region.countyId, authorId: caller.id, now })
    return this.detailOf(id, now)
  }

  async get(caller: SessionUser, id: string): Promise<BulletinDetail> {
    return toDetail(await this.bulletinFor(caller, id), this.ctx.now())
  }

  /** A draft is corrected in place; a bulletin residents can see (or soon will) gets a new version. */
  async edit(caller: SessionUser, id: string, input: BulletinDraft): Promise<BulletinDetail> {
    const current = await this.bulletinFor(caller, id)
    const now = this.ctx.now()
    const clean = checked(input, now)
    const region = clean.regionId === current.region.id ? current.region : await this.regionFor(caller, clean.regionId)
    const plan = planEdit(bulletinStatus(current, now), current.version)
    if (plan.kind === 'refused') throw refused(plan.code)
    // A new version of a bulletin that is out goes straight to residents: no template text in it either.
    if (plan.kind === 'add') refuseTemplateText(clean)
    const saved = await this.repo.saveEdit({
      id, kind: plan.kind, seenVersion: current.version, version: plan.version, input: clean, countyId: region.countyId, editorId: caller.id, now,
    })
    if (!saved) throw conflict()
    return this.detailOf(id, now)
  }

  /** Now, or at a time ahead: residents see it once that time has passed, with no job needed. */
  async publish(caller: SessionUser, id: string, at: string | null | undefined): Promise<BulletinDetail> {
    const current = await this.bulletinFor(caller, id)
    const now = this.ctx.now()
    const plan = planPublish(bulletinStatus(current, now), at, now)
    if (!plan.ok) throw refused(plan.code)
    refuseTemplateText(current)
    if (!(await this.repo.publish(id, plan.publishedAt, { id: caller.id, countyId: current.countyId, now }))) throw conflict()
    return this.detailOf(id, now)
  }

  /** Hides it from residents at once: list, detail and poster. The reason stays on record. */
  async retract(caller: SessionUser, id: string, reason: string): Promise<BulletinDetail> {
    const current = await this.bulletinFor(caller, id)
    const now = this.ctx.now()
    const plan = planRetract(bulletinStatus(current, now), reason)
    if (!plan.ok) throw refused(plan.code)
    if (!(await this.repo.retract(id, plan.reason, { id: caller.id, countyId: current.countyId, now }))) throw conflict()
    return this.detailOf(id, now)
  }

  async versions(caller: SessionUser, id: string): Promise<BulletinVersionItem[]> {
    await this.bulletinFor(caller, id)
    return (await this.repo.versions(id)).map((v) => ({ ...v, editedAt: v.editedAt.toISOString() }))
  }

  async publishedList(page: number, pageSize: number): Promise<Page<BulletinListItem>> {
    const { total, items } = await this.repo.listPublished(this.ctx.now(), page, pageSize)
    return { total, items: items.map((b) => ({ ...listFields(b), publishedAt: b.publishedAt!.toISOString() })) }
  }

  async publishedDetail(id: string): Promise<BulletinDetail> {
    const now = this.ctx.now()
    return toDetail(await this.visible(id, now), now)
  }

  /** The poster of the current version; a new version has a new ETag and is rendered anew. */
  async poster(id: string, ifNoneMatch: string | undefined): Promise<PosterResult> {
    const bulletin = await this.visible(id, this.ctx.now())
    const etag = `"${bulletin.id}.${bulletin.version}"`
    if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) return { etag, png: null }
    const png = await this.posters.png(`${bulletin.id}:${bulletin.version}`, async () => renderPosterSvg({
      stationName: stationNameOf(bulletin.region),
      title: bulletin.title,
      bulletinDate: bulletin.bulletinDate,
      cases: bulletin.cases,
      advice: bulletin.advice,
      totalLossYuan: totalLossYuan(bulletin.cases),
      qrSvg: await QRCode.toString(`${this.ctx.config.publicBaseUrl}${bulletinPagePathOf(bulletin.id)}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    }))
    return { etag, png }
  }

  /** What residents may open: 404 for what never reached them, 410 for what was taken back. */
  private async visible(id: string, now: Date): Promise<BulletinRecord> {
    const bulletin = await this.repo.find(id)
    const visibility = bulletin ? publicVisibility(bulletin, now) : 'unpublished'
    if (!bulletin || visibility === 'unpublished') throw notFound('BULLETIN_NOT_FOUND')
    if (visibility === 'retracted') throw new AppError('BULLETIN_RETRACTED', 410)
    return bulletin
  }

  private async detailOf(id: string, now: Date): Promise<BulletinDetail> {
    const bulletin = await this.repo.find(id)
    if (!bulletin) throw notFound('BULLETIN_NOT_FOUND')
    return toDetail(bulletin, now)
  }

  private async bulletinFor(caller: SessionUser, id: string): Promise<BulletinRecord> {
    if (scopePathsFor(caller.roles, 'bulletin.write').length === 0) throw forbidden()
    const bulletin = await this.repo.find(id)
    if (!bulletin || !canActOn(caller.roles, 'bulletin.write', bulletin.region.path)) throw notFound('BULLETIN_NOT_FOUND')
    return bulletin
  }

  /** The town or county the bulletin speaks for, within the caller's scope. */
  private async regionFor(caller: SessionUser, regionId: string): Promise<BulletinRegion> {
    const region = await this.repo.findRegion(regionId)
    if (!region) throw notFound('REGION_NOT_FOUND')
    if (!isBulletinRegionLevel(region.level)) throw new AppError('BULLETIN_REGION_INVALID', 400)
    if (!canActOn(caller.roles, 'bulletin.write', region.path)) throw outOfScope()
    return region
  }
}

function checked(input: BulletinDraft, now: Date): BulletinInput {
  const problems = checkBulletinInput(input, now)
  if (problems.length > 0) throw new AppError(problems[0].code, 400, problems.map((p) => p.message).join('；'), problems)
  return normaliseBulletinInput(input)
}

/** The problems go along as details, so that the editor names each field still to be written. */
function refuseTemplateText(bulletin: Pick<BulletinInput, 'title' | 'advice' | 'cases'>): void {
  const problems = templateTextProblems(bulletin)
  if (problems.length > 0) throw new AppError('BULLETIN_TEMPLATE_TEXT', 400, undefined, problems)
}

function listFields(b: BulletinRecord) {
  return {
    id: b.id,
    bulletinDate: b.bulletinDate,
    title: b.title,
    caseCount: b.cases.length,
    totalLossYuan: totalLossYuan(b.cases),
    version: b.version,
  }
}

function adminItem(b: BulletinRecord, now: Date): BulletinAdminItem {
  return {
    ...listFields(b),
    status: bulletinStatus(b, now),
    regionId: b.region.id,
    regionName: b.region.name,
    publishedAt: b.publishedAt?.toISOString() ?? null,
    updatedAt: b.updatedAt.toISOString(),
  }
}

function toDetail(b: BulletinRecord, now: Date): BulletinDetail {
  return {
    id: b.id,
    regionId: b.region.id,
    bulletinDate: b.bulletinDate,
    title: b.title,
    cases: b.cases,
    advice: b.advice,
    status: bulletinStatus(b, now),
    regionName: b.region.name,
    stationName: stationNameOf(b.region),
    version: b.version,
    publishedAt: b.publishedAt?.toISOString() ?? null,
    retractedAt: b.retractedAt?.toISOString() ?? null,
    totalLossYuan: totalLossYuan(b.cases),
    posterUrl: posterPathOf(b.id),
  }
}
