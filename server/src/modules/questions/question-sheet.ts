import ExcelJS from 'exceljs'
import {
  MAX_IMPORT_QUESTIONS, missingQuestionColumns, QUESTION_IMPORT_COLUMNS, questionHeaderMessage, type QuestionImportColumn,
  type QuestionSheetRow,
} from '../../../../src/core/questions'
import { AppError } from '../../errors'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const unreadable = (message: string) => new AppError('IMPORT_FILE_UNREADABLE', 400, message)

// An .xlsx is a zip archive: it starts with the zip signature whatever the file is called.
const isZip = (file: Buffer) => file.length >= 4 && file.readUInt32LE(0) === 0x04034b50

/**
 * The first sheet of an .xlsx as rows of text cells keyed by header, with the row numbers the spreadsheet shows.
 * Columns are found by their header, so their order does not matter. Blank rows are skipped.
 */
export async function readQuestionFile(file: Buffer): Promise<QuestionSheetRow[]> {
  if (file.length === 0) throw unreadable('上传的文件是空的，请选择填好题目的 .xlsx 表格')
  if (!isZip(file)) throw unreadable('无法读取导入文件，请上传 .xlsx 格式的表格（可先下载导入模板）')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
  } catch {
    throw unreadable('无法读取导入文件，请上传 .xlsx 格式的表格（可先下载导入模板）')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadable('导入文件中没有工作表')
  const raw: { row: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text
    })
    const filled = Array.from(cells, (c) => (c ?? '').trim())
    if (filled.some((c) => c !== '')) raw.push({ row: rowNumber, cells: filled })
  })
  const [header, ...data] = raw
  const headerCells = header?.cells ?? []
  const missing = missingQuestionColumns(headerCells)
  if (missing.length > 0) throw unreadable(questionHeaderMessage(missing))
  if (data.length === 0) throw unreadable('导入文件中没有题目，请在表头下方逐行填写')
  if (data.length > MAX_IMPORT_QUESTIONS) throw unreadable(`一次最多导入 ${MAX_IMPORT_QUESTIONS} 道题，请分批导入`)
  const index = new Map(QUESTION_IMPORT_COLUMNS.map((c) => [c, headerCells.indexOf(c)]))
  return data.map(({ row, cells }) => ({
    row,
    cells: Object.fromEntries(QUESTION_IMPORT_COLUMNS.map((c) => {
      const at = index.get(c)!
      return [c, at < 0 ? '' : (cells[at] ?? '')]
    })) as Record<QuestionImportColumn, string>,
  }))
}

export async function questionTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('题目')
  sheet.columns = QUESTION_IMPORT_COLUMNS.map((header) => ({ header, width: header === '题干' || header === '解析' ? 40 : 14 }))
  sheet.addRow(['单选', '陌生人让你先垫钱做刷单任务，你应该？', '先垫一点试试', '拒绝，这是诈骗', '拉亲戚一起做', '', '', '', 'B',
    '要先垫钱的兼职都是诈骗。', '刷单返利', 1])
  sheet.addRow(['多选', '下列哪些是冒充公检法诈骗的说法？', '你涉嫌洗钱', '不准告诉家人', '把钱转到安全账户', '请到派出所当面说明', '', '', 'ABC',
    '公检法不会电话办案，也没有安全账户。', '冒充公检法', 2])
  sheet.addRow(['判断', '保健品能代替药物治病。', '', '', '', '', '', '', '错误', '保健品不是药，生病要去正规医院。', '以养老为名', 1])
  const notes = workbook.addWorksheet('填写说明')
  notes.columns = [{ header: '说明', width: 90 }]
  for (const line of [
    '题型：单选、多选或判断。',
    '选项：单选 2–6 个、多选 3–6 个，从选项A起依次填写；判断题不填选项（固定为“正确”“错误”）。',
    '答案：填正确选项的字母，如 B；多选如 ABC（至少 2 个）；判断题填“正确”或“错误”。',
    '诈骗类型：填类型名称，如 刷单返利、冒充公检法、AI换脸拟声。',
    '难度：1、2 或 3。',
    '任何一行有错，整个文件都不会导入；请按提示改正后重新上传。',
  ]) notes.addRow([line])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
