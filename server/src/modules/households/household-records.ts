import type { Kysely } from 'kysely'
import { gridTitle } from '#core/regions'
import type { DB } from '../../db/schema'
import type { HouseholdRecord } from './repo'

/** Households with their grid, shaped for HouseholdView so that patrol and gap lists mask them like everywhere else. */
export function selectHouseholdRecords(db: Kysely<DB>) {
  return db
    .selectFrom('households')
    .innerJoin('regions', 'regions.id', 'households.region_id')
    .leftJoin('regions as village', 'village.id', 'regions.parent_id')
    .select([
      'households.id', 'households.county_id', 'households.code', 'households.region_id', 'regions.path', 'regions.name',
      'village.name as village_name',
      'households.address', 'households.head_name', 'households.phone_enc', 'households.phone_last4',
      'households.tags', 'households.member_count', 'households.label_version', 'households.first_visit_at',
      'households.last_visit_at', 'households.pledged_at', 'households.app_installed', 'households.call_warning_on',
      'households.geo_lat', 'households.geo_lng',
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof selectHouseholdRecords>['executeTakeFirstOrThrow']>>

export function toHouseholdRecord(r: Row): HouseholdRecord {
  return {
    id: r.id, countyId: r.county_id, code: r.code, regionId: r.region_id, regionPath: r.path, gridName: gridTitle(r.name, r.village_name),
    address: r.address, headName: r.head_name, phoneEnc: r.phone_enc, phoneLast4: r.phone_last4, tags: r.tags,
    memberCount: r.member_count, labelVersion: r.label_version, firstVisitAt: r.first_visit_at, lastVisitAt: r.last_visit_at,
    pledgedAt: r.pledged_at, appInstalled: r.app_installed, callWarningOn: r.call_warning_on, geoLat: r.geo_lat, geoLng: r.geo_lng,
  }
}
