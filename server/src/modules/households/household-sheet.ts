import {
  HOUSEHOLD_IMPORT_COLUMNS, importHeaderMessage, missingImportColumns, type HouseholdSheetRow,
} from '#core/households'
import { parseCsv } from '../../lib/csv'
import { isZip, keyedRows, unreadableImport, xlsxRows, type TextRow } from '../../lib/sheet'
import { importTemplate } from '../../lib/sheet-template'

const MAX_IMPORT_ROWS = 10000

function csvRows(file: Buffer): TextRow[] {
  let text: string
  try {
    // Excel in China often saves CSV as GBK: refuse it plainly rather than import garbled names.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file)
  } catch {
    throw unreadableImport('CSV 文件不是 UTF-8 编码，请在“另存为”时选择“CSV UTF-8”，或上传 .xlsx 表格')
  }
  return parseCsv(text).map((cells, i) => ({ row: i + 1, cells }))
}

/**
 * The first sheet of an .xlsx, or a CSV, as checked-ready rows. Columns are found by their header, so their order
 * does not matter; a missing column is one error naming all expected columns. Blank rows are skipped.
 */
export async function readHouseholdFile(file: Buffer): Promise<HouseholdSheetRow[]> {
  const raw = isZip(file) ? await xlsxRows(file, '无法读取导入文件，请上传 .xlsx 表格或 UTF-8 编码的 .csv 文件') : csvRows(file)
  return keyedRows(raw, {
    columns: HOUSEHOLD_IMPORT_COLUMNS,
    missingColumns: missingImportColumns,
    headerMessage: importHeaderMessage,
    noRows: '导入文件中没有数据行',
    maxRows: MAX_IMPORT_ROWS,
    tooManyRows: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`,
  })
}

export function householdTemplate(): Promise<Buffer> {
  return importTemplate({
    sheet: '住户',
    columns: HOUSEHOLD_IMPORT_COLUMNS,
    width: (header) => (header === '地址' ? 28 : 18),
    textColumns: ['网格编码', '联系电话'],
    examples: [
      ['500116115200-01', '东胜村幸福路12号', '张建华', '13812345678', '一老一小、独居老人', 2],
      ['500116115200-01', '东胜村幸福路14号', '李秀英', '', '新市民', 4],
    ],
  })
}
