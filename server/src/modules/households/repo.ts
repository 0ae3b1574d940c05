import type { Expression, Kysely, SqlBool } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import { likePrefix, pathUnderAny } from '../../plugins/scope-filter'

export interface HouseholdRecord {
  id: string
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
}

function selectHouseholds(db: Kysely<DB>) {
  return db
    .selectFrom('households')
    .innerJoin('regions', 'regions.id', 'households.region_id')
    .select([
      'households.id', 'households.code', 'households.region_id', 'regions.path', 'regions.name',
      'households.address', 'households.head_name', 'households.phone_enc', 'households.phone_last4',
      'households.tags', 'households.member_count',
    ])
}

type HouseholdRow = Awaited<ReturnType<ReturnType<typeof selectHouseholds>['executeTakeFirstOrThrow']>>

function toRecord(r: HouseholdRow): HouseholdRecord {
  return {
    id: r.id, code: r.code, regionId: r.region_id, regionPath: r.path, gridName: r.name, address: r.address,
    headName: r.head_name, phoneEnc: r.phone_enc, phoneLast4: r.phone_last4, tags: r.tags, memberCount: r.member_count,
  }
}

/** Households under the paths whose code or address contains `q` literally (its `%` and `_` are not wildcards). */
function matching(paths: readonly string[], q: string | undefined): Expression<SqlBool> {
  const inScope = pathUnderAny('regions.path', paths)
  if (!q) return inScope
  const pattern = `%${likePrefix(q)}`
  return sql<SqlBool>`(${inScope} AND (households.code ILIKE ${pattern} OR households.address ILIKE ${pattern}))`
}

export class HouseholdRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async listUnder(paths: readonly string[], q: string | undefined, page: number, pageSize: number): Promise<{ total: number; items: HouseholdRecord[] }> {
    const where = matching(paths, q)
    const [{ total }, rows] = await Promise.all([
      this.db
        .selectFrom('households')
        .innerJoin('regions', 'regions.id', 'households.region_id')
        .select(sql<number>`count(*)::int`.as('total'))
        .where(where)
        .executeTakeFirstOrThrow(),
      selectHouseholds(this.db).where(where).orderBy('households.code').limit(pageSize).offset((page - 1) * pageSize).execute(),
    ])
    return { total, items: rows.map(toRecord) }
  }

  async find(id: string): Promise<HouseholdRecord | null> {
    const row = await selectHouseholds(this.db).where('households.id', '=', id).executeTakeFirst()
    return row ? toRecord(row) : null
  }

  async findRegionPath(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirst()
    return row?.path ?? null
  }
}
