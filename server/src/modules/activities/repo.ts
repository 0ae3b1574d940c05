import { sql, type Kysely } from 'kysely'
import type { ActivityListItem } from '#contract/activities'
import { MAX_PHOTOS_PER_ACTIVITY, type ActivityKind, type CheckedActivity, type PhotoMime, type TargetGroup } from '#core/activities'
import type { DB } from '../../db/schema'
import { pathUnderAny } from '../../plugins/scope-filter'
import { writeAudit, type AuditEntry } from '../../db/audit-log'
import { regionPathOf } from '../../db/region-path'

export interface StoredActivity extends CheckedActivity {
  id: string
  countyId: string
  regionPath: string
  regionName: string
  createdBy: { id: string; name: string }
  updatedAt: Date
}

export interface ActivityCriteria {
  paths: readonly string[]
  from?: Date
  to?: Date
  kind?: string
}

/** A list row as the API shows it, before its date is written out and its thumbnails are linked. */
export interface ListedActivity extends Omit<ActivityListItem, 'heldAt' | 'thumbnails'> {
  heldAt: Date
}

export interface StoredPhoto {
  id: string
  activityId: string
  mime: PhotoMime
}

/** How many thumbnails the list shows per activity. */
const LIST_THUMBNAILS = 3

export class ActivityRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private selectActivities() {
    return this.db.selectFrom('activities as a')
      .innerJoin('regions as r', 'r.id', 'a.region_id')
      .innerJoin('users as u', 'u.id', 'a.created_by')
      .select([
        'a.id', 'a.county_id', 'a.region_id', 'r.path', 'r.name as region_name', 'a.kind', 'a.title', 'a.place', 'a.held_at', 'a.organiser',
        'a.attendance', 'a.target_groups', 'a.materials', 'a.summary', 'a.created_by', 'u.display_name', 'a.updated_at',
      ])
  }

  async find(id: string): Promise<StoredActivity | null> {
    const row = await this.selectActivities().where('a.id', '=', id).executeTakeFirst()
    return row ? toActivity(row) : null
  }

  /** Newest first; the page's photo counts come with it. */
  async list(c: ActivityCriteria, page: number, pageSize: number): Promise<{ total: number; items: ListedActivity[] }> {
    let where = this.db.selectFrom('activities as a').innerJoin('regions as r', 'r.id', 'a.region_id').where(pathUnderAny('r.path', c.paths))
    if (c.from) where = where.where('a.held_at', '>=', c.from)
    if (c.to) where = where.where('a.held_at', '<', c.to)
    if (c.kind) where = where.where('a.kind', '=', c.kind)
    const [{ total }, rows] = await Promise.all([
      where.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
      where.select([
        'a.id', 'a.region_id', 'r.name', 'a.kind', 'a.title', 'a.place', 'a.held_at', 'a.attendance',
        sql<number>`(SELECT count(*)::int FROM activity_photos p WHERE p.activity_id = a.id)`.as('photo_count'),
      ]).orderBy('a.held_at', 'desc').orderBy('a.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    ])
    return {
      total,
      items: rows.map((r) => ({
        id: r.id, regionId: r.region_id, regionName: r.name, kind: r.kind as ActivityKind, title: r.title, place: r.place, heldAt: new Date(r.held_at),
        attendance: r.attendance, photoCount: r.photo_count,
      })),
    }
  }

  /** The first photos of each activity, oldest first, at most `perActivity` each. */
  async photoIdsOf(activityIds: readonly string[], perActivity = LIST_THUMBNAILS): Promise<Map<string, string[]>> {
    const byActivity = new Map<string, string[]>()
    if (activityIds.length === 0) return byActivity
    const rows = await this.db.selectFrom((eb) => eb.selectFrom('activity_photos')
      .select(['id', 'activity_id', sql<number>`row_number() OVER (PARTITION BY activity_id ORDER BY created_at, id)`.as('n')])
      .where('activity_id', 'in', [...activityIds]).as('p'))
      .select(['p.id', 'p.activity_id']).where('p.n', '<=', perActivity).orderBy('p.activity_id').orderBy('p.n').execute()
    for (const r of rows) byActivity.set(r.activity_id, [...(byActivity.get(r.activity_id) ?? []), r.id])
    return byActivity
  }

  async create(input: CheckedActivity, countyId: string, createdBy: string, now: Date): Promise<string> {
    const row = await this.db.insertInto('activities')
      .values({ ...columnsOf(input), county_id: countyId, created_by: createdBy, created_at: now, updated_at: now })
      .returning('id').executeTakeFirstOrThrow()
    return row.id
  }

  async update(id: string, input: CheckedActivity, countyId: string, now: Date): Promise<boolean> {
    const row = await this.db.updateTable('activities').set({ ...columnsOf(input), county_id: countyId, updated_at: now })
      .where('id', '=', id).returning('id').executeTakeFirst()
    return row !== undefined
  }

  /** The activity, its photos (by cascade) and the audit row, all or nothing. */
  async delete(id: string, audit: AuditEntry): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom('activities').where('id', '=', id).returning('id').executeTakeFirst()
      if (!row) return false
      await writeAudit(trx, audit)
      return true
    })
  }

  /**
   * Adds a photo unless the activity already has the most it may. The activity's row is locked first, so two
   * uploads at once take turns and the count each reads already holds the other's photo: never a tenth.
   * 'gone' when the activity was deleted meanwhile.
   */
  async addPhoto(p: { activityId: string; mime: PhotoMime; photo: Buffer; thumbnail: Buffer; now: Date }): Promise<string | 'full' | 'gone'> {
    return this.db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('activities').select('id').where('id', '=', p.activityId).forUpdate().executeTakeFirst()
      if (!locked) return 'gone' as const
      const { n } = await trx.selectFrom('activity_photos').select(sql<number>`count(*)::int`.as('n'))
        .where('activity_id', '=', p.activityId).executeTakeFirstOrThrow()
      if (n >= MAX_PHOTOS_PER_ACTIVITY) return 'full' as const
      await trx.updateTable('activities').set({ updated_at: p.now }).where('id', '=', p.activityId).execute()
      const row = await trx.insertInto('activity_photos')
        .values({ activity_id: p.activityId, mime: p.mime, photo: p.photo, thumbnail: p.thumbnail, created_at: p.now })
        .returning('id').executeTakeFirstOrThrow()
      return row.id
    })
  }

  async photosOf(activityId: string): Promise<StoredPhoto[]> {
    const rows = await this.db.selectFrom('activity_photos').select(['id', 'activity_id', 'mime'])
      .where('activity_id', '=', activityId).orderBy('created_at').orderBy('id').execute()
    return rows.map((r) => ({ id: r.id, activityId: r.activity_id, mime: r.mime }))
  }

  async deletePhoto(activityId: string, photoId: string, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom('activity_photos').where('id', '=', photoId).where('activity_id', '=', activityId).returning('id').executeTakeFirst()
      if (!row) return false
      await trx.updateTable('activities').set({ updated_at: now }).where('id', '=', activityId).execute()
      return true
    })
  }

  /** The bytes of a photo or its thumbnail, with the activity they belong to for the scope check. */
  async photoBytes(photoId: string, which: 'photo' | 'thumbnail'): Promise<{ activityId: string; mime: PhotoMime; bytes: Buffer } | null> {
    const row = await this.db.selectFrom('activity_photos').select(['activity_id', 'mime', which]).where('id', '=', photoId).executeTakeFirst()
    if (!row) return null
    const bytes = (row as unknown as Record<typeof which, Buffer | Uint8Array>)[which]
    return { activityId: row.activity_id, mime: row.mime, bytes: Buffer.from(bytes) }
  }

  regionPath(id: string): Promise<string | null> {
    return regionPathOf(this.db, id)
  }
}

function columnsOf(input: CheckedActivity) {
  return {
    region_id: input.regionId, kind: input.kind, title: input.title.trim(), place: input.place.trim(), held_at: new Date(input.heldAt),
    organiser: input.organiser.trim(), attendance: input.attendance, target_groups: [...new Set(input.targetGroups)], materials: input.materials,
    summary: input.summary.trim(),
  }
}

type ActivityRow = Awaited<ReturnType<ReturnType<ActivityRepo['selectActivities']>['executeTakeFirstOrThrow']>>

function toActivity(r: ActivityRow): StoredActivity {
  return {
    id: r.id, countyId: r.county_id, regionId: r.region_id, regionPath: r.path, regionName: r.region_name, kind: r.kind as ActivityKind, title: r.title,
    place: r.place, heldAt: new Date(r.held_at).toISOString(), organiser: r.organiser, attendance: r.attendance,
    targetGroups: r.target_groups as TargetGroup[], materials: r.materials, summary: r.summary,
    createdBy: { id: r.created_by, name: r.display_name }, updatedAt: new Date(r.updated_at),
  }
}
