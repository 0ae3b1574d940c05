import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import type { WeChatGroup } from '@/contract/groups'
import { PageShell } from '@/components/page-shell'
import { SubscribeOptIn } from '@/components/subscribe-opt-in'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { TIER_NAMES } from '@/stores/reach-store'
import { useStore, useStores } from '@/stores/stores-context'
import { groupStore } from '@/stores/group-store'
import './index.scss'

const GroupCard = observer(function GroupCard({ group, homeRegionId }: { group: WeChatGroup; homeRegionId: string }) {
  const { session } = useStores()
  const groups = useStore(groupStore)
  const mine = group.ownerId !== null && group.ownerId === session.me?.id
  const owner = group.ownerId === null ? '无人认领' : mine ? '我负责' : `负责人：${group.ownerName ?? '—'}`
  return (
    <View className='card'>
      <Text className='card-title'>{group.name ?? '未标注的群'}</Text>
      <Text className='hint'>
        {group.tier ? TIER_NAMES[group.tier] : '类型未标注'} · {group.regionName ?? '村社未标注'} · {owner} · 首次出现 {group.firstSeenAt.slice(0, 10)}
      </Text>
      <Button
        className='big-button'
        size='large'
        block
        onClick={() => {
          groups.startLabel(group, homeRegionId)
          void Taro.navigateTo({ url: `${ROUTES.groupLabel}?id=${encodeURIComponent(group.id)}` })
        }}
      >
        {group.labelledAt ? '修改标注' : '标注并认领'}
      </Button>
    </View>
  )
})

/** A cadre labels the groups they own and claims the unlabelled ones that bulletins were opened from. */
export default observer(function GroupsPage() {
  const { session } = useStores()
  const groups = useStore(groupStore)
  const regionId = session.homeRegion()?.regionId

  useEffect(() => {
    if (regionId) void groups.load(regionId)
  }, [groups, regionId])

  if (!regionId) {
    return (
      <PageShell>
        <EmptyBlock title='您没有管理微信群的权限' description='群管理供派出所和村（社区）干部使用' />
      </PageShell>
    )
  }
  let body
  if (groups.state === 'error') body = <ErrorBlock message={groups.error ?? '加载失败'} onRetry={() => void groups.load(regionId)} />
  else if (groups.state !== 'ready') body = <LoadingBlock text='正在加载微信群…' />
  else if (groups.groups.length === 0) {
    body = <EmptyBlock title='还没有微信群' description='把通报转发到群里，群里有人打开后，群就会出现在这里' />
  } else body = groups.groups.map((g) => <GroupCard key={g.id} group={g} homeRegionId={regionId} />)
  return (
    <PageShell>
      <Text className='page-title'>群管理</Text>
      <SubscribeOptIn templateKey='bulletin_reminder' buttonText='开启转发提醒' />
      <View className='tag-choices'>
        <Tag className='tag-choice' type={groups.unlabelledOnly ? 'default' : 'primary'} plain={groups.unlabelledOnly} onClick={() => void groups.showUnlabelledOnly(false)}>
          {groups.unlabelledOnly ? '全部' : '✓ 全部'}
        </Tag>
        <Tag className='tag-choice' type={groups.unlabelledOnly ? 'primary' : 'default'} plain={!groups.unlabelledOnly} onClick={() => void groups.showUnlabelledOnly(true)}>
          {groups.unlabelledOnly ? `✓ 待标注（${groups.unlabelledCount}）` : '待标注'}
        </Tag>
      </View>
      {body}
    </PageShell>
  )
})
