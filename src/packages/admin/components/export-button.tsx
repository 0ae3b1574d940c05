import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { errorMessage } from '@/stores/load-state'
import { saveBlob } from '../save-blob'

interface ExportButtonProps {
  /** What the saved file is called, and what the confirmation names. */
  fileName: string
  loading: boolean
  disabled?: boolean
  /** H5: the file's bytes, saved by the browser. */
  blob: () => Promise<Blob>
  /** Weapp: a local file, opened in WeChat's viewer from where it can be sent on. */
  file: () => Promise<string>
}

/**
 * 导出Excel that says it worked: a browser download is easy to miss on a phone, so a toast and a line under the
 * button name the file; a failure says why.
 */
export function ExportButton({ fileName, loading, disabled, blob, file }: ExportButtonProps) {
  const [saved, setSaved] = useState<string | null>(null)
  const run = async () => {
    setSaved(null)
    try {
      if (process.env.TARO_ENV === 'h5') saveBlob(await blob(), fileName)
      else await Taro.openDocument({ filePath: await file(), fileType: 'xlsx', showMenu: true })
      setSaved(fileName)
      void Taro.showToast({ title: `导出成功：${fileName}`, icon: 'none', duration: 2500 })
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }
  return (
    <View className='export-button'>
      <Button className='big-button' size='large' block loading={loading} disabled={disabled} onClick={() => void run()}>
        导出Excel
      </Button>
      {saved && <Text className='hint'>{`✓ 导出成功：${saved}`}</Text>}
    </View>
  )
}
