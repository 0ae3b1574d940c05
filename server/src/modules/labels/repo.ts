import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { gridTitle } from '#core/regions'
import type { DB } from '../../db/schema'
import { writeAudit, type AuditEntry } from '../../db/audit-log'

export interface LabelHousehold {
  id: string
  code: string
  regionPath: string
  gridName: string
  labelVersion: number
}

export interface LabelIssue {
  householdIds: readonly string[]
  /** Give every household a new version and revoke the old token, not only those without a label. */
  reissue: boolean
  issuedBy: string
  now: Date
  newToken: () => string
}

function selectLabelHouseholds(db: Kysely<DB>) {
  return db
    .selectFrom('households')
    .innerJoin('regions', 'regions.id', 'households.region_id')
    .leftJoin('regions as village', 'village.id', 'regions.parent_id')
    .select(['households.id', 'households.code', 'regions.path', 'regions.name', 'village.name as village_name', 'households.label_version'])
    .orderBy('households.code')
}

type LabelRow = { id: string; code: string; path: string; name: string; village_name: string | null; label_version: number }
const toLabelHousehold = (r: LabelRow): LabelHousehold => ({
  id: r.id, code: r.code, regionPath: r.path, gridName: gridTitle(r.name, r.village_name), labelVersion: r.label_version,
})

export class LabelRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async householdsInGrid(gridId: string): Promise<LabelHousehold[]> {
    return (await selectLabelHouseholds(this.db).where('households.region_id', '=', gridId).execute()).map(toLabelHousehold)
  }

  async householdsByIds(ids: readonly string[]): Promise<LabelHousehold[]> {
    if (ids.length === 0) return []
    return (await selectLabelHouseholds(this.db).where('households.id', 'in', [...ids]).execute()).map(toLabelHousehold)
  }

  /**
   * Issues labels in one transaction and audits it. Bumping label_version first locks each household's row, so
   * two concurrent issues never hand out the same version, and a household that got its first label meanwhile
   * is skipped by the `label_version = 0` condition.
   */
  async issue(req: LabelIssue, audit: Omit<AuditEntry, 'detail'>): Promise<{ issued: number; revoked: number }> {
    if (req.householdIds.length === 0) return { issued: 0, revoked: 0 }
    return this.db.transaction().execute(async (trx) => {
      let bump = trx
        .updateTable('households')
        .set({ label_version: sql`label_version + 1` })
        .where('id', 'in', [...req.householdIds])
      if (!req.reissue) bump = bump.where('label_version', '=', 0)
      const bumped = await bump.returning(['id', 'label_version', 'county_id']).execute()
      if (bumped.length === 0) return { issued: 0, revoked: 0 }
      const ids = bumped.map((b) => b.id)
      const revoked = await trx
        .updateTable('door_labels')
        .set({ revoked_at: req.now })
        .where('household_id', 'in', ids)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      await trx
        .insertInto('door_labels')
        .values(bumped.map((b) => ({
          token: req.newToken(), household_id: b.id, county_id: b.county_id, version: b.label_version, issued_by: req.issuedBy, issued_at: req.now,
        })))
        .execute()
      const result = { issued: bumped.length, revoked: Number(revoked.numUpdatedRows) }
      await writeAudit(trx, { ...audit, detail: { householdIds: ids, reissue: req.reissue, ...result } })
      return result
    })
  }

  /** The token printed on each household's current label. */
  async currentTokens(householdIds: readonly string[]): Promise<Map<string, string>> {
    if (householdIds.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('door_labels')
      .innerJoin('households', (j) => j.onRef('households.id', '=', 'door_labels.household_id').onRef('households.label_version', '=', 'door_labels.version'))
      .select(['door_labels.household_id', 'door_labels.token'])
      .where('door_labels.household_id', 'in', [...householdIds])
      .where('door_labels.revoked_at', 'is', null)
      .execute()
    return new Map(rows.map((r) => [r.household_id, r.token]))
  }

  async findByToken(token: string): Promise<{ householdId: string; revokedAt: Date | null } | null> {
    const row = await this.db.selectFrom('door_labels').select(['household_id', 'revoked_at']).where('token', '=', token).executeTakeFirst()
    return row ? { householdId: row.household_id, revokedAt: row.revoked_at } : null
  }
}
