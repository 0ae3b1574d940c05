import { useEffect, useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { formatLoss } from '@/components/bulletin-view'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { STATUS_LABELS } from '@/stores/bulletin-admin-store'
import { useStore, useStores } from '@/stores/stores-context'
import { bulletinAdminStore } from '@/stores/bulletin-admin-store'

const editUrl = (id?: string) => (id ? `${ROUTES.bulletinEdit}?id=${encodeURIComponent(id)}` : ROUTES.bulletinEdit)

/** The station's bulletins, drafts included, newest first. */
export default observer(function BulletinManagePage() {
  const { session } = useStores()
  const bulletinAdmin = useStore(bulletinAdminStore)
  const { list } = bulletinAdmin
  const regionId = session.homeRegion()?.regionId

  const shown = useRef(false)

  useEffect(() => {
    if (regionId) void bulletinAdmin.loadList(regionId)
  }, [bulletinAdmin, regionId])
  // Back from the editor: a bulletin may have been published or retracted.
  useDidShow(() => {
    if (shown.current && regionId) void bulletinAdmin.loadList(regionId)
    shown.current = true
  })

  if (!regionId) {
    return (
      <PageShell>
        <EmptyBlock title='您没有管理通报的权限' description='通报由派出所编写和发布' />
      </PageShell>
    )
  }
  let body
  if (list.state === 'idle' || list.state === 'loading') body = <LoadingBlock text='正在加载通报…' />
  else if (list.state === 'error') body = <ErrorBlock message={list.error ?? '加载失败'} onRetry={() => void bulletinAdmin.loadList(regionId)} />
  else if (list.isEmpty) body = <EmptyBlock title='还没有通报' description='点上方“新建通报”编写第一条' />
  else {
    body = (
      <View>
        {list.items.map((b) => (
          <View key={b.id} className='card tap-target' role='button' hoverClass='card-hover' onClick={() => void Taro.navigateTo({ url: editUrl(b.id) })}>
            <Text className='card-title'>{b.title}</Text>
            <Text className='hint'>
              {STATUS_LABELS[b.status]} · {b.bulletinDate} · {b.caseCount} 起 · {formatLoss(b.totalLossYuan)} · 第 {b.version} 版
            </Text>
          </View>
        ))}
        {list.hasMore && (
          <Button className='big-button' size='large' block loading={list.loadingMore} onClick={() => void bulletinAdmin.loadMoreList(regionId)}>
            加载更多
          </Button>
        )}
      </View>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>通报管理</Text>
      <Button className='big-button' type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: editUrl() })}>
        新建通报
      </Button>
      {body}
    </PageShell>
  )
})
