import ExcelJS from 'exceljs'
import { AppError } from '../errors'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** An uploaded table that cannot be imported at all; the message says what to fix (the code's own when none). */
export const unreadableImport = (message?: string) => new AppError('IMPORT_FILE_UNREADABLE', 400, message)

// An .xlsx is a zip archive: it starts with the zip signature whatever the file is called.
export const isZip = (file: Buffer) => file.length >= 4 && file.readUInt32LE(0) === 0x04034b50

/** A spreadsheet row as text cells, with the row number the spreadsheet shows. */
export interface TextRow {
  row: number
  cells: string[]
}

/** A data row keyed by its column header, every cell trimmed text. */
export interface KeyedRow<C extends string> {
  row: number
  cells: Record<C, string>
}

/** The first worksheet of an .xlsx; `notXlsx` is the message for a file that is not one. */
export async function firstWorksheet(file: Buffer, notXlsx?: string): Promise<ExcelJS.Worksheet> {
  if (!isZip(file)) throw unreadableImport(notXlsx)
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
  } catch {
    throw unreadableImport(notXlsx)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadableImport('导入文件中没有工作表')
  return sheet
}

/**
 * Excel keeps date-times without a zone and exceljs hands them over as if they were UTC: their UTC fields are the
 * wall-clock time typed in, which row checks read as Beijing time like a typed 'YYYY-MM-DD HH:mm'.
 */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace('T', ' ')
  return cell.text
}

/** The first worksheet's rows as text cells; rows Excel holds nothing for are left out. */
export async function xlsxRows(file: Buffer, notXlsx: string): Promise<TextRow[]> {
  const sheet = await firstWorksheet(file, notXlsx)
  const rows: TextRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell)
    })
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
  })
  return rows
}

/** How an import table must look, with the messages for a table that does not. */
export interface TableSpec<C extends string> {
  /** Every column a row is keyed by; a column may stand anywhere in the header. */
  columns: readonly C[]
  /** The required columns the header lacks. */
  missingColumns: (header: string[]) => C[]
  headerMessage: (missing: C[]) => string
  noRows: string
  maxRows: number
  tooManyRows: string
}

/**
 * The rows under the header (the first non-blank row), keyed by header, so that column order does not matter;
 * a column left out of the header reads as ''. Blank rows are skipped.
 */
export function keyedRows<C extends string>(rows: readonly TextRow[], spec: TableSpec<C>): KeyedRow<C>[] {
  const [header, ...data] = rows
    .map(({ row, cells }) => ({ row, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''))
  const headerCells = header?.cells ?? []
  const missing = spec.missingColumns(headerCells)
  if (missing.length > 0) throw unreadableImport(spec.headerMessage(missing))
  if (data.length === 0) throw unreadableImport(spec.noRows)
  if (data.length > spec.maxRows) throw unreadableImport(spec.tooManyRows)
  const index = new Map(spec.columns.map((c) => [c, headerCells.indexOf(c)]))
  return data.map(({ row, cells }) => ({
    row,
    cells: Object.fromEntries(spec.columns.map((c) => [c, cells[index.get(c)!] ?? ''])) as Record<C, string>,
  }))
}
