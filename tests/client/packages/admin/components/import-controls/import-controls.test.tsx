import { fireEvent, render, screen } from '@testing-library/react'
import { SheetFileInput } from '@/packages/admin/components/import-controls'

describe('选择文件 for a spreadsheet import', () => {
  it('when nothing is chosen yet, then a 选择文件 button, 未选择文件 and the wanted file type are shown', () => {
    render(<SheetFileInput accept='.xlsx,.csv' purpose='选择住户导入文件' disabled={false} onFile={() => {}} />)

    expect(screen.getByText('选择文件')).toBeTruthy()
    expect(screen.getByText('未选择文件')).toBeTruthy()
    expect(screen.getByText('请选择按「下载模板」填写好的 .xlsx 或 .csv 文件')).toBeTruthy()
  })

  it('when a file is chosen, then its name is shown and it is handed on', () => {
    const chosen: string[] = []
    render(<SheetFileInput accept='.xlsx' purpose='选择预警导入文件' disabled={false} onFile={(f) => chosen.push(f.name)} />)

    fireEvent.change(screen.getByLabelText(/选择预警导入文件/), { target: { files: [new File(['x'], '11月预警.xlsx')] } })

    expect(screen.getByText('已选择：11月预警.xlsx')).toBeTruthy()
    expect(chosen).toEqual(['11月预警.xlsx'])
  })
})
