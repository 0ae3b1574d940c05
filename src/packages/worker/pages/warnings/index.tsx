import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { WarningListItem } from '@/contract/warnings'
import { PageShell } from '@/components/page-shell'
import { SubscribeOptIn } from '@/components/subscribe-opt-in'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { WarningCard } from '@/components/warning-card'
import { ROUTES } from '@/navigation/routes'
import { useStore, useStores } from '@/stores/stores-context'
import { warningStore } from '@/stores/warning-store'

const openWarning = (w: WarningListItem) => void Taro.navigateTo({ url: `${ROUTES.warning}?id=${encodeURIComponent(w.id)}` })

const Queue = observer(function Queue() {
  const warnings = useStore(warningStore)
  if (warnings.state === 'idle' || warnings.state === 'loading') return <LoadingBlock text='正在加载预警…' />
  if (warnings.state === 'error') return <ErrorBlock message={warnings.error ?? '加载失败'} onRetry={() => void warnings.load()} />
  return (
    <View>
      {warnings.error && <Text className='error-text'>{`刷新失败：${warnings.error}`}</Text>}
      <Text className='section-title'>{`待处置 ${warnings.open.length} 条`}</Text>
      {warnings.open.length === 0
        ? <EmptyBlock title='暂无待处置预警' description='有新预警时会出现在这里' />
        : warnings.open.map((w) => <WarningCard key={w.id} warning={w} onOpen={() => openWarning(w)} />)}
      {warnings.closed.length > 0 && (
        <View>
          <Text className='section-title'>近 7 天已处置</Text>
          {warnings.closed.map((w) => <WarningCard key={w.id} warning={w} onOpen={() => openWarning(w)} />)}
        </View>
      )}
    </View>
  )
})

/** The dissuader's queue, soonest deadline first. Pulling down (or 刷新) asks the server again. */
export default observer(function WarningQueuePage() {
  const { session } = useStores()
  const warnings = useStore(warningStore)

  useEffect(() => {
    if (session.isSignedIn) void warnings.load()
  }, [session.isSignedIn, warnings])

  // Back from a warning just handled: the queue shows where it stands now.
  useDidShow(() => {
    if (warnings.state === 'ready') void warnings.load()
  })

  usePullDownRefresh(() => {
    void warnings.load().finally(() => Taro.stopPullDownRefresh())
  })

  if (!session.isSignedIn) {
    return (
      <PageShell>
        <Text className='page-title'>预警处置</Text>
        <EmptyBlock title='请先登录' />
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: ROUTES.login })}>
          登录
        </Button>
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>预警处置</Text>
      <Button className='big-button' size='large' block onClick={() => void warnings.load()}>
        刷新
      </Button>
      <Queue />
      <SubscribeOptIn templateKey='warning_overdue' buttonText='开启超时提醒' />
    </PageShell>
  )
})
