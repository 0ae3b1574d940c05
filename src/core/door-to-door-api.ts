import type { HouseholdSummary } from './api-types'
import type { VisitTask } from './warning-api'

/**
 * API shapes of the door-to-door capability (issue 4), shared by app and server. Server TypeBox schemas
 * mirror these. Times are ISO 8601 strings.
 */

export const HOUSEHOLD_TAGS = ['一老一小', '独居老人', '新市民', '留守儿童', '残疾人家庭'] as const
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number]
/** Tags that make a household a priority for patrols and a separate line in coverage. */
export const VULNERABLE_TAGS: readonly HouseholdTag[] = ['一老一小', '独居老人']

export interface LatLng {
  lat: number
  lng: number
}

export interface HouseholdDetail extends HouseholdSummary {
  labelVersion: number
  firstVisitAt: string | null
  lastVisitAt: string | null
  pledgedAt: string | null
  appInstalled: boolean
  callWarningOn: boolean
  geo: LatLng | null
}

/** Add or edit. `phone` is write-only: it is stored encrypted and only ever read back masked. */
export interface HouseholdInput {
  regionId: string
  address: string
  headName: string
  phone?: string | null
  tags: HouseholdTag[]
  memberCount: number
  geo?: LatLng | null
}

/** GET /api/households filters, beside regionId, q, page, pageSize. */
export interface HouseholdFilters {
  tag?: HouseholdTag
  visited?: 'yes' | 'no'
  pledged?: 'yes' | 'no'
}

/** GET /api/doors/:token — what a scanned door label opens. */
export type DoorView =
  | { kind: 'household'; household: HouseholdDetail }
  | { kind: 'public'; advice: DoorAdvice }

export interface DoorAdvice {
  station: string
  hotline: string
  tips: string[]
  /** The village this door is in (a public name, nothing about who lives here), for 「我住这里」. */
  village?: { id: string; name: string } | null
}

export interface PledgeTemplate {
  version: number
  title: string
  body: string
  sha256: string
}

export interface PledgeInput {
  id: string
  householdId: string
  templateVersion: number
  templateSha256: string
  /** 'head': the server takes the name from the household record and ignores `signerName`. */
  signer?: 'head' | 'member'
  /** Typed at the door for another member; not sent for the head. */
  signerName?: string
  signerRelation: string
  /** Compact vector encoding of the signature (see src/core/strokes.ts). */
  strokes: string
  signedAt: string
  geo?: LatLng | null
}

export interface ChainProblem {
  seq: number
  pledgeId: string | null
  kind: 'altered' | 'missing' | 'broken_link'
  message: string
}

export interface ChainVerification {
  villageId: string
  checked: number
  ok: boolean
  problems: ChainProblem[]
}

export interface PatrolSuggestion {
  household: HouseholdSummary
  lastVisitAt: string | null
  /** Why it is suggested, e.g. 从未走访 / 独居老人 / 距上次走访 45 天 */
  reason: string
}

/** GET /api/patrol/today: door-visit tasks first (oldest first), then the suggested doors. */
export interface PatrolPlan {
  items: PatrolSuggestion[]
  /** Open tasks of the grid and of the village or town above it. */
  tasks: VisitTask[]
}

export interface CoverageRow {
  regionId: string
  name: string
  level: 'county' | 'town' | 'village' | 'grid'
  households: number
  visited: number
  visited90d: number
  pledged: number
  appInstalled: number
  callWarningOn: number
  vulnerable: number
  vulnerableVisited: number
}

export interface CoverageReport {
  region: CoverageRow
  children: CoverageRow[]
}

/** One of a worker's grids this quarter: households reached since the quarter began, against all of the grid's. */
export interface GridProgress {
  gridId: string
  /** With its village: "东胜村第1网格". */
  gridName: string
  households: number
  visited: number
  pledged: number
  vulnerable: number
  vulnerableVisited: number
}

/** GET /api/coverage/my-grids: the signed-in grid worker's grids this quarter (China time). */
export interface WorkerProgress {
  quarter: { from: string; to: string; label: string }
  grids: GridProgress[]
}

export interface DoorLabel {
  householdId: string
  householdCode: string
  gridName: string
  url: string
  /** SVG markup of the QR code for `url`. */
  qrSvg: string
}

export interface LabelSheet {
  station: string
  hotline: string
  slogan: string
  labels: DoorLabel[]
}

/** GET /api/pledges?householdId=: one pledge a household signed, the signer's name masked. */
export interface PledgeSummary {
  id: string
  householdId: string
  signerName: string
  signerRelation: string
  signedAt: string
  templateVersion: number
  workerName: string
  /** Its number in the village's pledge chain. */
  seq: number
}
