/** The five roles of DESIGN.md. A user may hold several, each bound to one region. */
export const ROLES = ['admin', 'cadre', 'grid_worker', 'dissuader', 'resident'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: '派出所/反诈专班',
  cadre: '村/社区干部',
  grid_worker: '网格员/民警',
  dissuader: '劝阻员',
  resident: '居民',
}

export interface RoleAssignment {
  role: Role
  regionId: string
  /** Materialised path of the region, e.g. "/500116/500116115/500116115200/". */
  regionPath: string
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}
