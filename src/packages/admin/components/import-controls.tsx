import { useState, type ChangeEvent } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { errorMessage } from '@/stores/load-state'
import { saveBlob } from '../save-blob'
import './import-controls.scss'

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
  /** What a screen reader hears for the input, e.g. 选择住户导入文件. */
  purpose: string
  disabled: boolean
  onFile: (file: File) => void
}

/**
 * H5 only: a 选择文件 button over the browser's file input (kept in the page, invisible, so that it still takes focus
 * and files), the chosen file's name beside it, and which file is wanted. The mini-program has no picker for spreadsheets.
 */
export function SheetFileInput({ accept, purpose, disabled, onFile }: SheetFileInputProps) {
  const [chosen, setChosen] = useState<string | null>(null)
  const endings = accept.split(',').join(' 或 ')
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = '' // choosing the same file again must start over
    if (file) {
      setChosen(file.name)
      onFile(file)
    }
  }
  return (
    <View className='sheet-file'>
      <label className={`sheet-file__pick${disabled ? ' sheet-file__pick--disabled' : ''}`}>
        {/* The H5 build drops aria-* props on the way to a native input: the label's own words name it instead. */}
        <input className='sheet-file__input' type='file' accept={accept} disabled={disabled} onChange={onChange} />
        <Text className='sheet-file__unseen'>{purpose}</Text>
        <Text className='sheet-file__button'>选择文件</Text>
        <Text className='sheet-file__name'>{chosen ? `已选择：${chosen}` : '未选择文件'}</Text>
      </label>
      <Text className='hint'>{`请选择按「下载模板」填写好的 ${endings} 文件`}</Text>
    </View>
  )
}
