import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Progress } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css'
import { useStore } from '@/stores/stores-context'
import { householdImportStore } from '@/stores/household-import-store'
import { SheetFileInput, TemplateButton } from './import-controls'

const ImportPreview = observer(function ImportPreview({ onConfirm }: { onConfirm: () => void }) {
  const householdImport = useStore(householdImportStore)
  const preview = householdImport.preview
  if (!preview) return null
  return (
    <View className='card'>
      <Text className='card-title'>检查结果</Text>
      <Text>{`共 ${preview.rows} 行，可新增 ${preview.created} 户`}</Text>
      {preview.errors.length > 0 ? (
        <View>
          <Text className='error-text'>发现 {preview.errors.length} 处错误，未导入任何数据。请修改表格后重新选择：</Text>
          {preview.errors.map((e) => (
            <Text key={`${e.row}:${e.message}`} className='import-error'>
              {e.message.startsWith('第') ? e.message : `第 ${e.row} 行：${e.message}`}
            </Text>
          ))}
        </View>
      ) : (
        <Button className='big-button' type='primary' size='large' block disabled={!householdImport.canConfirm} onClick={onConfirm}>
          确认导入
        </Button>
      )}
      {preview.preview.length > 0 && (
        <View>
          <Text className='section-title'>前 {preview.preview.length} 行预览</Text>
          {preview.preview.map((r) => (
            <Text key={r.row} className='hint'>
              {`第 ${r.row} 行：${r.address} · 户主 ${r.headName} · ${r.phoneMasked ?? '无电话'} · ${r.memberCount} 人${r.tags.length ? ` · ${r.tags.join('、')}` : ''}`}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
})

/** H5 only: a browser file input feeds the import; the mini-program has no picker for spreadsheets. */
export const HouseholdImportPanel = observer(function HouseholdImportPanel({ onImported }: { onImported: () => void }) {
  const householdImport = useStore(householdImportStore)

  const confirmAndRefresh = async () => {
    await householdImport.confirm()
    if (householdImport.result) onImported()
  }

  const uploaded = householdImport.uploaded
  return (
    <View className='import-panel'>
      <Text className='section-title'>导入住户（Excel 或 CSV）</Text>
      <Text className='hint'>先下载模板，按模板填写后选择文件；系统会先逐行检查，全部无误才能导入，导入时要么全部成功，要么一条也不写入。</Text>
      <TemplateButton download={() => householdImport.downloadTemplate()} fileName='住户导入模板.xlsx' />
      <SheetFileInput accept='.xlsx,.csv' purpose='选择住户导入文件' disabled={householdImport.busy} onFile={(file) => void householdImport.choose(file, file.name)} />
      {householdImport.progressText && (
        <View role='status'>
          <Text className='hint'>{householdImport.progressText}</Text>
          {uploaded !== null && <Progress percent={Math.round(uploaded * 100)} showText ariaLabel='上传进度' />}
        </View>
      )}
      {householdImport.error && <Text className='error-text'>导入失败：{householdImport.error}</Text>}
      <ImportPreview onConfirm={() => void confirmAndRefresh()} />
      {householdImport.result && <Text className='hint'>导入完成：新增 {householdImport.result.created} 户</Text>}
    </View>
  )
})
