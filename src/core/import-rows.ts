/** A spreadsheet row an import refused, and why, in Chinese. */
export interface ImportRowError {
  /** 1-based spreadsheet row number, header being row 1. */
  row: number
  message: string
}
