import ExcelJS from 'exceljs'
import type { HouseholdSummary } from '#contract/households'

const COLUMNS = [
  { header: '户码', key: 'code', width: 12 },
  { header: '网格', key: 'gridName', width: 20 },
  { header: '地址', key: 'address', width: 36 },
  { header: '户主(脱敏)', key: 'headName', width: 12 },
  { header: '标签', key: 'tags', width: 24 },
]

/** The gap list as a spreadsheet for the village office: masked like on screen. */
export async function gapSheet(households: readonly HouseholdSummary[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('未走访住户')
  sheet.columns = COLUMNS
  sheet.getRow(1).font = { bold: true }
  for (const h of households) sheet.addRow({ ...h, tags: h.tags.join('、') })
  return Buffer.from(await book.xlsx.writeBuffer())
}
