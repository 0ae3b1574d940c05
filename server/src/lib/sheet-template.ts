import ExcelJS from 'exceljs'

/** An import template: the header, example rows and, when given, a sheet of filling notes. */
export interface TemplateSpec<C extends string> {
  sheet: string
  columns: readonly C[]
  width: (column: C) => number
  /** Codes, phones and times: as numbers Excel would show 1.38E+10 or drop leading zeros. */
  textColumns?: readonly C[]
  examples: readonly (readonly unknown[])[]
  notes?: readonly string[]
}

export async function importTemplate<C extends string>(spec: TemplateSpec<C>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(spec.sheet)
  sheet.columns = spec.columns.map((header) => ({ header, width: spec.width(header) }))
  for (const column of spec.textColumns ?? []) sheet.getColumn(spec.columns.indexOf(column) + 1).numFmt = '@'
  for (const example of spec.examples) sheet.addRow([...example])
  if (spec.notes) {
    const notes = workbook.addWorksheet('填写说明')
    notes.columns = [{ header: '说明', width: 90 }]
    for (const line of spec.notes) notes.addRow([line])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
