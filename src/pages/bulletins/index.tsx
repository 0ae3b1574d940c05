import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { BulletinLinkCard } from '@/components/bulletin-link-card'
import { formatLoss } from '@/components/bulletin-view'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStores } from '@/stores/stores-context'

/** Published bulletins, newest first; readable without signing in. */
export default observer(function BulletinsPage() {
  const { bulletins } = useStores()
  const { list } = bulletins

  useEffect(() => {
    void bulletins.loadList()
  }, [bulletins])

  let body
  if (list.state === 'idle' || list.state === 'loading') body = <LoadingBlock text='正在加载通报…' />
  else if (list.state === 'error') body = <ErrorBlock message={list.error ?? '加载失败'} onRetry={() => void bulletins.loadList()} />
  else if (list.isEmpty) body = <EmptyBlock title='还没有发布通报' description='派出所每天发布前一天的警情通报，请稍后再来看看' />
  else {
    body = (
      <View>
        {list.items.map((b) => (
          <BulletinLinkCard key={b.id} id={b.id} title={b.title} hint={`${b.bulletinDate} · ${b.caseCount} 起案例 · 损失合计 ${formatLoss(b.totalLossYuan)}`} />
        ))}
        {list.hasMore && (
          <Button className='big-button' size='large' block loading={list.loadingMore} onClick={() => void bulletins.loadMoreList()}>
            加载更多
          </Button>
        )}
      </View>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>每日警情通报</Text>
      {body}
    </PageShell>
  )
})
