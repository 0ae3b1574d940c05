import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import './index.scss'

/** A link shown in full, for reading out or long-pressing, and a 复制链接 button for pasting it into a group. */
export function CopyLink({ url }: { url: string }) {
  const copy = () => void Taro.setClipboardData({ data: url }).catch(() => Taro.showToast({ title: '复制失败，请长按链接复制', icon: 'none' }))
  return (
    <View>
      <Text className='copy-link-url'>{url}</Text>
      <Button className='big-button' type='primary' size='xlarge' block onClick={copy}>
        复制链接
      </Button>
    </View>
  )
}
