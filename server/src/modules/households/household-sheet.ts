import ExcelJS from 'exceljs'
import {
  HOUSEHOLD_IMPORT_COLUMNS, importHeaderMessage, missingImportColumns, type HouseholdImportColumn, type HouseholdSheetRow,
} from '../../../../src/core/households'
import { AppError } from '../../errors'
import { parseCsv } from '../../lib/csv'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const MAX_IMPORT_ROWS = 10000

const unreadable = (message: string) => new AppError('IMPORT_FILE_UNREADABLE', 400, message)
const NOT_A_TABLE = '无法读取导入文件，请上传 .xlsx 表格或 UTF-8 编码的 .csv 文件'

/** A spreadsheet row as text cells, with the row number the spreadsheet shows. */
interface RawRow {
  row: number
  cells: string[]
}

// An .xlsx is a zip archive: it starts with the zip signature whatever the file is called.
const isZip = (file: Buffer) => file.length >= 4 && file.readUInt32LE(0) === 0x04034b50

async function xlsxRows(file: Buffer): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
  } catch {
    throw unreadable(NOT_A_TABLE)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadable('导入文件中没有工作表')
  const rows: RawRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text
    })
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
  })
  return rows
}

function csvRows(file: Buffer): RawRow[] {
  let text: string
  try {
    // Excel in China often saves CSV as GBK: refuse it plainly rather than import garbled names.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file)
  } catch {
    throw unreadable('CSV 文件不是 UTF-8 编码，请在“另存为”时选择“CSV UTF-8”，或上传 .xlsx 表格')
  }
  return parseCsv(text).map((cells, i) => ({ row: i + 1, cells }))
}

/**
 * The first sheet of an .xlsx, or a CSV, as checked-ready rows. Columns are found by their header, so their order
 * does not matter; a missing column is one error naming all expected columns. Blank rows are skipped.
 */
export async function readHouseholdFile(file: Buffer): Promise<HouseholdSheetRow[]> {
  const raw = isZip(file) ? await xlsxRows(file) : csvRows(file)
  const [header, ...data] = raw.filter((r) => r.cells.some((c) => c.trim() !== ''))
  const headerCells = header?.cells.map((c) => c.trim()) ?? []
  const missing = missingImportColumns(headerCells)
  if (missing.length > 0) throw unreadable(importHeaderMessage(missing))
  if (data.length === 0) throw unreadable('导入文件中没有数据行')
  if (data.length > MAX_IMPORT_ROWS) throw unreadable(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`)
  const index = new Map(HOUSEHOLD_IMPORT_COLUMNS.map((c) => [c, headerCells.indexOf(c)]))
  return data.map(({ row, cells }) => ({
    row,
    cells: Object.fromEntries(HOUSEHOLD_IMPORT_COLUMNS.map((c) => [c, (cells[index.get(c)!] ?? '').trim()])) as Record<HouseholdImportColumn, string>,
  }))
}

export async function householdTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('住户')
  sheet.columns = HOUSEHOLD_IMPORT_COLUMNS.map((header) => ({ header, width: header === '地址' ? 28 : 18 }))
  // Codes and phones are text: as numbers Excel would drop leading zeros or show 1.38E+10.
  sheet.getColumn(1).numFmt = '@'
  sheet.getColumn(4).numFmt = '@'
  sheet.addRow(['500116115200-01', '东胜村幸福路12号', '张建华', '13812345678', '一老一小、独居老人', 2])
  sheet.addRow(['500116115200-01', '东胜村幸福路14号', '李秀英', '', '新市民', 4])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
