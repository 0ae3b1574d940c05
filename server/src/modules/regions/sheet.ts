import ExcelJS from 'exceljs'
import { AppError } from '../../errors'
import { IMPORT_HEADERS, type SheetRow } from './import-rows'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const MAX_IMPORT_ROWS = 10000

const unreadable = (message?: string) => new AppError('IMPORT_FILE_UNREADABLE', 400, message)

/** The first worksheet as rows of text. Columns are found by their header, so their order does not matter. */
export async function readRegionSheet(file: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
  } catch {
    throw unreadable()
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadable('导入文件中没有工作表')
  const columns = new Map<string, number>()
  sheet.getRow(1).eachCell((cell, col) => {
    columns.set(cell.text.trim(), col)
  })
  const missing = IMPORT_HEADERS.filter((h) => !columns.has(h))
  if (missing.length > 0) throw unreadable(`表头缺少：${missing.join('、')}（应为 ${IMPORT_HEADERS.join('、')}）`)
  if (sheet.actualRowCount - 1 > MAX_IMPORT_ROWS) throw unreadable(`一次最多导入 ${MAX_IMPORT_ROWS} 行`)

  const text = (row: ExcelJS.Row, header: (typeof IMPORT_HEADERS)[number]) => row.getCell(columns.get(header)!).text.trim()
  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const r = { row: rowNumber, code: text(row, '编码'), name: text(row, '名称'), level: text(row, '级别'), parentCode: text(row, '上级编码') }
    if (r.code || r.name || r.level || r.parentCode) rows.push(r)
  })
  return rows
}

export async function regionTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('区域')
  sheet.columns = IMPORT_HEADERS.map((header) => ({ header, width: header === '名称' ? 28 : 18 }))
  sheet.addRow(['500116115', '柏林镇', '镇街', '500116'])
  sheet.addRow(['500116115200', '东胜村', '村社区', '500116115'])
  sheet.getColumn(1).numFmt = '@'
  sheet.getColumn(4).numFmt = '@'
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
