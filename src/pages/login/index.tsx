import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { DemoPersona } from '@/core/api-types'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/services/routes'
import { useStores } from '@/stores/stores-context'
import type { SessionStore } from '@/stores/session-store'

/** A grid worker signs in to work: take them straight to their workbench; everyone else back to 我的. */
function goOnAfterLogin(session: SessionStore) {
  if (session.isWorker) void Taro.redirectTo({ url: ROUTES.workerHome })
  else void Taro.switchTab({ url: ROUTES.me })
}

const PersonaCard = observer(function PersonaCard({ persona }: { persona: DemoPersona }) {
  const { session } = useStores()
  const busy = session.signingIn === persona.id
  const signIn = async () => {
    if (session.signingIn) return
    if (await session.loginWithDemoPersona(persona.id)) goOnAfterLogin(session)
  }
  return (
    <View className='card tap-target' hoverClass='card-hover' onClick={signIn}>
      <Text className='card-title'>{persona.label}</Text>
      <Text className='persona-name'>{persona.displayName}</Text>
      <Text className='hint'>{busy ? '正在登录…' : persona.description}</Text>
    </View>
  )
})

const DemoLogin = observer(function DemoLogin() {
  const { session } = useStores()
  useEffect(() => {
    void session.loadPersonas()
  }, [session])
  switch (session.personaState) {
    case 'idle':
    case 'loading':
      return <LoadingBlock />
    case 'unavailable':
      return <EmptyBlock title='H5 页面仅供演示，请在微信中打开小程序登录' />
    case 'error':
      return <ErrorBlock message={session.error ?? '加载失败'} onRetry={() => void session.loadPersonas()} />
    case 'ready':
      return (
        <View>
          <Text className='hint'>演示环境：点一下身份卡片即可登录</Text>
          {session.personas.map((p) => <PersonaCard key={p.id} persona={p} />)}
        </View>
      )
  }
})

const WeChatLogin = observer(function WeChatLogin() {
  const { session } = useStores()
  const signIn = async () => {
    if (await session.loginWithWeChat()) goOnAfterLogin(session)
  }
  return (
    <Button className='big-button' type='primary' size='xlarge' block loading={session.signingIn === 'wechat'} onClick={signIn}>
      微信一键登录
    </Button>
  )
})

export default observer(function LoginPage() {
  const { session } = useStores()
  return (
    <PageShell>
      <Text className='page-title'>登录反诈宣防通</Text>
      {process.env.TARO_ENV === 'weapp' ? <WeChatLogin /> : <DemoLogin />}
      {session.loginError && <Text className='error-text'>登录失败：{session.loginError}</Text>}
    </PageShell>
  )
})
