import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { learnPosterStore } from '@/stores/learn-poster-store'
import { LearnPosterSheets } from '../../components/learn-poster-sheets'
import './index.scss'

const isH5 = process.env.TARO_ENV === 'h5'

/** A chip that is on or off; the chosen one carries a ✓ as well as the filled style, so colour is not the only sign. */
function ToggleChip({ label, on, onToggle }: { label: string; on: boolean; onToggle: () => void }) {
  return (
    <Button className='learn-poster-chip' size='small' type={on ? 'primary' : 'default'} onClick={onToggle}>
      {on ? `✓ ${label}` : label}
    </Button>
  )
}

const Choice = observer(function Choice() {
  const learnPosters = useStore(learnPosterStore)
  return (
    <View>
      <Text className='section-title'>选择骗局类型</Text>
      <View className='learn-poster-chips' role='group' aria-label='骗局类型'>
        {learnPosters.fraudTypes.map((t) => (
          <ToggleChip key={t.key} label={t.name} on={learnPosters.isChosen(t.key)} onToggle={() => learnPosters.toggle(t.key)} />
        ))}
      </View>
      <View className='learn-poster-chips'>
        <Button className='learn-poster-chip' size='small' onClick={() => learnPosters.chooseAll()}>全选</Button>
        <Button className='learn-poster-chip' size='small' onClick={() => learnPosters.chooseNone()}>全不选</Button>
      </View>
      <View className='learn-poster-chips' role='group' aria-label='学习路径'>
        <ToggleChip label='学习路径' on={learnPosters.includePath} onToggle={() => learnPosters.togglePath()} />
      </View>
      {learnPosters.nothingChosen && <Text className='hint'>请至少选择一种骗局或学习路径</Text>}
      <Button
        className='big-button'
        type='primary'
        size='large'
        block
        disabled={learnPosters.nothingChosen || learnPosters.state === 'loading'}
        onClick={() => void learnPosters.generate()}
      >
        生成海报
      </Button>
    </View>
  )
})

const Preview = observer(function Preview() {
  const learnPosters = useStore(learnPosterStore)
  const { sheet } = learnPosters
  if (learnPosters.state === 'idle') return null
  if (learnPosters.state === 'loading') return <LoadingBlock text='正在生成海报…' />
  if (learnPosters.state === 'error' || !sheet) {
    return <ErrorBlock message={learnPosters.error ?? '生成失败'} onRetry={() => void learnPosters.generate()} />
  }
  return (
    <View>
      <View className='no-print'>
        <Text className='hint'>共 {sheet.posters.length} 张海报，每张一页 A4</Text>
        {isH5 ? (
          <Button className='big-button' type='primary' size='large' block onClick={() => window.print()}>
            打印
          </Button>
        ) : (
          <Text className='hint'>请在电脑浏览器中打开管理后台的“扫码学习海报”进行打印。</Text>
        )}
      </View>
      <LearnPosterSheets sheet={sheet} />
    </View>
  )
})

/** Posters for 院坝会 and 赶大集: residents scan to read a fraud type, or to follow the whole learning path. */
export default observer(function LearnPostersPage() {
  const { session } = useStores()
  if (!session.can('activity.write')) {
    return (
      <PageShell>
        <EmptyBlock title='您没有打印海报的权限' description='扫码学习海报供派出所、村（社区）干部和网格员在宣传活动中使用' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <View className='no-print'>
        <Text className='page-title'>扫码学习海报</Text>
        <Text className='hint'>每类骗局一张海报，居民扫码即可阅读；学习路径海报带居民依次学完各类骗局，再做每日答题。</Text>
        <Choice />
      </View>
      <Preview />
    </PageShell>
  )
})
