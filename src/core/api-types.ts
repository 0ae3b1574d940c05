/** Shapes exchanged between the app and the server. The server's TypeBox schemas mirror these. */

export interface ImportRowError {
  /** 1-based spreadsheet row number, header being row 1. */
  row: number
  message: string
}

export interface Page<T> {
  items: T[]
  total: number
}
