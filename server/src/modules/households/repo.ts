import type { Expression, Kysely, SqlBool, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { HouseholdFilters } from '#contract/households'
import type { DB } from '../../db/schema'
import { likePrefix, pathUnderAny } from '../../plugins/scope-filter'
import { newHouseholdCode } from './household-code'
import { selectHouseholdRecords, toHouseholdRecord } from './household-records'
import { writeAudit, type AuditEntry } from '../../db/audit-log'

export interface HouseholdRecord {
  id: string
  countyId: string
  code: string
  regionId: string
  regionPath: string
  gridName: string
  address: string
  headName: string
  phoneEnc: string | null
  phoneLast4: string | null
  tags: string[]
  memberCount: number
  labelVersion: number
  firstVisitAt: Date | null
  lastVisitAt: Date | null
  pledgedAt: Date | null
  appInstalled: boolean
  callWarningOn: boolean
  geoLat: number | null
  geoLng: number | null
}

/** The columns a caller may set on a household; the code and the visit-derived columns are the server's. */
export interface HouseholdFields {
  regionId: string
  countyId: string
  address: string
  headName: string
  /** undefined: keep the stored phone (edits only). */
  phone?: { enc: string; last4: string } | null
  tags: string[]
  memberCount: number
  geo: { lat: number; lng: number } | null
}

export interface ListCriteria extends HouseholdFilters {
  q?: string
}

/** Keeps each INSERT well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 1000

/** Households under the paths that meet every given filter; `q` matches code or address literally (no wildcards). */
function matching(paths: readonly string[], c: ListCriteria): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [pathUnderAny('regions.path', paths)]
  if (c.q) {
    const pattern = `%${likePrefix(c.q)}`
    conditions.push(sql<SqlBool>`(households.code ILIKE ${pattern} OR households.address ILIKE ${pattern})`)
  }
  if (c.tag) conditions.push(sql<SqlBool>`${c.tag} = ANY(households.tags)`)
  if (c.visited) conditions.push(c.visited === 'yes' ? sql<SqlBool>`households.first_visit_at IS NOT NULL` : sql<SqlBool>`households.first_visit_at IS NULL`)
  if (c.pledged) conditions.push(c.pledged === 'yes' ? sql<SqlBool>`households.pledged_at IS NOT NULL` : sql<SqlBool>`households.pledged_at IS NULL`)
  return sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`
}

function insertValues(f: HouseholdFields, code: string, now: Date) {
  return {
    county_id: f.countyId, region_id: f.regionId, code, address: f.address, head_name: f.headName,
    phone_enc: f.phone?.enc ?? null, phone_last4: f.phone?.last4 ?? null, tags: f.tags, member_count: f.memberCount,
    geo_lat: f.geo?.lat ?? null, geo_lng: f.geo?.lng ?? null, created_at: now, updated_at: now,
  }
}

export class HouseholdRepo {
  constructor(private readonly db: Kysely<DB>, private readonly newCode: () => string = newHouseholdCode) {}

  async listUnder(paths: readonly string[], criteria: ListCriteria, page: number, pageSize: number): Promise<{ total: number; items: HouseholdRecord[] }> {
    const where = matching(paths, criteria)
    const [{ total }, rows] = await Promise.all([
      this.db
        .selectFrom('households')
        .innerJoin('regions', 'regions.id', 'households.region_id')
        .select(sql<number>`count(*)::int`.as('total'))
        .where(where)
        .executeTakeFirstOrThrow(),
      selectHouseholdRecords(this.db).where(where).orderBy('households.code').limit(pageSize).offset((page - 1) * pageSize).execute(),
    ])
    return { total, items: rows.map(toHouseholdRecord) }
  }

  async find(id: string): Promise<HouseholdRecord | null> {
    const row = await selectHouseholdRecords(this.db).where('households.id', '=', id).executeTakeFirst()
    return row ? toHouseholdRecord(row) : null
  }

  async findRegionPath(id: string): Promise<string | null> {
    return (await this.findRegion(id))?.path ?? null
  }

  async findRegion(id: string): Promise<{ level: string; path: string; countyId: string } | null> {
    const row = await this.db.selectFrom('regions').select(['level', 'path', 'county_id']).where('id', '=', id).executeTakeFirst()
    return row ? { level: row.level, path: row.path, countyId: row.county_id } : null
  }

  async regionsByIds(ids: readonly string[]): Promise<Map<string, { level: string; path: string; countyId: string }>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db.selectFrom('regions').select(['id', 'level', 'path', 'county_id']).where('id', 'in', [...ids]).execute()
    return new Map(rows.map((r) => [r.id, { level: r.level, path: r.path, countyId: r.county_id }]))
  }

  async addressesIn(gridIds: readonly string[]): Promise<{ regionId: string; address: string }[]> {
    if (gridIds.length === 0) return []
    const rows = await this.db.selectFrom('households').select(['region_id', 'address']).where('region_id', 'in', [...gridIds]).execute()
    return rows.map((r) => ({ regionId: r.region_id, address: r.address }))
  }

  /** Inserts the households in one transaction and answers their ids in the order given. */
  async insertMany(households: readonly HouseholdFields[], now: Date, audit?: AuditEntry): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const ids: string[] = []
      for (let i = 0; i < households.length; i += INSERT_CHUNK) {
        ids.push(...(await this.insertChunk(trx, households.slice(i, i + INSERT_CHUNK), now)))
      }
      if (audit) await writeAudit(trx, audit)
      return ids
    })
  }

  /**
   * Codes are random: the rare one already taken is skipped by ON CONFLICT and its household tried again with a
   * fresh code, inside the same transaction.
   */
  private async insertChunk(trx: Transaction<DB>, chunk: readonly HouseholdFields[], now: Date): Promise<string[]> {
    const ids: string[] = new Array(chunk.length)
    let pending = chunk.map((fields, index) => ({ fields, index, code: this.newCode() }))
    while (pending.length > 0) {
      const rows = await trx
        .insertInto('households')
        .values(pending.map((p) => insertValues(p.fields, p.code, now)))
        .onConflict((oc) => oc.column('code').doNothing())
        .returning(['id', 'code'])
        .execute()
      const stored = new Map(rows.map((r) => [r.code, r.id]))
      const retry: typeof pending = []
      for (const p of pending) {
        const id = stored.get(p.code)
        // Two rows of one chunk may draw the same code: only the first of them was stored.
        if (id) stored.delete(p.code)
        if (id) ids[p.index] = id
        else retry.push({ ...p, code: this.newCode() })
      }
      pending = retry
    }
    return ids
  }

  async update(id: string, f: HouseholdFields, now: Date): Promise<void> {
    await this.db
      .updateTable('households')
      .set({
        county_id: f.countyId, region_id: f.regionId, address: f.address, head_name: f.headName, tags: f.tags,
        member_count: f.memberCount, geo_lat: f.geo?.lat ?? null, geo_lng: f.geo?.lng ?? null, updated_at: now,
        ...(f.phone !== undefined && { phone_enc: f.phone?.enc ?? null, phone_last4: f.phone?.last4 ?? null }),
      })
      .where('id', '=', id)
      .execute()
  }

  async audit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.db, entry)
  }
}
