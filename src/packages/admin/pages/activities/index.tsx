import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { ActivityKind } from '@/core/activities'
import type { ActivityListItem } from '@/contract/activities'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { activityStore } from '@/stores/activity-store'
import { FilterChips, type ChipOption } from '../../components/filter-chips'
import { ROUTES } from '@/navigation/routes'
import './index.scss'
import { DescribedImage } from '@/components/described-image'

const ALL_KINDS: ChipOption<ActivityKind | undefined> = { value: undefined, label: '全部' }

const MonthSwitcher = observer(function MonthSwitcher() {
  const activities = useStore(activityStore)
  return (
    <View className='month-switcher'>
      <Button className='month-step' size='small' onClick={() => void activities.switchMonth(-1)}>‹ 上月</Button>
      <Text className='month-label'>{activities.monthText}</Text>
      <Button className='month-step' size='small' onClick={() => void activities.switchMonth(1)}>下月 ›</Button>
    </View>
  )
})

const ActivityCard = observer(function ActivityCard({ item }: { item: ActivityListItem }) {
  const activities = useStore(activityStore)
  const open = () => void Taro.navigateTo({ url: `${ROUTES.activityEdit}?id=${item.id}` })
  return (
    <View className='card tap-target' role='button' hoverClass='card-hover' onClick={open}>
      <Text className='card-title'>{`【${activities.kindName(item.kind)}】${item.title}`}</Text>
      <Text className='hint'>{`${activities.heldAtText(item.heldAt)} · ${item.place}`}</Text>
      <Text className='hint'>{`${item.regionName} · 参加 ${item.attendance} 人 · 照片 ${item.photoCount} 张`}</Text>
      {item.thumbnails.length > 0 && (
        <View className='activity-thumbs'>
          {item.thumbnails.map((path, i) => (
            <DescribedImage key={path} className='activity-thumb' mode='aspectFill' src={activities.photoSrc.get(path) ?? ''} alt={`${item.title} 照片${i + 1}`} />
          ))}
        </View>
      )}
    </View>
  )
})

const ActivityList = observer(function ActivityList() {
  const activities = useStore(activityStore)
  if (activities.state === 'error') {
    return <ErrorBlock message={activities.error ?? '加载失败'} onRetry={() => void activities.switchMonth(0)} />
  }
  if (activities.state !== 'ready') return <LoadingBlock />
  if (activities.items.length === 0) {
    return <EmptyBlock title={`${activities.monthText}还没有活动记录`} description='点“登记活动”记下院坝会、赶大集、进校园等宣传活动' />
  }
  return (
    <View>
      <Text className='hint'>{`共 ${activities.total} 场，参加 ${activities.items.reduce((sum, a) => sum + a.attendance, 0)} 人次`}</Text>
      {activities.items.map((item) => <ActivityCard key={item.id} item={item} />)}
    </View>
  )
})

export default observer(function ActivitiesPage() {
  const { session } = useStores()
  const activities = useStore(activityStore)
  const home = session.homeRegion('activity.read')

  useEffect(() => {
    if (home && activities.state === 'idle') void activities.loadThisMonth(home.regionId)
  }, [home, activities])
  // Back from the form: show what was added, changed or deleted there.
  useDidShow(() => {
    if (activities.state === 'ready') void activities.switchMonth(0)
  })

  if (!home) {
    return (
      <PageShell>
        <EmptyBlock title='您没有查看宣传活动的权限' description='宣传活动由派出所和村（社区）干部登记' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>宣传活动</Text>
      <Text className='section-title'>{`范围：${home.regionName}`}</Text>
      <Button className='big-button' type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: ROUTES.activityEdit })}>
        登记活动
      </Button>
      <MonthSwitcher />
      <FilterChips label='活动类型' options={[ALL_KINDS, ...activities.kindChoices]} value={activities.kind ?? undefined} onChange={(kind) => void activities.chooseKind(kind ?? null)} />
      <ActivityList />
    </PageShell>
  )
})
