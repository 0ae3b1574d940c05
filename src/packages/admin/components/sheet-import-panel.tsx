import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { SheetImport, SheetImportResult } from '@/stores/sheet-import'
import { SheetFileInput, TemplateButton } from './import-controls'
import './sheet-import-panel.scss'

interface SheetImportPanelProps {
  importer: SheetImport<SheetImportResult>
  title: string
  hint: string
  /** What a row becomes, as the messages name it: 预警, 题目. */
  subject: string
  templateFileName: string
  doneText: (imported: number) => string
  onImported?: () => void
}

/** An all-or-nothing spreadsheet import: template, file, then either the count imported or every row's problem. */
export const SheetImportPanel = observer(function SheetImportPanel(props: SheetImportPanelProps) {
  const { importer, subject } = props
  const result = importer.result
  const importFile = async (file: File) => {
    await importer.importFile(file, file.name)
    if (importer.imported) props.onImported?.()
  }
  return (
    <View className='import-panel'>
      <Text className='section-title'>{props.title}</Text>
      <Text className='hint'>{props.hint}</Text>
      <TemplateButton download={() => importer.downloadTemplate()} fileName={props.templateFileName} />
      <SheetFileInput accept='.xlsx' purpose={`选择${subject}导入文件`} disabled={importer.importing} onFile={(file) => void importFile(file)} />
      {importer.importing && <Text className='hint'>正在导入…</Text>}
      {importer.error && <Text className='error-text'>{`导入失败：${importer.error}`}</Text>}
      {result && result.errors.length === 0 && <Text className='hint'>{`✓ 导入完成：${props.doneText(result.imported)}`}</Text>}
      {result && result.errors.length > 0 && (
        <View className='card'>
          <Text className='error-text'>{`发现 ${result.errors.length} 处错误，未导入任何${subject}。请修改表格后重新选择：`}</Text>
          {result.errors.map((e) => <Text key={`${e.row}:${e.message}`} className='import-error'>{`第 ${e.row} 行：${e.message}`}</Text>)}
        </View>
      )}
    </View>
  )
})
