import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { DescribedImage } from '@/components/described-image'
import './bulletin-poster.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** WeChat refuses the album until the user allows it; once refused, only the settings page can change that. */
async function saveToAlbum(url: string): Promise<void> {
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
  if (statusCode !== 200) throw new Error('poster download failed')
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
  } catch (e) {
    if (!/auth|authorize/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) throw e
    const { confirm } = await Taro.showModal({
      title: '需要相册权限',
      content: '保存海报需要您允许保存到相册，请在设置中打开“添加到相册”',
      confirmText: '去设置',
      cancelText: '取消',
    })
    if (!confirm) return
    const { authSetting } = await Taro.openSetting()
    if (!authSetting['scope.writePhotosAlbum']) return
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
  }
  await Taro.showToast({ title: '已保存到相册', icon: 'success' })
}

/** The poster the server draws for the bulletin, with 保存海报: to the album on weapp, a download link on H5. */
export function BulletinPoster({ url, fileName }: { url: string; fileName: string }) {
  const [saving, setSaving] = useState(false)
  const save = async () => {
    setSaving(true)
    try {
      await saveToAlbum(url)
    } catch {
      await Taro.showToast({ title: '保存失败，请稍后重试', icon: 'none' })
    } finally {
      setSaving(false)
    }
  }
  return (
    <View className='bulletin-poster-block'>
      <Text className='section-title'>通报海报</Text>
      {/* Below the fold and ~250 KB: fetched only as it nears the screen, not with the bulletin's text on Slow 3G. */}
      <DescribedImage className='bulletin-poster' src={url} mode='widthFix' lazyLoad alt='通报海报' />
      {isWeapp ? (
        <Button className='big-button' size='xlarge' block loading={saving} onClick={() => void save()}>
          保存海报
        </Button>
      ) : (
        <a className='big-button bulletin-download' href={url} download={fileName}>
          保存海报
        </a>
      )}
    </View>
  )
}
