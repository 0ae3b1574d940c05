import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Cell, CellGroup, SearchBar, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import type { HouseholdSummary } from '@/contract/households'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { SyncBanner } from '@/components/sync-banner'
import { ROUTES } from '@/navigation/routes'
import { useStore, useStores } from '@/stores/stores-context'
import { householdStore } from '@/stores/household-store'
import { pledgeStore } from '@/stores/pledge-store'
import { GridProgress } from '../../components/grid-progress'
import { PatrolPlan } from '../../components/patrol-plan'
import { PledgeEntry } from '../../components/pledge-entry'
import { ScanDoorButton } from '../../components/scan-door-button'
import { useOpenVisitForm } from '../../open-visit-form'
import './index.scss'

function HouseholdCell({ household }: { household: HouseholdSummary }) {
  const openVisitForm = useOpenVisitForm()
  return (
    <Cell
      className='tap-target'
      clickable
      onClick={() => openVisitForm(household)}
      title={`${household.code} · ${household.address}`}
      description={
        <View>
          <Text className='hint'>
            户主 {household.headName} · {household.phoneMasked ?? '无联系电话'} · {household.memberCount} 人
          </Text>
          <View className='household-tags'>
            {household.tags.map((tag) => (
              <Tag key={tag} className='household-tag' type='warning' plain>
                {tag}
              </Tag>
            ))}
          </View>
          <PledgeEntry household={household} />
        </View>
      }
    />
  )
}

const HouseholdList = observer(function HouseholdList() {
  const households = useStore(householdStore)
  if (households.state === 'idle' || households.state === 'loading') return <LoadingBlock text='正在加载住户…' />
  if (households.state === 'error') {
    return <ErrorBlock message={households.error ?? '加载失败'} onRetry={() => void households.search()} />
  }
  if (households.isEmpty) {
    return <EmptyBlock title={households.query ? '没有找到符合条件的住户' : '本网格还没有住户'} description='可以换个关键词再搜索' />
  }
  return (
    <View>
      <Text className='hint'>共 {households.total} 户，已显示 {households.items.length} 户</Text>
      <CellGroup>
        {households.items.map((h) => <HouseholdCell key={h.id} household={h} />)}
      </CellGroup>
      {households.hasMore && (
        <Button className='big-button' size='large' block loading={households.loadingMore} onClick={() => void households.loadMore()}>
          加载更多
        </Button>
      )}
    </View>
  )
})

export default observer(function WorkerHome() {
  const { session } = useStores()
  const households = useStore(householdStore)
  const pledge = useStore(pledgeStore)
  const grids = session.workerGrids
  const firstGridId = grids[0]?.regionId

  // Fetched while there is network, and kept in storage: the pledge form then opens offline at the door.
  useEffect(() => {
    if (session.isSignedIn) void pledge.loadTemplate()
  }, [session.isSignedIn, pledge])

  useEffect(() => {
    if (firstGridId && !grids.some((g) => g.regionId === households.gridId)) void households.selectGrid(firstGridId)
  }, [firstGridId, grids, households])

  // A start without network cannot confirm the stored session yet: say so instead of asking to sign in again.
  if (!session.isSignedIn && session.hasToken && session.meState !== 'error') {
    return <PageShell><Text className='page-title'>网格员工作台</Text><LoadingBlock /></PageShell>
  }
  if (!session.isSignedIn && session.hasToken) {
    return (
      <PageShell>
        <Text className='page-title'>网格员工作台</Text>
        <ErrorBlock message={session.meError ?? '加载失败'} onRetry={() => void session.loadMe()} />
        <Text className='hint'>未上传的走访和承诺书仍保存在手机上，联网后会自动上传。</Text>
      </PageShell>
    )
  }
  if (!session.isSignedIn) {
    return (
      <PageShell>
        <Text className='page-title'>网格员工作台</Text>
        <EmptyBlock title='请先登录' description={session.endedBecause ?? undefined} />
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: ROUTES.login })}>
          登录
        </Button>
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>网格员工作台</Text>
      <Text className='greeting'>您好，{session.me?.displayName}</Text>
      <SyncBanner />
      <ScanDoorButton />
      {grids.length === 0 ? (
        <EmptyBlock title='您还没有负责的网格' description='请联系所在村（社区）或派出所分配网格' />
      ) : (
        <View>
          <Text className='section-title'>我的网格</Text>
          <GridProgress />
          {/* One grid needs no choosing: its card above already names it. */}
          {grids.length > 1 && (
            <View>
              <Text className='hint'>选择要查看住户的网格：</Text>
              <View className='grid-choices'>
                {grids.map((g) => {
                  const selected = g.regionId === households.gridId
                  return (
                    <Button
                      key={g.regionId}
                      className='grid-choice'
                      type={selected ? 'primary' : 'default'}
                      size='large'
                      onClick={() => void households.selectGrid(g.regionId)}
                    >
                      {selected ? `✓ ${g.regionName}` : g.regionName}
                    </Button>
                  )
                })}
              </View>
            </View>
          )}
          <PatrolPlan />
          <Text className='section-title'>住户</Text>
          <SearchBar
            placeholder='搜索门牌、地址或户主'
            value={households.query}
            onChange={(value) => households.setQuery(value)}
            onSearch={() => void households.search()}
            right={<Text className='search-action' onClick={() => void households.search()}>搜索</Text>}
          />
          <HouseholdList />
        </View>
      )}
    </PageShell>
  )
})
