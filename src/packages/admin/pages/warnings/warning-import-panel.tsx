import { useStore } from '@/stores/stores-context'
import { warningImportStore } from '@/stores/warning-import-store'
import { SheetImportPanel } from '../../components/sheet-import-panel'

export function WarningImportPanel({ onImported }: { onImported: () => void }) {
  const warningImport = useStore(warningImportStore)
  return (
    <SheetImportPanel
      importer={warningImport}
      title='批量导入预警（Excel）'
      hint='先下载模板，按模板填写后选择文件。有任何一行出错，就一条也不导入，并列出每行的问题。'
      subject='预警'
      templateFileName='预警导入模板.xlsx'
      doneText={(n) => `新增 ${n} 条预警，已自动派发`}
      onImported={onImported}
    />
  )
}
