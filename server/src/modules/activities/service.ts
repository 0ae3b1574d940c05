import type { Page } from '#core/page'
import {
  checkActivityInput, MAX_PHOTO_BYTES, MAX_THUMBNAIL_BYTES, monthRange, sniffImageMime, type ActivityDraft, type CheckedActivity,
} from '#core/activities'
import type { Activity, ActivityListItem, ActivityPhoto } from '#contract/activities'
import { countyIdOf, isWithin } from '#core/regions'
import { canActOn } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, notFound, outOfScope } from '../../errors'
import { rowInScope, scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import type { ActivityRepo, StoredActivity } from './repo'

export interface ActivityQuery {
  regionId?: string
  month?: string
  kind?: string
  page: number
  pageSize: number
}

export interface UploadedPhoto {
  photo: Buffer
  thumbnail: Buffer
}

const photoUrl = (id: string) => `/api/activity-photos/${id}`
const thumbnailUrl = (id: string) => `${photoUrl(id)}/thumbnail`
const photoOf = (id: string): ActivityPhoto => ({ id, url: photoUrl(id), thumbnailUrl: thumbnailUrl(id) })

export class ActivityService {
  constructor(private readonly ctx: AppContext, private readonly repo: ActivityRepo) {}

  async list(caller: SessionUser, q: ActivityQuery): Promise<Page<ActivityListItem>> {
    const paths = await scopeFor(caller.roles, 'activity.read', q.regionId, (id) => this.repo.regionPath(id))
    const range = q.month ? monthRange(q.month) : null
    const { total, items } = await this.repo.list({ paths, from: range?.from, to: range?.to, kind: q.kind }, q.page, q.pageSize)
    const photos = await this.repo.photoIdsOf(items.filter((i) => i.photoCount > 0).map((i) => i.id))
    return {
      total,
      items: items.map((i) => ({ ...i, heldAt: i.heldAt.toISOString(), thumbnails: (photos.get(i.id) ?? []).map(thumbnailUrl) })),
    }
  }

  async get(caller: SessionUser, id: string): Promise<Activity> {
    return this.view(caller, await this.readable(caller, id))
  }

  async create(caller: SessionUser, draft: ActivityDraft): Promise<Activity> {
    const path = await this.writableRegionPath(caller, draft.regionId)
    const input = checked(draft)
    const id = await this.repo.create(input, countyIdOf(path), caller.id, this.ctx.now())
    return this.view(caller, (await this.repo.find(id))!)
  }

  async update(caller: SessionUser, id: string, draft: ActivityDraft): Promise<Activity> {
    await this.modifiable(caller, id)
    const path = await this.writableRegionPath(caller, draft.regionId)
    const input = checked(draft)
    if (!(await this.repo.update(id, input, countyIdOf(path), this.ctx.now()))) throw notFound('ACTIVITY_NOT_FOUND')
    return this.view(caller, (await this.repo.find(id))!)
  }

  async delete(caller: SessionUser, id: string): Promise<void> {
    const activity = await this.modifiable(caller, id)
    const audit = {
      countyId: activity.countyId, actorId: caller.id, action: 'activity.delete', targetType: 'activity', targetId: id,
      detail: { title: activity.title, regionId: activity.regionId, heldAt: activity.heldAt, createdBy: activity.createdBy.id },
      at: this.ctx.now(),
    }
    if (!(await this.repo.delete(id, audit))) throw notFound('ACTIVITY_NOT_FOUND')
  }

  /** The type is read from the bytes; the phone's file name and header are not trusted. */
  async addPhoto(caller: SessionUser, activityId: string, upload: UploadedPhoto): Promise<ActivityPhoto> {
    await this.modifiable(caller, activityId)
    const mime = sniffImageMime(upload.photo)
    const thumbnailMime = sniffImageMime(upload.thumbnail)
    if (!mime || !thumbnailMime || upload.photo.length > MAX_PHOTO_BYTES || upload.thumbnail.length > MAX_THUMBNAIL_BYTES) {
      throw new AppError('ACTIVITY_PHOTO_INVALID', 400)
    }
    const added = await this.repo.addPhoto({ activityId, mime, photo: upload.photo, thumbnail: upload.thumbnail, now: this.ctx.now() })
    if (added === 'gone') throw notFound('ACTIVITY_NOT_FOUND')
    if (added === 'full') throw new AppError('ACTIVITY_PHOTO_LIMIT', 409)
    return photoOf(added)
  }

  async deletePhoto(caller: SessionUser, activityId: string, photoId: string): Promise<void> {
    await this.modifiable(caller, activityId)
    if (!(await this.repo.deletePhoto(activityId, photoId, this.ctx.now()))) throw notFound()
  }

  /** A photo or thumbnail for whoever may read its activity; its type read again from the bytes for the thumbnail. */
  async photo(caller: SessionUser, photoId: string, which: 'photo' | 'thumbnail'): Promise<{ mime: string; bytes: Buffer }> {
    const found = await this.repo.photoBytes(photoId, which)
    if (!found) throw notFound()
    await this.readable(caller, found.activityId)
    // The table keeps the photo's type; a thumbnail's own type was checked on upload and is read from its bytes.
    return { mime: which === 'photo' ? found.mime : (sniffImageMime(found.bytes) ?? found.mime), bytes: found.bytes }
  }

  private readable(caller: SessionUser, id: string): Promise<StoredActivity> {
    return rowInScope(caller.roles, 'activity.read', () => this.repo.find(id), 'ACTIVITY_NOT_FOUND')
  }

  /** Changing or deleting an activity is for whoever wrote it down, or an admin over its region. */
  private async modifiable(caller: SessionUser, id: string): Promise<StoredActivity> {
    const activity = await this.readable(caller, id)
    if (!canActOn(caller.roles, 'activity.write', activity.regionPath)) throw outOfScope()
    if (!mayModify(caller, activity)) throw new AppError('FORBIDDEN', 403, '只有活动登记人或派出所管理员可以修改、删除该活动')
    return activity
  }

  private async writableRegionPath(caller: SessionUser, regionId: string): Promise<string> {
    const [path] = await scopeFor(caller.roles, 'activity.write', regionId, (id) => this.repo.regionPath(id))
    return path
  }

  private async view(caller: SessionUser, a: StoredActivity): Promise<Activity> {
    const photos = await this.repo.photosOf(a.id)
    return {
      id: a.id, regionId: a.regionId, regionName: a.regionName, kind: a.kind, title: a.title, place: a.place, heldAt: a.heldAt, organiser: a.organiser,
      attendance: a.attendance, targetGroups: a.targetGroups, materials: a.materials, summary: a.summary, createdBy: a.createdBy,
      photos: photos.map((p) => photoOf(p.id)), editable: mayModify(caller, a) && canActOn(caller.roles, 'activity.write', a.regionPath),
      updatedAt: a.updatedAt.toISOString(),
    }
  }
}

function mayModify(caller: SessionUser, a: StoredActivity): boolean {
  return a.createdBy.id === caller.id || caller.roles.some((r) => r.role === 'admin' && isWithin(a.regionPath, r.regionPath))
}

/** A negative attendance keeps its own code and message; anything else is ACTIVITY_INVALID naming every problem. */
function checked(draft: ActivityDraft): CheckedActivity {
  const problems = checkActivityInput(draft)
  const attendance = problems.find((p) => p.code === 'ACTIVITY_ATTENDANCE_INVALID')
  if (attendance) throw new AppError(attendance.code, 400, attendance.message, problems)
  if (problems.length > 0) throw new AppError('ACTIVITY_INVALID', 400, problems.map((p) => p.message).join('；'), problems)
  return draft as CheckedActivity
}
