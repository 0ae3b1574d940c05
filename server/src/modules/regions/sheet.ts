import type ExcelJS from 'exceljs'
import { firstWorksheet, unreadableImport } from '../../lib/sheet'
import { importTemplate } from '../../lib/sheet-template'
import { IMPORT_HEADERS, type SheetRow } from './import-rows'

export const MAX_IMPORT_ROWS = 10000

/** The first worksheet as rows of text. Columns are found by their header, so their order does not matter. */
export async function readRegionSheet(file: Buffer): Promise<SheetRow[]> {
  const sheet = await firstWorksheet(file)
  const columns = new Map<string, number>()
  sheet.getRow(1).eachCell((cell, col) => {
    columns.set(cell.text.trim(), col)
  })
  const missing = IMPORT_HEADERS.filter((h) => !columns.has(h))
  if (missing.length > 0) throw unreadableImport(`表头缺少：${missing.join('、')}（应为 ${IMPORT_HEADERS.join('、')}）`)
  if (sheet.actualRowCount - 1 > MAX_IMPORT_ROWS) throw unreadableImport(`一次最多导入 ${MAX_IMPORT_ROWS} 行`)

  const text = (row: ExcelJS.Row, header: (typeof IMPORT_HEADERS)[number]) => row.getCell(columns.get(header)!).text.trim()
  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const r = { row: rowNumber, code: text(row, '编码'), name: text(row, '名称'), level: text(row, '级别'), parentCode: text(row, '上级编码') }
    if (r.code || r.name || r.level || r.parentCode) rows.push(r)
  })
  return rows
}

export function regionTemplate(): Promise<Buffer> {
  return importTemplate({
    sheet: '区域',
    columns: IMPORT_HEADERS,
    width: (header) => (header === '名称' ? 28 : 18),
    textColumns: ['编码', '上级编码'],
    examples: [['500116115', '柏林镇', '镇街', '500116'], ['500116115200', '东胜村', '村社区', '500116115']],
  })
}
