/** Shapes exchanged between the app and the server. The server's TypeBox schemas mirror these. */

export interface ImportRowError {
  /** 1-based spreadsheet row number, header being row 1. */
  row: number
  message: string
}

export interface HouseholdSummary {
  id: string
  code: string
  regionId: string
  gridName: string
  address: string
  /** Masked, e.g. 张*华 */
  headName: string
  /** Masked, e.g. 138****1234, or null when unknown */
  phoneMasked: string | null
  tags: string[]
  memberCount: number
}

export interface Page<T> {
  items: T[]
  total: number
}
