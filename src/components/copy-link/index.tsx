import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import './index.scss'

/**
 * A 复制链接 button for pasting a link into a WeChat group. Staff see the link itself too (`showUrl`); a resident is
 * not asked to read an address full of ids. The link rides on the block as data-url, for whoever must check it.
 */
export function CopyLink({ url, showUrl = false, hint }: { url: string; showUrl?: boolean; hint?: string }) {
  const copy = () => void Taro.setClipboardData({ data: url }).catch(() => Taro.showToast({ title: '复制失败，请稍后再试', icon: 'none' }))
  return (
    <View className='copy-link' data-url={url}>
      {hint && <Text className='hint'>{hint}</Text>}
      {showUrl && <Text className='copy-link-url'>{url}</Text>}
      <Button className='big-button' type='primary' size='xlarge' block onClick={copy}>
        复制链接
      </Button>
    </View>
  )
}
