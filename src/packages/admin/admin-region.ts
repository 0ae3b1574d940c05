import type { MeRole } from '@/core/api-types'

/** The region an admin or cadre starts from: the first one they administer. */
export function adminHomeRegion(roles: readonly MeRole[]): MeRole | null {
  return roles.find((r) => r.role === 'admin' || r.role === 'cadre') ?? null
}
