import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CareModeSwitch } from '@/components/care-mode-switch'
import { HotlineCard } from '@/components/hotline-card'
import { PageShell } from '@/components/page-shell'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'
import { CareModeOffer } from './care-mode-offer'
import './index.scss'

export default observer(function HomePage() {
  const { ui, session } = useStores()
  const careMode = ui.careMode
  // A first-time person with no role yet: ask where they live before anything else.
  const askResidence = session.isSignedIn && session.roles.length === 0
  return (
    <PageShell className={careMode ? 'care-home' : undefined}>
      <Text className='page-title'>反诈宣防通</Text>
      {!careMode && <Text className='hint'>看通报、学防骗、做答题，守好自己和家人的钱袋子</Text>}
      <CareModeOffer />
      {askResidence && (
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: ROUTES.residence })}>
          登记我住的村（社区）
        </Button>
      )}
      <Button
        className='big-button'
        type='primary'
        size='xlarge'
        block
        onClick={() => Taro.navigateTo({ url: ROUTES.bulletins })}
      >
        看通报
      </Button>
      <Button className='big-button' size='xlarge' block onClick={() => Taro.switchTab({ url: ROUTES.learn })}>
        学防骗
      </Button>
      <Button className='big-button' size='xlarge' block onClick={() => Taro.switchTab({ url: ROUTES.quiz })}>
        每日答题
      </Button>
      {/* 关怀模式 keeps only the three things an elderly resident comes for, and the calls for help. */}
      {!careMode && (
        <Button className='big-button' size='xlarge' block onClick={() => Taro.navigateTo({ url: ROUTES.prizes })}>
          领奖品
        </Button>
      )}
      <HotlineCard />
      {/* Reachable where an older resident starts, in both modes: whoever turned it on can turn it off here too. */}
      <CareModeSwitch />
    </PageShell>
  )
})
