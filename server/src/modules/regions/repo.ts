import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { RegionLevel } from '#core/regions'
import type { DB } from '../../db/schema'
import { pathUnderAny } from '../../plugins/scope-filter'
import type { KnownRegion, PlannedRegion } from './import-rows'
import { writeAudit, type AuditEntry } from '../../db/audit-log'
import { regionPathOf } from '../../db/region-path'

/** Keeps each INSERT well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 500

export type ImportAudit = Omit<AuditEntry, 'action' | 'targetType' | 'targetId'>

export class RegionRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findPath(id: string): Promise<string | null> {
    return regionPathOf(this.db, id)
  }

  async regionsUnder(paths: readonly string[]) {
    return this.db
      .selectFrom('regions')
      .select(['id', 'parent_id', 'level', 'name', 'path'])
      .where(pathUnderAny('regions.path', paths))
      .orderBy('path')
      .execute()
  }

  /** Households per region (their grid), for the regions under the paths. */
  async householdCountsUnder(paths: readonly string[]): Promise<{ path: string; n: number }[]> {
    return this.db
      .selectFrom('households')
      .innerJoin('regions', 'regions.id', 'households.region_id')
      .select(['regions.path', sql<number>`count(*)::int`.as('n')])
      .where(pathUnderAny('regions.path', paths))
      .groupBy('regions.path')
      .execute()
  }

  async knownRegions(ids: readonly string[]): Promise<Map<string, KnownRegion>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('regions')
      .select(['id', 'parent_id', 'level', 'name', 'path'])
      .where('id', 'in', [...ids])
      .execute()
    return new Map(rows.map((r) => [r.id, { id: r.id, parentId: r.parent_id, level: r.level as RegionLevel, name: r.name, path: r.path }]))
  }

  /**
   * Creates the new regions and renames the existing ones in one transaction, parents before children.
   * Concurrent imports of the same codes meet in ON CONFLICT: one creates, the others find the row there.
   */
  async applyImport(regions: readonly PlannedRegion[], audit: ImportAudit): Promise<{ created: number; updated: number }> {
    return this.db.transaction().execute(async (trx) => {
      let created = 0
      let updated = 0
      for (let i = 0; i < regions.length; i += INSERT_CHUNK) {
        const chunk = regions.slice(i, i + INSERT_CHUNK)
        const rows = await trx
          .insertInto('regions')
          .values(chunk.map((r) => ({ id: r.id, parent_id: r.parentId, level: r.level, name: r.name, path: r.path, county_id: r.countyId })))
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })).whereRef('regions.name', '<>', 'excluded.name'))
          .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
          .execute()
        for (const r of rows) {
          if (r.inserted) created++
          else updated++
        }
      }
      await writeAudit(trx, { ...audit, action: 'region.import', targetType: 'region', targetId: null, detail: { ...audit.detail, created, updated } })
      return { created, updated }
    })
  }
}
