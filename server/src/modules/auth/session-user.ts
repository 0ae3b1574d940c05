import type { RoleAssignment } from '#core/roles'

/** The signed-in caller as every use case sees it. */
export interface SessionUser {
  id: string
  displayName: string
  roles: RoleAssignment[]
  tokenHash: string
}
