import type { ChangeEvent } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { useStore } from '@/stores/stores-context'
import { regionStore } from '@/stores/region-store'
import { saveBlob } from '../save-blob'

/** H5 only: a browser file input feeds the XLSX; the mini-program has no file picker for this. */
export const RegionImportPanel = observer(function RegionImportPanel() {
  const regions = useStore(regionStore)
  const busy = regions.importing

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (file) void regions.previewImport(file, file.name)
    event.target.value = '' // choosing the same file again must trigger a new preview
  }

  const downloadTemplate = async () => {
    let blob: Blob
    try {
      blob = await regions.downloadTemplate()
    } catch (e) {
      void Taro.showToast({ title: e instanceof Error ? e.message : '模板下载失败', icon: 'none' })
      return
    }
    saveBlob(blob, '辖区导入模板.xlsx')
  }

  const preview = regions.importPreview
  return (
    <View className='import-panel'>
      <Text className='section-title'>导入辖区（Excel 表格）</Text>
      <Text className='hint'>先下载模板，按模板填写后选择文件；系统会先检查，确认无误后再导入。</Text>
      <Button className='big-button' size='large' block onClick={downloadTemplate}>
        下载导入模板
      </Button>
      <label className='big-button'>
        <Text>选择 .xlsx 文件：</Text>
        <input type='file' accept='.xlsx' aria-label='选择导入文件' disabled={busy} onChange={onFile} />
      </label>
      {busy && <Text className='hint'>正在处理，请稍候…</Text>}
      {regions.importError && <Text className='import-error'>导入失败：{regions.importError}</Text>}
      {preview && (
        <View className='card'>
          <Text className='card-title'>检查结果</Text>
          <Text>将新增 {preview.created} 个、更新 {preview.updated} 个区域</Text>
          {preview.errors.length > 0 ? (
            <View>
              <Text className='import-error'>发现 {preview.errors.length} 处错误，请修改表格后重新选择：</Text>
              {preview.errors.map((e) => (
                <Text key={`${e.row}:${e.message}`} className='import-error'>
                  第 {e.row} 行：{e.message}
                </Text>
              ))}
            </View>
          ) : (
            <Button className='big-button' type='primary' size='large' block disabled={!regions.canConfirmImport} onClick={() => void regions.confirmImport()}>
              确认导入
            </Button>
          )}
        </View>
      )}
      {regions.importResult && (
        <Text className='hint'>
          导入完成：新增 {regions.importResult.created} 个，更新 {regions.importResult.updated} 个区域
        </Text>
      )}
    </View>
  )
})
