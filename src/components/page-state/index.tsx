import { View } from '@tarojs/components'
import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css'

// NutUI's default pictures load from a JD CDN: a drawn placeholder keeps pages offline-safe and free of third-party requests.
const stateIcon = <View className='state-icon' />

/** Loading, error and empty blocks shared by all pages, so each state reads the same everywhere. */
export function LoadingBlock({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='state-block'>
      <Loading direction='vertical'>{text}</Loading>
    </View>
  )
}

export function ErrorBlock({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state-block'>
      <Empty status='error' image={stateIcon} title='加载失败' description={message} />
      {onRetry && (
        <Button className='big-button' type='primary' size='large' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}

export function EmptyBlock({ title, description }: { title: string; description?: string }) {
  return (
    <View className='state-block'>
      <Empty status='empty' image={stateIcon} title={title} description={description} />
    </View>
  )
}
