import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { ChecklistColumns } from './checklist-columns'

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
  deactivated_at: ColumnType<Date | null, Date | null | undefined, Date | null>
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
  geo_lat: number | null
  geo_lng: number | null
  label_version: Generated<number>
  first_visit_at: Timestamp | null
  last_visit_at: Timestamp | null
  pledged_at: Timestamp | null
  app_installed: Generated<boolean>
  call_warning_on: Generated<boolean>
  updated_at: Generated<Date>
}

export interface DoorLabelsTable {
  token: string
  household_id: string
  county_id: string
  version: number
  issued_by: string | null
  issued_at: Generated<Date>
  revoked_at: Timestamp | null
}

/** The checklist's answers are one column per item (briefed, app_installed, call_warning_on, …). */
export interface VisitsTable extends ChecklistColumns {
  id: string
  county_id: string
  household_id: string
  grid_id: string
  worker_id: string
  visited_at: Timestamp
  received_at: Generated<Date>
  note: Generated<string>
  geo_lat: number | null
  geo_lng: number | null
}

export interface PledgeTemplatesTable {
  version: number
  title: string
  body: string
  sha256: string
  created_at: Generated<Date>
}

export interface PledgesTable {
  id: string
  county_id: string
  village_id: string
  household_id: string
  template_version: number
  template_sha256: string
  signer_name: string
  signer_relation: string
  strokes: string
  worker_id: string
  signed_at: Timestamp
  received_at: Generated<Date>
  geo_lat: number | null
  geo_lng: number | null
  chain_seq: number
  prev_hash: string
  record_hash: string
}

export interface PledgeChainHeadsTable {
  village_id: string
  last_seq: number
  last_hash: string
}

/** Maintained by the households_coverage trigger; never written by application code. */
export interface GridCoverageTable {
  grid_id: string
  county_id: string
  households: number
  visited: number
  pledged: number
  app_installed: number
  call_warning_on: number
  vulnerable: number
  vulnerable_visited: number
}

/** Households per county by the Beijing day of their last visit; kept by a trigger (migration 015), never written by application code. */
export interface CountyLastVisitDaysTable {
  county_id: string
  /** YYYY-MM-DD in Asia/Shanghai. */
  day: string
  households: number
}

/** Maintained by the opens_counted trigger; never written by application code. */
export interface BulletinReadersTable {
  bulletin_id: string
  reader_key: string
}

/** Maintained by the opens_counted trigger; never written by application code. */
export interface BulletinReachTotalsTable {
  bulletin_id: string
  opens: number
  readers: number
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

export interface BulletinsTable {
  id: Generated<string>
  county_id: string
  region_id: string
  bulletin_date: ColumnType<string, string, string>
  current_version: Generated<number>
  published_at: Timestamp | null
  retracted_at: Timestamp | null
  retracted_by: string | null
  retract_reason: string | null
  created_by: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface BulletinVersionsTable {
  bulletin_id: string
  version: number
  title: string
  /** BulletinCase[]; written as JSON text. */
  cases: ColumnType<unknown, string, string>
  advice: string
  edited_by: string
  edited_at: Generated<Date>
}

export interface WechatGroupsTable {
  id: Generated<string>
  county_id: string
  opengid: string
  name: string | null
  tier: 1 | 2 | null
  region_id: string | null
  owner_id: string | null
  first_seen_at: Generated<Date>
  labelled_at: Timestamp | null
}

export interface SharesTable {
  id: string
  bulletin_id: string
  county_id: string
  parent_id: string | null
  tier: number
  sharer_id: string | null
  reader_key: string | null
  group_id: string | null
  created_at: Generated<Date>
}

export interface OpensTable {
  id: Generated<string>
  bulletin_id: string
  county_id: string
  share_id: string | null
  group_id: string | null
  reader_key: string
  scene: number | null
  opened_at: Timestamp
}

export interface SubscriptionsTable {
  user_id: string
  template_key: string
  remaining: Generated<number>
  updated_at: Generated<Date>
}

export interface OutboxTable {
  id: Generated<string>
  county_id: string
  kind: string
  dedupe_key: string
  user_id: string
  template_key: string
  payload: ColumnType<unknown, string, string>
  status: Generated<'pending' | 'sent' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  last_errcode: number | null
  last_error: string | null
  created_at: Generated<Date>
  sent_at: Timestamp | null
}

export interface FraudTypeArticlesTable {
  fraud_type: string
  summary: string
  signs: ColumnType<string[], string, string>
  scripts: ColumnType<string[], string, string>
  advice: ColumnType<string[], string, string>
  updated_by: string | null
  updated_at: Generated<Date>
}

export interface QuizQuestionsTable {
  id: Generated<string>
  kind: 'single' | 'multiple' | 'true_false'
  stem: string
  options: ColumnType<string[], string, string>
  answer: ColumnType<number[], string, string>
  explanation: string
  fraud_type: string
  difficulty: number
  active: Generated<boolean>
  updated_by: string | null
  updated_at: Generated<Date>
}

export interface QuizAttemptsTable {
  id: Generated<string>
  county_id: string
  /** Null once the resident left: the attempt stays as an anonymous count. */
  user_id: ColumnType<string, string, string | null>
  village_id: string | null
  quiz_date: ColumnType<string, string, string>
  question_ids: string[]
  token_hash: string
  started_at: Timestamp
  submitted_at: Timestamp | null
  answers: ColumnType<unknown, string | null, string | null>
  correct: number | null
  score: number | null
  flagged: Generated<boolean>
  flag_reasons: Generated<string[]>
  care_mode: Generated<boolean>
}

export interface PrizesTable {
  id: Generated<string>
  county_id: string
  region_id: string
  name: string
  description: Generated<string>
  stock: number
  granted: Generated<number>
  per_user_limit: Generated<number>
  min_score: number | null
  min_streak: number | null
  valid_from: Timestamp
  valid_to: Timestamp
  pickup_place: string
  created_by: string
  created_at: Generated<Date>
}

export interface PrizeClaimsTable {
  id: Generated<string>
  prize_id: string
  county_id: string
  /** Null once the resident left: the claim stays as an anonymous count. */
  user_id: ColumnType<string, string, string | null>
  code: string
  claimed_at: Generated<Date>
  redeemed_at: Timestamp | null
  redeemed_by: string | null
}

/** numeric(14, 2) comes back as a string from both engines; written as a number. */
type Money = ColumnType<string | null, number | string | null | undefined, number | string | null>

export interface WarningsTable {
  id: Generated<string>
  county_id: string
  region_id: string
  household_id: string | null
  resident_name: string
  phone_enc: string
  phone_last4: string
  address: Generated<string>
  fraud_type: string
  risk_level: 'high' | 'medium' | 'low'
  source: string
  amount_at_risk: Money
  received_at: Timestamp
  contact_due_at: Timestamp
  assignee_id: string | null
  state: Generated<'pending' | 'contacted' | 'dissuaded' | 'defrauded' | 'unreachable' | 'false_alarm'>
  first_contact_at: Timestamp | null
  closed_at: Timestamp | null
  loss_amount: Money
  escalated_at: Timestamp | null
  version: Generated<number>
  created_by: string
  created_at: Generated<Date>
}

export interface WarningEventsTable {
  id: Generated<string>
  warning_id: string
  kind: string
  from_state: string | null
  to_state: string | null
  actor_id: string | null
  note: Generated<string>
  loss_amount: Money
  at: Timestamp
}

export interface VisitTasksTable {
  id: Generated<string>
  county_id: string
  region_id: string
  household_id: string | null
  warning_id: string | null
  reason: string
  address: Generated<string>
  created_at: Timestamp
  done_at: Timestamp | null
  done_by: string | null
  done_note: Generated<string>
}

export interface ActivitiesTable {
  id: Generated<string>
  county_id: string
  region_id: string
  kind: string
  title: string
  place: string
  held_at: Timestamp
  organiser: string
  attendance: number
  target_groups: Generated<string[]>
  materials: Generated<number>
  summary: Generated<string>
  created_by: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ActivityPhotosTable {
  id: Generated<string>
  activity_id: string
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  photo: Buffer
  thumbnail: Buffer
  created_at: Generated<Date>
}

export interface ResidencesTable {
  user_id: string
  village_id: string
  household_id: string | null
  bound_at: Date
}

export interface InvitationsTable {
  id: Generated<string>
  code: string
  county_id: string
  role: 'admin' | 'cadre' | 'grid_worker' | 'dissuader'
  region_id: string
  created_by: string | null
  max_uses: number
  used_count: Generated<number>
  expires_at: Date
  revoked_at: Date | null
  created_at: Date
}

export interface InvitationAcceptancesTable {
  invitation_id: string
  user_id: string
  accepted_at: Date
}

export interface DB {
  schema_migrations: SchemaMigrationsTable
  regions: RegionsTable
  users: UsersTable
  role_assignments: RoleAssignmentsTable
  sessions: SessionsTable
  households: HouseholdsTable
  audit_log: AuditLogTable
  door_labels: DoorLabelsTable
  visits: VisitsTable
  pledge_templates: PledgeTemplatesTable
  pledges: PledgesTable
  pledge_chain_heads: PledgeChainHeadsTable
  grid_coverage: GridCoverageTable
  county_last_visit_days: CountyLastVisitDaysTable
  bulletins: BulletinsTable
  bulletin_versions: BulletinVersionsTable
  wechat_groups: WechatGroupsTable
  shares: SharesTable
  opens: OpensTable
  bulletin_readers: BulletinReadersTable
  bulletin_reach_totals: BulletinReachTotalsTable
  subscriptions: SubscriptionsTable
  outbox: OutboxTable
  fraud_type_articles: FraudTypeArticlesTable
  quiz_questions: QuizQuestionsTable
  quiz_attempts: QuizAttemptsTable
  prizes: PrizesTable
  prize_claims: PrizeClaimsTable
  warnings: WarningsTable
  warning_events: WarningEventsTable
  visit_tasks: VisitTasksTable
  activities: ActivitiesTable
  activity_photos: ActivityPhotosTable
  residences: ResidencesTable
  invitations: InvitationsTable
  invitation_acceptances: InvitationAcceptancesTable
}

export type RegionRow = Selectable<RegionsTable>
export type NewRegion = Insertable<RegionsTable>
export type HouseholdRow = Selectable<HouseholdsTable>
