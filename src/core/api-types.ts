import type { RegionLevel } from './regions'
import type { Role } from './roles'

/** Shapes exchanged between the app and the server. The server's TypeBox schemas mirror these. */

export interface MeRole {
  role: Role
  regionId: string
  regionName: string
  regionPath: string
}

export interface Me {
  id: string
  displayName: string
  roles: MeRole[]
}

export interface LoginResult {
  token: string
  expiresAt: string
  user: Me
}

export interface DemoPersona {
  id: string
  /** e.g. 派出所民警 */
  label: string
  displayName: string
  description: string
}

export interface RegionNode {
  id: string
  parentId: string | null
  level: RegionLevel
  name: string
  path: string
  householdCount: number
}

export interface ImportRowError {
  /** 1-based spreadsheet row number, header being row 1. */
  row: number
  message: string
}

export interface RegionImportResult {
  dryRun: boolean
  created: number
  updated: number
  errors: ImportRowError[]
}

export interface Page<T> {
  items: T[]
  total: number
}

export interface UserSummary {
  id: string
  displayName: string
  roles: MeRole[]
}
