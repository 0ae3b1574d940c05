import type { MeRole } from './api-types'
import type { InvitationStatus, MembershipEvent, StaffRole } from './membership'
import type { Role } from './roles'

/** GET /api/places: the towns and villages a resident picks from; region names are public. */
export interface PlaceVillage {
  id: string
  name: string
}

export interface PlaceTown {
  id: string
  name: string
  countyName: string
  villages: PlaceVillage[]
}

/** Where a resident said they live: a village, and the household when they bound from its door label. */
export interface Residence {
  villageId: string
  villageName: string
  townName: string
  /** The door label's household code (e.g. BL-0012), when bound by 「我住这里」. */
  householdCode: string | null
  boundAt: string
}

/** PUT /api/me/residence: a village from the picker, or the door label the resident is standing at. */
export type ResidenceInput = { villageId: string } | { doorToken: string }

/** GET /api/me/data: everything stored about the signed-in person, as the privacy policy promises to show. */
export interface MyData {
  displayName: string
  createdAt: string
  roles: MeRole[]
  residence: Residence | null
  quizAttempts: number
  prizeClaims: number
}

export interface InvitationInput {
  role: StaffRole
  regionId: string
  maxUses: number
  expiresInHours: number
}

export interface Invitation {
  code: string
  /** PUBLIC_BASE_URL/join/<code>: what the QR code holds. */
  url: string
  qrSvg: string
  role: StaffRole
  regionId: string
  /** e.g. 东胜村第1网格, 柏林镇 东胜村 */
  regionName: string
  maxUses: number
  usedCount: number
  expiresAt: string
  createdAt: string
  inviterName: string
  status: InvitationStatus
}

/** GET /api/invitations/:code: what the invited person sees before 「接受」. */
export interface InvitationPreview {
  code: string
  role: StaffRole
  regionName: string
  inviterName: string
  expiresAt: string
  status: InvitationStatus
  /** The person already holds this role there: accepting would change nothing. */
  alreadyHeld: boolean
}

export interface ManagedUser {
  id: string
  displayName: string
  active: boolean
  /** Only the roles inside the caller's scope. */
  roles: MeRole[]
}

export interface UserHistoryEntry {
  at: string
  action: MembershipEvent
  /** e.g. 授予角色 网格员/民警 · 东胜村 第1网格 */
  text: string
  actorName: string | null
}

export interface ManagedUserDetail extends ManagedUser {
  createdAt: string
  history: UserHistoryEntry[]
}

export interface UserQuery {
  q?: string
  role?: Role
  regionId?: string
  status?: 'active' | 'inactive'
  page: number
  pageSize: number
}

export interface RoleRef {
  role: Role
  regionId: string
}

export interface RoleMove {
  role: Role
  fromRegionId: string
  toRegionId: string
}
