import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ROUTES } from '@/navigation/routes'

const ENTRIES = [
  { label: '回首页', url: ROUTES.home },
  { label: '学防骗', url: ROUTES.learn },
  { label: '每日答题', url: ROUTES.quiz },
] as const

/**
 * Where a resident goes next from a page reached through a forwarded link, which has nothing behind it to go back to
 * and, in H5, no tab bar.
 */
export function ResidentEntries() {
  return (
    <View className='card resident-entries'>
      <Text className='card-title'>看完了，再看看</Text>
      {ENTRIES.map((e) => (
        <Button key={e.url} className='big-button' size='large' block onClick={() => void Taro.switchTab({ url: e.url })}>
          {e.label}
        </Button>
      ))}
    </View>
  )
}
