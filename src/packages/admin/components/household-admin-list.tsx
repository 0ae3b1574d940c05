import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { HouseholdSummary } from '@/contract/households'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore } from '@/stores/stores-context'
import { householdAdminStore } from '@/stores/household-admin-store'

const HouseholdCard = observer(function HouseholdCard({ household: h }: { household: HouseholdSummary }) {
  const householdAdmin = useStore(householdAdminStore)
  const selected = householdAdmin.selectedIds.has(h.id)
  const phone = householdAdmin.revealedPhones.get(h.id) ?? h.phoneMasked ?? '未登记电话'
  // The form opens at the top of the page; bring it into view from wherever the card was.
  const edit = async () => {
    await householdAdmin.startEdit(h.id)
    if (householdAdmin.draft) void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }
  return (
    <View className='card household-card'>
      <Text className='card-title'>{`${h.code} · ${h.address}`}</Text>
      <Text className='hint'>{`${h.gridName} · 户主 ${h.headName} · ${phone} · ${h.memberCount} 人`}</Text>
      {h.tags.length > 0 && <Text className='hint'>{h.tags.join('、')}</Text>}
      <View className='household-actions'>
        <Button className='household-action' size='small' type={selected ? 'primary' : 'default'} onClick={() => householdAdmin.toggleSelected(h.id)}>
          {selected ? '☑ 已选打印' : '☐ 选中打印'}
        </Button>
        <Button className='household-action' size='small' onClick={() => void edit()}>
          编辑
        </Button>
        {h.phoneMasked && !householdAdmin.revealedPhones.has(h.id) && (
          <Button className='household-action' size='small' onClick={() => householdAdmin.askReveal(h.id)}>
            查看完整号码
          </Button>
        )}
      </View>
    </View>
  )
})

export const HouseholdAdminList = observer(function HouseholdAdminList() {
  const householdAdmin = useStore(householdAdminStore)
  if (householdAdmin.state === 'idle' || householdAdmin.state === 'loading') return <LoadingBlock text='正在加载住户…' />
  if (householdAdmin.state === 'error') {
    return <ErrorBlock message={householdAdmin.error ?? '加载失败'} onRetry={() => void householdAdmin.search()} />
  }
  if (householdAdmin.isEmpty) return <EmptyBlock title='没有找到符合条件的住户' description='换个关键词或筛选条件试试' />
  return (
    <View>
      <Text className='hint'>共 {householdAdmin.total} 户</Text>
      {householdAdmin.error && <Text className='error-text'>{householdAdmin.error}</Text>}
      {householdAdmin.revealError && <Text className='error-text'>{householdAdmin.revealError}</Text>}
      {householdAdmin.items.map((h) => <HouseholdCard key={h.id} household={h} />)}
      {householdAdmin.hasMore && (
        <Button className='big-button' size='large' block loading={householdAdmin.loadingMore} onClick={() => void householdAdmin.loadMore()}>
          加载更多
        </Button>
      )}
    </View>
  )
})
