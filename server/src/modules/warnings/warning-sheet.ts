import { keyedRows, unreadableImport, xlsxRows, type KeyedRow } from '../../lib/sheet'
import { importTemplate } from '../../lib/sheet-template'

export const MAX_IMPORT_WARNINGS = 2000

/** The import sheet's columns, in the template's order; a sheet may order them differently. */
export const WARNING_IMPORT_COLUMNS = ['姓名', '手机号', '区域编码', '门牌编号', '地址', '诈骗类型', '风险等级', '来源', '涉案金额', '接警时间'] as const
export type WarningImportColumn = (typeof WARNING_IMPORT_COLUMNS)[number]
const OPTIONAL_COLUMNS: readonly WarningImportColumn[] = ['门牌编号', '涉案金额']

export type WarningSheetRow = KeyedRow<WarningImportColumn>

/** The first sheet as rows of text cells keyed by header. Columns are found by their header; blank rows are skipped. */
export async function readWarningFile(file: Buffer): Promise<WarningSheetRow[]> {
  if (file.length === 0) throw unreadableImport('上传的文件是空的，请选择填好预警的 .xlsx 表格')
  return keyedRows(await xlsxRows(file, '无法读取导入文件，请上传 .xlsx 格式的表格（可先下载导入模板）'), {
    columns: WARNING_IMPORT_COLUMNS,
    missingColumns: (header) => WARNING_IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !header.includes(c)),
    headerMessage: (missing) => `表头缺少：${missing.join('、')}（应为 ${WARNING_IMPORT_COLUMNS.join(' | ')}）`,
    noRows: '导入文件中没有预警，请在表头下方逐行填写',
    maxRows: MAX_IMPORT_WARNINGS,
    tooManyRows: `一次最多导入 ${MAX_IMPORT_WARNINGS} 条预警，请分批导入`,
  })
}

export function warningTemplate(): Promise<Buffer> {
  return importTemplate({
    sheet: '预警',
    columns: WARNING_IMPORT_COLUMNS,
    width: (header) => (header === '地址' ? 28 : header === '接警时间' ? 18 : 14),
    textColumns: ['手机号', '区域编码', '门牌编号', '接警时间'],
    examples: [
      ['刘大爷', '13812341234', '500116115200', '', '东胜村幸福路12号', '冒充公检法', '高', '上级预警指令', 200000, '2026-11-28 09:30'],
      ['王阿姨', '13987654321', '500116115200-01', 'H3F2A9C1D', '东胜村2组', '刷单返利', '中', '银行网点', '', '2026-11-28 10:05'],
    ],
    notes: [
      '姓名、手机号、区域编码、地址、诈骗类型、风险等级、来源、接警时间必填；门牌编号、涉案金额可不填。',
      '区域编码：镇街、村社区或网格的编码，须在您管辖的范围内；门牌编号须是该区域内住户的门牌。',
      '诈骗类型：填类型名称，如 冒充公检法、刷单返利、虚假网络投资理财。',
      '风险等级：高、中或低；来源：上级预警指令、银行网点、通信运营商、群众举报、走访发现 或 其他。',
      '接警时间：北京时间，格式 2026-11-28 09:30，也可以是 Excel 的日期时间单元格。',
      '每条预警按区域和劝阻员的在办数量自动分派。任何一行有错，整个文件都不会导入；请按提示改正后重新上传。',
    ],
  })
}
