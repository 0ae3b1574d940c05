import type { ChangeEvent } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { errorMessage } from '@/stores/load-state'
import { useStores } from '@/stores/stores-context'
import { saveBlob } from '../../save-blob'

/** H5 only: a browser file input feeds the import; the mini-program has no picker for spreadsheets. */
export const WarningImportPanel = observer(function WarningImportPanel({ onImported }: { onImported: () => void }) {
  const { warningImport } = useStores()
  const result = warningImport.result
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = '' // choosing the same file again must trigger a new import
    if (!file) return
    await warningImport.importFile(file, file.name)
    if (warningImport.imported) onImported()
  }
  const downloadTemplate = async () => {
    try {
      saveBlob(await warningImport.downloadTemplate(), '预警导入模板.xlsx')
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }
  return (
    <View className='import-panel'>
      <Text className='section-title'>批量导入预警（Excel）</Text>
      <Text className='hint'>先下载模板，按模板填写后选择文件。有任何一行出错，就一条也不导入，并列出每行的问题。</Text>
      <Button className='big-button' size='large' block onClick={() => void downloadTemplate()}>
        下载模板
      </Button>
      <label className='big-button'>
        <Text>选择 .xlsx 文件：</Text>
        <input type='file' accept='.xlsx' aria-label='选择预警导入文件' disabled={warningImport.importing} onChange={(e) => void onFile(e)} />
      </label>
      {warningImport.importing && <Text className='hint'>正在导入…</Text>}
      {warningImport.error && <Text className='error-text'>{`导入失败：${warningImport.error}`}</Text>}
      {result && result.errors.length === 0 && <Text className='hint'>{`✓ 导入完成：新增 ${result.imported} 条预警，已自动派发`}</Text>}
      {result && result.errors.length > 0 && (
        <View className='card'>
          <Text className='error-text'>{`发现 ${result.errors.length} 处错误，未导入任何预警。请修改表格后重新选择：`}</Text>
          {result.errors.map((e) => <Text key={`${e.row}:${e.message}`} className='import-error'>{`第 ${e.row} 行：${e.message}`}</Text>)}
        </View>
      )}
    </View>
  )
})
