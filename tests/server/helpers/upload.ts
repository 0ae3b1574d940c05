import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'

/** A multipart/form-data body carrying one file, as a browser or wx.uploadFile sends it. */
export function multipartFile(content: Buffer, opts: { field?: string; filename?: string; contentType?: string } = {}) {
  const boundary = `----xuanfang${randomBytes(8).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${opts.filename ?? 'regions.xlsx'}"\r\n` +
      `Content-Type: ${opts.contentType ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** An .xlsx with the import header row and these data rows. */
export async function aRegionSheet(rows: (string | number | null)[][], header: string[] = ['编码', '名称', '级别', '上级编码']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('区域')
  sheet.addRow(header)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
