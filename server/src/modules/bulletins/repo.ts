import { sql, type Kysely, type Transaction } from 'kysely'
import type { BulletinCase, BulletinInput } from '#core/bulletins'
import type { RegionLevel } from '#core/regions'
import type { DB } from '../../db/schema'
import { pathUnderAny } from '../../plugins/scope-filter'
import { writeAudit } from '../../db/audit-log'

export interface BulletinRegion {
  id: string
  name: string
  level: RegionLevel
  path: string
  countyId: string
}

/** A bulletin with its current version and its region, as the use cases see it. */
export interface BulletinRecord {
  id: string
  countyId: string
  region: BulletinRegion
  bulletinDate: string
  version: number
  publishedAt: Date | null
  retractedAt: Date | null
  updatedAt: Date
  title: string
  cases: BulletinCase[]
  advice: string
}

export interface NewBulletin {
  input: BulletinInput
  countyId: string
  authorId: string
  now: Date
}

/** The edit to store: which version it writes, and the version the author saw (optimistic lock). */
export interface BulletinEdit {
  id: string
  kind: 'rewrite' | 'add'
  seenVersion: number
  version: number
  input: BulletinInput
  countyId: string
  editorId: string
  now: Date
}

export interface Actor {
  id: string
  countyId: string
  now: Date
}

function selectBulletins(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('bulletins')
    .innerJoin('regions', 'regions.id', 'bulletins.region_id')
    .innerJoin('bulletin_versions', (j) => j
      .onRef('bulletin_versions.bulletin_id', '=', 'bulletins.id')
      .onRef('bulletin_versions.version', '=', 'bulletins.current_version'))
    .select([
      'bulletins.id', 'bulletins.county_id', 'bulletins.current_version', 'bulletins.published_at', 'bulletins.retracted_at',
      'bulletins.updated_at', 'regions.id as region_id', 'regions.name as region_name', 'regions.level as region_level',
      'regions.path as region_path', 'regions.county_id as region_county_id', 'bulletin_versions.title', 'bulletin_versions.cases',
      'bulletin_versions.advice',
      // pg and PGlite would each turn a date into a JS Date at local midnight; the day itself is what is meant.
      sql<string>`to_char(bulletins.bulletin_date, 'YYYY-MM-DD')`.as('bulletin_date'),
    ])
}

type BulletinRow = Awaited<ReturnType<ReturnType<typeof selectBulletins>['executeTakeFirstOrThrow']>>

function toRecord(r: BulletinRow): BulletinRecord {
  return {
    id: r.id,
    countyId: r.county_id,
    region: { id: r.region_id, name: r.region_name, level: r.region_level, path: r.region_path, countyId: r.region_county_id },
    bulletinDate: r.bulletin_date,
    version: r.current_version,
    publishedAt: r.published_at,
    retractedAt: r.retracted_at,
    updatedAt: r.updated_at,
    title: r.title,
    cases: r.cases as BulletinCase[],
    advice: r.advice,
  }
}

const versionValues = (input: BulletinInput) => ({ title: input.title, cases: JSON.stringify(input.cases), advice: input.advice })

export class BulletinRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async findRegion(id: string): Promise<BulletinRegion | null> {
    const row = await this.db.selectFrom('regions').select(['id', 'name', 'level', 'path', 'county_id']).where('id', '=', id).executeTakeFirst()
    return row ? { id: row.id, name: row.name, level: row.level, path: row.path, countyId: row.county_id } : null
  }

  async find(id: string): Promise<BulletinRecord | null> {
    const row = await selectBulletins(this.db).where('bulletins.id', '=', id).executeTakeFirst()
    return row ? toRecord(row) : null
  }

  /** The bulletin and its first version, together. */
  async create(b: NewBulletin): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('bulletins')
        .values({
          county_id: b.countyId, region_id: b.input.regionId, bulletin_date: b.input.bulletinDate, current_version: 1,
          created_by: b.authorId, created_at: b.now, updated_at: b.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx.insertInto('bulletin_versions')
        .values({ bulletin_id: id, version: 1, ...versionValues(b.input), edited_by: b.authorId, edited_at: b.now })
        .execute()
      return id
    })
  }

  /**
   * Stores an edit in one transaction. The bulletin row is updated only if it is still at the version the author
   * saw (and, for a rewrite, still a draft), so of two concurrent edits the second finds nothing to update and
   * false comes back: nothing is written then.
   */
  async saveEdit(e: BulletinEdit): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let claim = trx.updateTable('bulletins')
        .set({ region_id: e.input.regionId, county_id: e.countyId, bulletin_date: e.input.bulletinDate, current_version: e.version, updated_at: e.now })
        .where('id', '=', e.id)
        .where('current_version', '=', e.seenVersion)
        .where('retracted_at', 'is', null)
      if (e.kind === 'rewrite') claim = claim.where('published_at', 'is', null)
      const claimed = await claim.returning('id').executeTakeFirst()
      if (!claimed) return false
      if (e.kind === 'rewrite') {
        await trx.updateTable('bulletin_versions')
          .set({ ...versionValues(e.input), edited_by: e.editorId, edited_at: e.now })
          .where('bulletin_id', '=', e.id).where('version', '=', e.version)
          .execute()
      } else {
        await trx.insertInto('bulletin_versions')
          .values({ bulletin_id: e.id, version: e.version, ...versionValues(e.input), edited_by: e.editorId, edited_at: e.now })
          .execute()
      }
      return true
    })
  }

  /** Sets the publish time unless the bulletin went out or was retracted meanwhile; audited with it. */
  async publish(id: string, publishedAt: Date, actor: Actor): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('bulletins')
        .set({ published_at: publishedAt, updated_at: actor.now })
        .where('id', '=', id)
        .where('retracted_at', 'is', null)
        .where((eb) => eb.or([eb('published_at', 'is', null), eb('published_at', '>', actor.now)]))
        .returning('id')
        .executeTakeFirst()
      if (!done) return false
      await writeAudit(trx, {
        countyId: actor.countyId, actorId: actor.id, action: 'bulletin.publish', targetType: 'bulletin', targetId: id,
        detail: { publishedAt: publishedAt.toISOString() }, at: actor.now,
      })
      return true
    })
  }

  async retract(id: string, reason: string, actor: Actor): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('bulletins')
        .set({ retracted_at: actor.now, retracted_by: actor.id, retract_reason: reason, updated_at: actor.now })
        .where('id', '=', id)
        .where('retracted_at', 'is', null)
        .where('published_at', 'is not', null)
        .returning('id')
        .executeTakeFirst()
      if (!done) return false
      await writeAudit(trx, {
        countyId: actor.countyId, actorId: actor.id, action: 'bulletin.retract', targetType: 'bulletin', targetId: id,
        detail: { reason }, at: actor.now,
      })
      return true
    })
  }

  /** Every bulletin under the paths, drafts included, the latest day first. */
  async listUnder(paths: readonly string[], page: number, pageSize: number): Promise<{ total: number; items: BulletinRecord[] }> {
    const [{ total }, rows] = await Promise.all([
      this.db.selectFrom('bulletins').innerJoin('regions', 'regions.id', 'bulletins.region_id')
        .select(sql<number>`count(*)::int`.as('total'))
        .where(pathUnderAny('regions.path', paths))
        .executeTakeFirstOrThrow(),
      selectBulletins(this.db)
        .where(pathUnderAny('regions.path', paths))
        .orderBy('bulletins.bulletin_date', 'desc').orderBy('bulletins.created_at', 'desc').orderBy('bulletins.id')
        .limit(pageSize).offset((page - 1) * pageSize)
        .execute(),
    ])
    return { total, items: rows.map(toRecord) }
  }

  /** What residents may read at `now`: out, not retracted, the newest first. */
  async listPublished(now: Date, page: number, pageSize: number): Promise<{ total: number; items: BulletinRecord[] }> {
    const [{ total }, rows] = await Promise.all([
      this.db.selectFrom('bulletins')
        .select(sql<number>`count(*)::int`.as('total'))
        .where('published_at', '<=', now).where('retracted_at', 'is', null)
        .executeTakeFirstOrThrow(),
      selectBulletins(this.db)
        .where('bulletins.published_at', '<=', now).where('bulletins.retracted_at', 'is', null)
        .orderBy('bulletins.published_at', 'desc').orderBy('bulletins.id')
        .limit(pageSize).offset((page - 1) * pageSize)
        .execute(),
    ])
    return { total, items: rows.map(toRecord) }
  }

  async versions(id: string): Promise<{ version: number; title: string; editedBy: string; editedAt: Date }[]> {
    const rows = await this.db.selectFrom('bulletin_versions')
      .innerJoin('users', 'users.id', 'bulletin_versions.edited_by')
      .select(['bulletin_versions.version', 'bulletin_versions.title', 'users.display_name', 'bulletin_versions.edited_at'])
      .where('bulletin_versions.bulletin_id', '=', id)
      .orderBy('bulletin_versions.version', 'desc')
      .execute()
    return rows.map((r) => ({ version: r.version, title: r.title, editedBy: r.display_name, editedAt: r.edited_at }))
  }
}
