import ExcelJS from 'exceljs'
import { AppError } from '../../errors'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const MAX_IMPORT_WARNINGS = 2000

/** The import sheet's columns, in the template's order; a sheet may order them differently. */
export const WARNING_IMPORT_COLUMNS = ['姓名', '手机号', '区域编码', '门牌编号', '地址', '诈骗类型', '风险等级', '来源', '涉案金额', '接警时间'] as const
export type WarningImportColumn = (typeof WARNING_IMPORT_COLUMNS)[number]
const OPTIONAL_COLUMNS: readonly WarningImportColumn[] = ['门牌编号', '涉案金额']

export interface WarningSheetRow {
  /** The row number the spreadsheet shows. */
  row: number
  cells: Record<WarningImportColumn, string>
}

const unreadable = (message: string) => new AppError('IMPORT_FILE_UNREADABLE', 400, message)
const NOT_XLSX = '无法读取导入文件，请上传 .xlsx 格式的表格（可先下载导入模板）'

// An .xlsx is a zip archive: it starts with the zip signature whatever the file is called.
const isZip = (file: Buffer) => file.length >= 4 && file.readUInt32LE(0) === 0x04034b50

/**
 * Excel keeps date-times without a zone and exceljs hands them over as if they were UTC: their UTC fields are the
 * wall-clock time typed in, which the row checks read as Beijing time like a typed 'YYYY-MM-DD HH:mm'.
 */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace('T', ' ')
  return cell.text
}

/** The first sheet as rows of text cells keyed by header. Columns are found by their header; blank rows are skipped. */
export async function readWarningFile(file: Buffer): Promise<WarningSheetRow[]> {
  if (file.length === 0) throw unreadable('上传的文件是空的，请选择填好预警的 .xlsx 表格')
  if (!isZip(file)) throw unreadable(NOT_XLSX)
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
  } catch {
    throw unreadable(NOT_XLSX)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadable('导入文件中没有工作表')
  const raw: { row: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell)
    })
    const filled = Array.from(cells, (c) => (c ?? '').trim())
    if (filled.some((c) => c !== '')) raw.push({ row: rowNumber, cells: filled })
  })
  const [header, ...data] = raw
  const headerCells = header?.cells ?? []
  const missing = WARNING_IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !headerCells.includes(c))
  if (missing.length > 0) throw unreadable(`表头缺少：${missing.join('、')}（应为 ${WARNING_IMPORT_COLUMNS.join(' | ')}）`)
  if (data.length === 0) throw unreadable('导入文件中没有预警，请在表头下方逐行填写')
  if (data.length > MAX_IMPORT_WARNINGS) throw unreadable(`一次最多导入 ${MAX_IMPORT_WARNINGS} 条预警，请分批导入`)
  const index = new Map(WARNING_IMPORT_COLUMNS.map((c) => [c, headerCells.indexOf(c)]))
  return data.map(({ row, cells }) => ({
    row,
    cells: Object.fromEntries(WARNING_IMPORT_COLUMNS.map((c) => {
      const at = index.get(c)!
      return [c, at < 0 ? '' : (cells[at] ?? '')]
    })) as Record<WarningImportColumn, string>,
  }))
}

export async function warningTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('预警')
  sheet.columns = WARNING_IMPORT_COLUMNS.map((header) => ({ header, width: header === '地址' ? 28 : header === '接警时间' ? 18 : 14 }))
  // Phones, codes and times are text: as numbers Excel would show 1.38E+10 or drop leading zeros.
  for (const column of ['手机号', '区域编码', '门牌编号', '接警时间'] as const) sheet.getColumn(WARNING_IMPORT_COLUMNS.indexOf(column) + 1).numFmt = '@'
  sheet.addRow(['刘大爷', '13812341234', '500116115200', '', '东胜村幸福路12号', '冒充公检法', '高', '上级预警指令', 200000, '2026-11-28 09:30'])
  sheet.addRow(['王阿姨', '13987654321', '500116115200-01', 'H3F2A9C1D', '东胜村2组', '刷单返利', '中', '银行网点', '', '2026-11-28 10:05'])
  const notes = workbook.addWorksheet('填写说明')
  notes.columns = [{ header: '说明', width: 90 }]
  for (const line of [
    '姓名、手机号、区域编码、地址、诈骗类型、风险等级、来源、接警时间必填；门牌编号、涉案金额可不填。',
    '区域编码：镇街、村社区或网格的编码，须在您管辖的范围内；门牌编号须是该区域内住户的门牌。',
    '诈骗类型：填类型名称，如 冒充公检法、刷单返利、虚假网络投资理财。',
    '风险等级：高、中或低；来源：上级预警指令、银行网点、通信运营商、群众举报、走访发现 或 其他。',
    '接警时间：北京时间，格式 2026-11-28 09:30，也可以是 Excel 的日期时间单元格。',
    '每条预警按区域和劝阻员的在办数量自动分派。任何一行有错，整个文件都不会导入；请按提示改正后重新上传。',
  ]) notes.addRow([line])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
