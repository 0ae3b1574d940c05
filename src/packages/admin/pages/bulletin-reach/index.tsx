import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { useStore, useStores } from '@/stores/stores-context'
import { reachStore } from '@/stores/reach-store'
import { FilterChips } from '../../components/filter-chips'
import { CadreTable, DailyChart, NotReachedList, OutboxList, ReachSummary, ShareTree } from '../../components/bulletin-reach-panels'
import './index.scss'

const WINDOWS = [6, 24, 48].map((h) => ({ value: String(h), label: `${h} 小时内` }))

const BulletinReachBlock = observer(function BulletinReachBlock({ id }: { id: string }) {
  const reach = useStore(reachStore)
  if (reach.state === 'error') return <ErrorBlock message={reach.error ?? '加载失败'} onRetry={() => void reach.reload()} />
  if (reach.state !== 'ready') return <LoadingBlock text='正在统计转发情况…' />
  return (
    <View>
      <FilterChips
        label='统计时段'
        options={WINDOWS}
        value={String(reach.withinHours)}
        onChange={(h) => void reach.loadBulletin(id, Number(h))}
      />
      <ReachSummary />
      <NotReachedList />
      <ShareTree />
    </View>
  )
})

/** Without a bulletin chosen: the published ones to choose from. */
const BulletinChooser = observer(function BulletinChooser() {
  const { bulletins } = useStores()
  const { list } = bulletins
  useEffect(() => {
    void bulletins.loadList()
  }, [bulletins])
  if (list.state === 'error') return <ErrorBlock message={list.error ?? '加载失败'} onRetry={() => void bulletins.loadList()} />
  if (list.state !== 'ready') return <LoadingBlock />
  if (list.isEmpty) return <EmptyBlock title='还没有已发布的通报' />
  return (
    <View>
      <Text className='section-title'>选择通报查看转发情况</Text>
      {list.items.map((b) => (
        <View key={b.id} className='card tap-target' role='button' hoverClass='card-hover'
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.bulletinReach}?id=${encodeURIComponent(b.id)}` })}>
          <Text className='card-title'>{b.title}</Text>
          <Text className='hint'>{b.bulletinDate}</Text>
        </View>
      ))}
    </View>
  )
})

const RegionBlock = observer(function RegionBlock({ regionId }: { regionId: string }) {
  const reach = useStore(reachStore)
  if (reach.regionState === 'error') return <ErrorBlock message={reach.regionError ?? '加载失败'} onRetry={() => void reach.loadRegion(regionId)} />
  if (reach.regionState !== 'ready') return <LoadingBlock />
  return (
    <View>
      <DailyChart />
      <CadreTable />
      <OutboxList />
    </View>
  )
})

/** One bulletin's reach (`id`), and the region's daily reach, cadres' forwarding and reminder outbox. */
export default observer(function BulletinReachPage() {
  const { session } = useStores()
  const reach = useStore(reachStore)
  const { params } = useRouter()
  const id = params.id
  const regionId = session.homeRegion()?.regionId

  useEffect(() => {
    if (id) void reach.loadBulletin(id)
  }, [reach, id])
  useEffect(() => {
    if (regionId) void reach.loadRegion(regionId)
  }, [reach, regionId])

  if (!regionId) {
    return (
      <PageShell>
        <EmptyBlock title='您没有查看转发情况的权限' description='转发情况供派出所和村（社区）干部查看' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>转发情况</Text>
      {id ? <BulletinReachBlock id={id} /> : <BulletinChooser />}
      <Text className='section-title'>辖区汇总</Text>
      <RegionBlock regionId={regionId} />
    </PageShell>
  )
})
