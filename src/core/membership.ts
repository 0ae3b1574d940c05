import { isWithin, type RegionLevel } from './regions'
import { canActOn } from './scope'
import { ROLE_LABELS, type Role, type RoleAssignment } from './roles'

/**
 * How people get and lose their roles: residents bind themselves to one village; staff join through an
 * invitation from someone whose scope covers the region and whose role is at least as high; admins manage the
 * roles in their scope. The server enforces these rules and the app uses them to decide what to offer.
 */

export type StaffRole = Exclude<Role, 'resident'>
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'cadre', 'grid_worker', 'dissuader']

/** The level of region each role is bound to: a cadre runs a village, a grid worker one grid. */
export const ROLE_REGION_LEVELS: Record<Role, readonly RegionLevel[]> = {
  admin: ['county', 'town'],
  cadre: ['village'],
  grid_worker: ['grid'],
  dissuader: ['town', 'village'],
  resident: ['village'],
}

/** What each inviting role (those allowed `user.invite`) may invite: an admin any staff role under their region, a cadre grid workers of their village. */
const INVITES: Record<Role, readonly StaffRole[]> = {
  admin: STAFF_ROLES,
  cadre: ['grid_worker'],
  grid_worker: [],
  dissuader: [],
  resident: [],
}

export interface RegionRef {
  path: string
  level: RegionLevel
}

export function roleFitsRegion(role: Role, level: RegionLevel): boolean {
  return ROLE_REGION_LEVELS[role].includes(level)
}

/** The roles this person may invite anywhere; empty for those who may invite nobody. */
export function invitableRoles(roles: readonly RoleAssignment[]): StaffRole[] {
  return STAFF_ROLES.filter((role) => roles.some((r) => INVITES[r.role].includes(role)))
}

export function canInvite(roles: readonly RoleAssignment[], role: Role, region: RegionRef): boolean {
  if (role === 'resident' || !roleFitsRegion(role, region.level)) return false
  return roles.some((r) => INVITES[r.role].includes(role as StaffRole) && isWithin(region.path, r.regionPath))
}

/** An admin manages roles whose region lies under their own (`user.manage`); nobody manages their own account. */
export function canManageRole(managerRoles: readonly RoleAssignment[], rolePath: string): boolean {
  return canActOn(managerRoles, 'user.manage', rolePath)
}

/**
 * Deactivating ends a person's every role at once, so the manager must cover all of them: a town's admin
 * cannot switch off someone who also works for the next town.
 */
export function canDeactivate(managerRoles: readonly RoleAssignment[], targetRoles: readonly { regionPath: string }[]): boolean {
  return targetRoles.length > 0 && targetRoles.every((r) => canManageRole(managerRoles, r.regionPath))
}

export type InvitationStatus = 'open' | 'expired' | 'used_up' | 'revoked'

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  open: '可使用',
  expired: '已过期',
  used_up: '已用完',
  revoked: '已作废',
}

export interface InvitationState {
  maxUses: number
  usedCount: number
  expiresAt: Date
  revokedAt: Date | null
}

export function invitationStatus(inv: InvitationState, now: Date): InvitationStatus {
  if (inv.revokedAt) return 'revoked'
  if (inv.expiresAt.getTime() <= now.getTime()) return 'expired'
  if (inv.usedCount >= inv.maxUses) return 'used_up'
  return 'open'
}

export const INVITATION_LIMITS = {
  maxUses: 200,
  /** 30 days: a code on a poster in the station should not work for ever. */
  maxHours: 720,
  defaultHours: 72,
} as const

/** Without 0/O, 1/I/L: a code read aloud or copied by hand from a phone screen survives. */
export const INVITATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITATION_CODE_LENGTH = 8

/** What a person typed, as the code it means: case, spaces and dashes do not matter. */
export function normalizeInvitationCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '')
}

export function looksLikeInvitationCode(code: string): boolean {
  return code.length === INVITATION_CODE_LENGTH && [...code].every((c) => INVITATION_CODE_ALPHABET.includes(c))
}

/** "ABCD-EFGH": easier to read out than eight letters in a row. */
export function formatInvitationCode(code: string): string {
  return code.length === INVITATION_CODE_LENGTH ? `${code.slice(0, 4)}-${code.slice(4)}` : code
}

/** The entries of a user's history: audit actions in words a station's staff reads. */
export const MEMBERSHIP_EVENT_LABELS = {
  'role.grant': '授予角色',
  'role.remove': '移除角色',
  'role.move': '调整辖区',
  'user.deactivate': '停用账号',
  'user.reactivate': '恢复账号',
  'residence.bind': '登记居住地',
  'residence.move': '变更居住地',
  'residence.leave': '注销居民身份',
  'invitation.create': '创建邀请',
  'invitation.revoke': '作废邀请',
} as const
export type MembershipEvent = keyof typeof MEMBERSHIP_EVENT_LABELS

/** What an audit entry of a user's membership keeps, in names: regions may be renamed or removed later. */
export interface MembershipDetail {
  role?: Role
  regionName?: string
  fromRegionName?: string
  viaInvitation?: boolean
}

/** One line of a user's history, e.g. 授予角色 网格员/民警 · 东胜村 第1网格（通过邀请）. */
export function describeMembershipEvent(action: MembershipEvent, detail: MembershipDetail): string {
  const label = MEMBERSHIP_EVENT_LABELS[action]
  const role = detail.role ? ROLE_LABELS[detail.role] : null
  const where = detail.fromRegionName && detail.regionName ? `${detail.fromRegionName} → ${detail.regionName}` : detail.regionName
  const parts = [role, where].filter(Boolean).join(' · ')
  return `${label}${parts ? ` ${parts}` : ''}${detail.viaInvitation ? '（通过邀请）' : ''}`
}

export function isMembershipEvent(action: string): action is MembershipEvent {
  return action in MEMBERSHIP_EVENT_LABELS
}
