import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { WarningCard } from '@/components/warning-card'
import { ROUTES } from '@/navigation/routes'
import { useStore } from '@/stores/stores-context'
import { warningAdminStore } from '@/stores/warning-admin-store'
import { FilterChips } from '../../components/filter-chips'

/** Choosing a dissuader for one warning, with how many open warnings each already has. */
const ReassignPanel = observer(function ReassignPanel() {
  const warningAdmin = useStore(warningAdminStore)
  const options = warningAdmin.dissuaders.map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}，在办 ${d.openWarnings} 条）` }))
  return (
    <View>
      <Text className='section-title'>改派给</Text>
      {warningAdmin.dissuadersState === 'loading' && <LoadingBlock text='正在加载劝阻员…' />}
      {warningAdmin.dissuadersState === 'ready' && options.length === 0 && <Text className='hint'>该区域没有劝阻员</Text>}
      <FilterChips<string | undefined>
        label='改派给'
        options={options}
        value={warningAdmin.reassigning?.assignee?.id}
        onChange={(id) => id && void warningAdmin.reassign(id)}
      />
      {warningAdmin.reassignError && <Text className='error-text'>{`改派失败：${warningAdmin.reassignError}`}</Text>}
      <Button className='big-button' size='large' block onClick={() => warningAdmin.cancelReassign()}>
        取消改派
      </Button>
    </View>
  )
})

/** Overdue first as the server sorts them, each marked 已超时 in words. */
export const WarningList = observer(function WarningList() {
  const warningAdmin = useStore(warningAdminStore)
  const { list } = warningAdmin
  if (list.state === 'error') return <ErrorBlock message={list.error ?? '加载失败'} onRetry={() => void warningAdmin.reload()} />
  if (list.state !== 'ready') return <LoadingBlock text='正在加载预警…' />
  if (list.isEmpty) return <EmptyBlock title='没有符合条件的预警' description='可以换个筛选条件，或新增预警' />
  return (
    <View>
      <Text className='hint'>{`共 ${list.total} 条，已显示 ${warningAdmin.shown.length} 条`}</Text>
      {warningAdmin.shown.map((w) => (
        <WarningCard key={w.id} warning={w} showAssignee onOpen={() => void Taro.navigateTo({ url: `${ROUTES.warning}?id=${encodeURIComponent(w.id)}` })}>
          {w.id === warningAdmin.justDispatched?.id && <Text className='dispatch-badge'>{`刚刚派发 · ${warningAdmin.dispatchedMessage}`}</Text>}
          {warningAdmin.reassigning?.id === w.id ? (
            <ReassignPanel />
          ) : (
            w.closedAt === null && (
              <Button className='big-button' size='large' block onClick={() => void warningAdmin.startReassign(w)}>
                {`改派 ${w.residentName} 的预警`}
              </Button>
            )
          )}
        </WarningCard>
      ))}
      {list.hasMore && (
        <Button className='big-button' size='large' block loading={list.loadingMore} onClick={() => void warningAdmin.loadMore()}>
          加载更多
        </Button>
      )}
    </View>
  )
})
