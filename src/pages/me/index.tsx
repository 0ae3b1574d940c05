import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Cell, CellGroup, Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { CareModeSwitch } from '@/components/care-mode-switch'
import { PageShell } from '@/components/page-shell'
import { ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'
import './index.scss'

function PrivacyLink() {
  return <Cell className='tap-target' title='隐私政策' extra='查看' clickable onClick={() => Taro.navigateTo({ url: ROUTES.privacy })} />
}

/** A first-time person has no role at all: where they live is the one thing to ask, big and first. */
function ResidencePrompt() {
  const go = () => void Taro.navigateTo({ url: ROUTES.residence })
  return (
    <View className='card tap-target me-residence-prompt' role='button' hoverClass='card-hover' onClick={go}>
      <Text className='card-title'>您住在哪个村（社区）？</Text>
      <Text className='hint'>登记后可参加本村每日答题、领奖品，看本村的反诈提醒</Text>
      <Text className='me-residence-go'>去登记 ›</Text>
    </View>
  )
}

const SignedIn = observer(function SignedIn() {
  const { session } = useStores()
  const [confirming, setConfirming] = useState(false)
  const me = session.me
  if (!me) return null
  const home = me.roles.find((r) => r.role === 'resident')
  return (
    <View>
      {me.roles.length === 0 && <ResidencePrompt />}
      <View className='card'>
        <Text className='card-title'>{me.displayName}</Text>
        {me.roles.map((r) => (
          <Text key={`${r.role}:${r.regionId}`} className='hint'>
            {session.roleAt(r)}
          </Text>
        ))}
      </View>
      <CellGroup>
        {session.isWorker && (
          <Cell className='tap-target' title='网格员工作台' extra='进入' clickable onClick={() => Taro.navigateTo({ url: ROUTES.workerHome })} />
        )}
        {session.isDissuader && (
          <Cell className='tap-target' title='预警处置' extra='进入' clickable onClick={() => Taro.navigateTo({ url: ROUTES.warnings })} />
        )}
        {session.isAdminOrCadre && (
          <Cell className='tap-target' title='管理后台' extra='进入' clickable onClick={() => Taro.navigateTo({ url: ROUTES.adminHome })} />
        )}
        {session.isWorker && !session.isAdminOrCadre && (
          <>
            <Cell className='tap-target' title='宣传活动' extra='登记' clickable onClick={() => Taro.navigateTo({ url: ROUTES.activities })} />
            <Cell className='tap-target' title='扫码学习海报' extra='打印' clickable onClick={() => Taro.navigateTo({ url: ROUTES.learnPosters })} />
          </>
        )}
        {home && (
          <Cell className='tap-target' title={`居住地 · ${home.regionName}`} extra='更改' clickable onClick={() => Taro.navigateTo({ url: ROUTES.residence })} />
        )}
        <Cell className='tap-target' title='我的奖品' extra='查看' clickable onClick={() => Taro.navigateTo({ url: ROUTES.prizes })} />
        <Cell className='tap-target' title='输入邀请码' description='工作人员加入时使用' extra='输入' clickable onClick={() => Taro.navigateTo({ url: ROUTES.join })} />
        <Cell className='tap-target' title='我的数据' extra='查看' clickable onClick={() => Taro.navigateTo({ url: ROUTES.myData })} />
        <PrivacyLink />
      </CellGroup>
      <CareModeSwitch />
      <Button className='big-button' size='large' block onClick={() => setConfirming(true)}>
        退出登录
      </Button>
      <Dialog
        visible={confirming}
        title='退出登录'
        content='确定要退出登录吗？'
        confirmText='退出'
        cancelText='取消'
        onConfirm={() => {
          setConfirming(false)
          void session.logout()
        }}
        onCancel={() => setConfirming(false)}
      />
    </View>
  )
})

export default observer(function MePage() {
  const { session } = useStores()
  let body
  if (session.isSignedIn) body = <SignedIn />
  else if (session.hasToken && session.meState === 'loading') body = <LoadingBlock />
  else if (session.hasToken && session.meState === 'error') {
    body = <ErrorBlock message={session.meError ?? '加载失败'} onRetry={() => void session.loadMe()} />
  } else {
    body = (
      <View>
        {session.endedBecause && <Text className='error-text'>{session.endedBecause}</Text>}
        <Text className='hint'>点下方按钮，查看您的身份和工作入口</Text>
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: ROUTES.login })}>
          登录
        </Button>
        <CareModeSwitch />
        <CellGroup>
          <PrivacyLink />
        </CellGroup>
      </View>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>我的</Text>
      {body}
    </PageShell>
  )
})
