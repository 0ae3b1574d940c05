import type { Kysely } from 'kysely'
import type { DB, RegionRow } from '../../db/schema'
import type { HouseholdRecord } from '../households/repo'
import { selectHouseholdRecords, toHouseholdRecord } from '../households/household-records'

export class PatrolRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findRegion(id: string): Promise<Pick<RegionRow, 'id' | 'level' | 'path'> | undefined> {
    return this.db.selectFrom('regions').select(['id', 'level', 'path']).where('id', '=', id).executeTakeFirst()
  }

  /** Every household of the grid: a grid holds a few hundred at most, and the plan weighs them all. */
  async householdsOfGrid(gridId: string): Promise<HouseholdRecord[]> {
    const rows = await selectHouseholdRecords(this.db).where('households.region_id', '=', gridId).execute()
    return rows.map(toHouseholdRecord)
  }
}
