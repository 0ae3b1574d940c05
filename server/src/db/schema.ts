import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** Kysely's view of the tables in migrations/*.sql. Keep in step with them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface SchemaMigrationsTable {
  version: string
  applied_at: Generated<Date>
}

export interface RegionsTable {
  id: string
  parent_id: string | null
  level: 'county' | 'town' | 'village' | 'grid'
  name: string
  path: string
  county_id: string
  created_at: Generated<Date>
}

export interface UsersTable {
  id: Generated<string>
  openid: string | null
  display_name: string
  demo_persona: string | null
  created_at: Generated<Date>
}

export interface RoleAssignmentsTable {
  user_id: string
  role: 'admin' | 'cadre' | 'grid_worker' | 'dissuader' | 'resident'
  region_id: string
  created_at: Generated<Date>
}

export interface SessionsTable {
  token_hash: string
  user_id: string
  session_key_enc: string | null
  created_at: Generated<Date>
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

export interface HouseholdsTable {
  id: Generated<string>
  county_id: string
  region_id: string
  code: string
  address: string
  head_name: string
  phone_enc: string | null
  phone_last4: string | null
  tags: ColumnType<string[], string[] | undefined, string[]>
  member_count: ColumnType<number, number | undefined, number>
  created_at: Generated<Date>
}

export interface AuditLogTable {
  id: Generated<string>
  county_id: string | null
  actor_id: string | null
  action: string
  target_type: string
  target_id: string | null
  detail: ColumnType<unknown, string | undefined, string>
  created_at: Generated<Date>
}

export interface DB {
  schema_migrations: SchemaMigrationsTable
  regions: RegionsTable
  users: UsersTable
  role_assignments: RoleAssignmentsTable
  sessions: SessionsTable
  households: HouseholdsTable
  audit_log: AuditLogTable
}

export type RegionRow = Selectable<RegionsTable>
export type NewRegion = Insertable<RegionsTable>
export type HouseholdRow = Selectable<HouseholdsTable>
