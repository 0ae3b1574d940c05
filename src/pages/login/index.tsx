import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import type { DemoPersona } from '@/contract/auth'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { goBackOr } from '@/navigation/go-back'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'
import type { SessionStore } from '@/stores/session-store'

/**
 * Sent here by a page that needs a signed-in person (a door label's 我住这里, an invitation): back to that page.
 * Otherwise a grid worker signs in to work: take them straight to their workbench; everyone else back to 我的.
 */
function goOnAfterLogin(session: SessionStore, back: boolean) {
  if (back) goBackOr(ROUTES.me)
  else if (session.isWorker) void Taro.redirectTo({ url: ROUTES.workerHome })
  else void Taro.switchTab({ url: ROUTES.me })
}

const PersonaCard = observer(function PersonaCard({ persona }: { persona: DemoPersona }) {
  const { session } = useStores()
  const back = useRouter().params.back === '1'
  const busy = session.signingIn === persona.id
  const signIn = async () => {
    if (session.signingIn) return
    if (await session.loginWithDemoPersona(persona.id)) goOnAfterLogin(session, back)
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
      return <ErrorBlock message={session.personaError ?? '加载失败'} onRetry={() => void session.loadPersonas()} />
    case 'ready':
      return (
        <View>
          <Text className='hint'>演示环境：点一下身份卡片即可登录</Text>
          {session.personas.map((p) => <PersonaCard key={p.id} persona={p} />)}
          <DemoSignup />
        </View>
      )
  }
})

/** A first-time visitor in the demo: a new account with no roles, which 我的 then asks for its village. */
const DemoSignup = observer(function DemoSignup() {
  const { session } = useStores()
  const back = useRouter().params.back === '1'
  const [name, setName] = useState('')
  const busy = session.signingIn === 'signup'
  const signUp = async () => {
    if (!name.trim() || session.signingIn) return
    if (await session.signUpDemo(name)) goOnAfterLogin(session, back)
  }
  return (
    <View className='card'>
      <Text className='card-title'>新用户注册体验</Text>
      <Text className='hint'>像第一次打开小程序的居民一样：没有任何身份，登录后登记居住地或输入邀请码</Text>
      <Input value={name} placeholder='您的称呼，如：李阿姨' maxLength={20} onChange={setName} />
      <Button className='big-button' type='primary' size='large' block loading={busy} disabled={!name.trim()} onClick={() => void signUp()}>
        注册并登录
      </Button>
    </View>
  )
})

const WeChatLogin = observer(function WeChatLogin() {
  const { session } = useStores()
  const back = useRouter().params.back === '1'
  const signIn = async () => {
    if (await session.loginWithWeChat()) goOnAfterLogin(session, back)
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
