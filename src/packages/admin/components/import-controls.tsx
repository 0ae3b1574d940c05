import type { ChangeEvent } from 'react'
import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { errorMessage } from '@/stores/load-state'
import { saveBlob } from '../save-blob'

/** 下载模板: the browser saves the file; a failure is said in a toast, since the panel has no room for it. */
export function TemplateButton({ download, fileName }: { download: () => Promise<Blob>; fileName: string }) {
  const onClick = async () => {
    try {
      saveBlob(await download(), fileName)
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }
  return (
    <Button className='big-button' size='large' block onClick={() => void onClick()}>
      下载模板
    </Button>
  )
}

interface SheetFileInputProps {
  /** '.xlsx' or '.xlsx,.csv'; the label names the same endings. */
  accept: string
  ariaLabel: string
  disabled: boolean
  onFile: (file: File) => void
}

/** H5 only: a browser file input; the mini-program has no picker for spreadsheets. */
export function SheetFileInput({ accept, ariaLabel, disabled, onFile }: SheetFileInputProps) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = '' // choosing the same file again must start over
    if (file) onFile(file)
  }
  return (
    <label className='big-button'>
      <Text>{`选择 ${accept.split(',').join(' 或 ')} 文件：`}</Text>
      <input type='file' accept={accept} aria-label={ariaLabel} disabled={disabled} onChange={onChange} />
    </label>
  )
}
