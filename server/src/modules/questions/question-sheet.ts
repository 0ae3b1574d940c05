import {
  MAX_IMPORT_QUESTIONS, missingQuestionColumns, QUESTION_IMPORT_COLUMNS, questionHeaderMessage, type QuestionSheetRow,
} from '#core/questions'
import { keyedRows, unreadableImport, xlsxRows } from '../../lib/sheet'
import { importTemplate } from '../../lib/sheet-template'

/**
 * The first sheet of an .xlsx as rows of text cells keyed by header, with the row numbers the spreadsheet shows.
 * Columns are found by their header, so their order does not matter. Blank rows are skipped.
 */
export async function readQuestionFile(file: Buffer): Promise<QuestionSheetRow[]> {
  if (file.length === 0) throw unreadableImport('上传的文件是空的，请选择填好题目的 .xlsx 表格')
  return keyedRows(await xlsxRows(file, '无法读取导入文件，请上传 .xlsx 格式的表格（可先下载导入模板）'), {
    columns: QUESTION_IMPORT_COLUMNS,
    missingColumns: missingQuestionColumns,
    headerMessage: questionHeaderMessage,
    noRows: '导入文件中没有题目，请在表头下方逐行填写',
    maxRows: MAX_IMPORT_QUESTIONS,
    tooManyRows: `一次最多导入 ${MAX_IMPORT_QUESTIONS} 道题，请分批导入`,
  })
}

export function questionTemplate(): Promise<Buffer> {
  return importTemplate({
    sheet: '题目',
    columns: QUESTION_IMPORT_COLUMNS,
    width: (header) => (header === '题干' || header === '解析' ? 40 : 14),
    examples: [
      ['单选', '陌生人让你先垫钱做刷单任务，你应该？', '先垫一点试试', '拒绝，这是诈骗', '拉亲戚一起做', '', '', '', 'B',
        '要先垫钱的兼职都是诈骗。', '刷单返利', 1],
      ['多选', '下列哪些是冒充公检法诈骗的说法？', '你涉嫌洗钱', '不准告诉家人', '把钱转到安全账户', '请到派出所当面说明', '', '', 'ABC',
        '公检法不会电话办案，也没有安全账户。', '冒充公检法', 2],
      ['判断', '保健品能代替药物治病。', '', '', '', '', '', '', '错误', '保健品不是药，生病要去正规医院。', '以养老为名', 1],
    ],
    notes: [
      '题型：单选、多选或判断。',
      '选项：单选 2–6 个、多选 3–6 个，从选项A起依次填写；判断题不填选项（固定为“正确”“错误”）。',
      '答案：填正确选项的字母，如 B；多选如 ABC（至少 2 个）；判断题填“正确”或“错误”。',
      '诈骗类型：填类型名称，如 刷单返利、冒充公检法、AI换脸拟声。',
      '难度：1、2 或 3。',
      '任何一行有错，整个文件都不会导入；请按提示改正后重新上传。',
    ],
  })
}
