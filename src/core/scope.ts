import { isWithin } from './regions'
import type { Role, RoleAssignment } from './roles'

/** Everything a route may ask permission for. Later capabilities add their actions here. */
export const ACTIONS = [
  'region.read',
  'region.import',
  'user.read',
  'user.manage',
  'user.invite',
  'household.read',
  'household.write',
  'visit.write',
  'coverage.read',
  'pledge.read',
  'pledge.write',
  'pledge.verify',
  'household.reveal_phone',
  'label.issue',
  'bulletin.write',
  'bulletin.reach',
  'group.label',
  'knowledge.write',
  'quiz.manage',
  'prize.manage',
  'prize.redeem',
  'warning.manage',
  'warning.handle',
  'activity.read',
  'activity.write',
  'report.read',
] as const
export type Action = (typeof ACTIONS)[number]

const ALLOWED: Record<Role, readonly Action[]> = {
  admin: ['region.read', 'region.import', 'user.read', 'user.manage', 'user.invite', 'household.read', 'household.write', 'visit.write', 'coverage.read', 'pledge.read', 'pledge.write', 'pledge.verify', 'household.reveal_phone', 'label.issue', 'bulletin.write', 'bulletin.reach', 'group.label', 'knowledge.write', 'quiz.manage', 'prize.manage', 'prize.redeem', 'warning.manage', 'warning.handle', 'activity.read', 'activity.write', 'report.read'],
  cadre: ['region.read', 'user.read', 'user.invite', 'household.read', 'household.write', 'visit.write', 'coverage.read', 'pledge.read', 'pledge.write', 'pledge.verify', 'label.issue', 'bulletin.reach', 'group.label', 'prize.redeem', 'activity.read', 'activity.write', 'report.read'],
  grid_worker: ['region.read', 'household.read', 'household.write', 'visit.write', 'pledge.read', 'pledge.write', 'household.reveal_phone', 'activity.read', 'activity.write'],
  dissuader: ['region.read', 'warning.handle'],
  resident: [],
}

export function roleAllows(role: Role, action: Action): boolean {
  return ALLOWED[role].includes(action)
}

/** A user may act on a row only if the row's region lies under a region of one of the user's roles that allows the action. */
export function canActOn(roles: readonly RoleAssignment[], action: Action, rowRegionPath: string): boolean {
  return roles.some((r) => roleAllows(r.role, action) && isWithin(rowRegionPath, r.regionPath))
}

/** The region paths under which the user may perform the action: the WHERE clause of every scoped list. */
export function scopePathsFor(roles: readonly RoleAssignment[], action: Action): string[] {
  const paths = [...new Set(roles.filter((r) => roleAllows(r.role, action)).map((r) => r.regionPath))]
  // A path under another one adds nothing: the outer path already covers it.
  return paths.filter((p) => !paths.some((q) => q !== p && isWithin(p, q)))
}

export function hasAnyRole(roles: readonly RoleAssignment[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r.role))
}
