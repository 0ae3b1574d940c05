import { Image, View } from '@tarojs/components'
import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css'
import emptyPng from '@/assets/state/empty.png'
import errorPng from '@/assets/state/error.png'
import emptySvg from '@/assets/state/empty.svg'
import errorSvg from '@/assets/state/error.svg'
import './index.scss'

// NutUI's default pictures load from a JD CDN: our own (scripts/draw-icons.js) keep pages offline-safe and free of
// third-party requests. H5 takes the SVGs, small enough for the build to inline, so an error page shown offline
// still has its picture; the weapp takes the PNGs, which ship in its package.
const PICTURES = process.env.TARO_ENV === 'h5' ? { empty: emptySvg, error: errorSvg } : { empty: emptyPng, error: errorPng }

// They only illustrate the title beside them, so screen readers skip them.
function Illustration({ kind }: { kind: 'empty' | 'error' }) {
  return (
    <View className='state-illustration' aria-hidden='true'>
      <Image className={`state-picture state-picture-${kind}`} src={PICTURES[kind]} />
    </View>
  )
}

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
      <Empty status='error' image={<Illustration kind='error' />} title='加载失败' description={message} />
      {onRetry && (
        <Button className='big-button' type='primary' size='large' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}

/** `action`: where to go instead, for a page that has nothing to show and nothing a retry would bring. */
export function EmptyBlock({ title, description, action }: {
  title: string
  description?: string
  action?: { label: string; onClick: () => void }
}) {
  return (
    <View className='state-block'>
      <Empty status='empty' image={<Illustration kind='empty' />} title={title} description={description} />
      {action && (
        <Button className='big-button' type='primary' size='large' onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </View>
  )
}
