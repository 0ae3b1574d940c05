import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, SearchBar } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import type { ManagedUser } from '@/contract/users'
import type { Role } from '@/core/roles'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { regionStore } from '@/stores/region-store'
import { ROLE_CHOICES, userAdminStore } from '@/stores/user-admin-store'
import { FilterChips, type ChipOption } from '../../components/filter-chips'
import { RegionPicker } from '../../components/region-picker'
import { userPageUrl } from '../../routes'
import './index.scss'

const ROLE_OPTIONS: ChipOption<Role | undefined>[] = [
  { value: undefined, label: '全部角色' },
  ...ROLE_CHOICES,
]
const STATUS_OPTIONS: ChipOption<'active' | 'inactive' | undefined>[] = [
  { value: undefined, label: '全部状态' },
  { value: 'active', label: '在用' },
  { value: 'inactive', label: '已停用' },
]

/** One person: name, 已停用 in words (not only in grey), and each role with its region. */
function UserCard({ user }: { user: ManagedUser }) {
  const { session } = useStores()
  return (
    <View
      className='card tap-target'
      role='button'
      hoverClass='card-hover'
      onClick={() => void Taro.navigateTo({ url: userPageUrl(user.id) })}
    >
      <Text className='card-title'>{user.active ? user.displayName : `${user.displayName}（已停用）`}</Text>
      {user.roles.length === 0 && <Text className='hint'>暂无角色</Text>}
      {user.roles.map((r) => (
        <Text key={`${r.role}:${r.regionId}`} className='user-role-line'>{session.roleAt(r)}</Text>
      ))}
    </View>
  )
}

const UserList = observer(function UserList() {
  const userAdmin = useStore(userAdminStore)
  if (userAdmin.list.state === 'idle' || userAdmin.list.state === 'loading') return <LoadingBlock text='正在加载人员…' />
  if (userAdmin.list.state === 'error') return <ErrorBlock message={userAdmin.list.error ?? '加载失败'} onRetry={() => void userAdmin.search()} />
  if (userAdmin.list.isEmpty) return <EmptyBlock title='没有找到符合条件的人员' description='换个姓名或筛选条件试试' />
  return (
    <View>
      <Text className='hint'>共 {userAdmin.list.total} 人</Text>
      {userAdmin.list.items.map((u) => <UserCard key={u.id} user={u} />)}
      {userAdmin.list.hasMore && (
        <Button className='big-button' size='large' block loading={userAdmin.list.loadingMore} onClick={() => void userAdmin.loadMore()}>
          加载更多
        </Button>
      )}
    </View>
  )
})

const RegionFilter = observer(function RegionFilter() {
  const userAdmin = useStore(userAdminStore)
  const regions = useStore(regionStore)
  const [picking, setPicking] = useState(false)
  const regionId = userAdmin.filters.regionId
  const region = regions.nodes.find((n) => n.id === regionId)
  return (
    <View>
      <Text className='section-title'>区域：{regionId ? (region?.name ?? '所选区域') : '全部辖区'}</Text>
      <Button className='big-button' size='large' block onClick={() => setPicking(!picking)}>
        {picking ? '收起区域' : '按区域筛选'}
      </Button>
      {regionId && (
        <Button className='big-button' size='large' block onClick={() => void userAdmin.setFilter('regionId', undefined)}>
          显示全部辖区
        </Button>
      )}
      {picking && (
        <RegionPicker
          selectedId={regionId ?? null}
          canPick={() => true}
          onPick={(node) => void userAdmin.setFilter('regionId', node.id)}
        />
      )}
    </View>
  )
})

/** 人员管理: admins find the people of their scope by name, role, region and status. */
export default observer(function UsersPage() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const userAdmin = useStore(userAdminStore)
  const allowed = session.roles.some((r) => r.role === 'admin')

  useEffect(() => {
    if (!allowed) return
    if (regions.state === 'idle') void regions.load()
    if (userAdmin.list.state === 'idle') void userAdmin.search()
  }, [allowed, regions, userAdmin])

  if (!allowed) {
    return (
      <PageShell>
        <EmptyBlock title='您没有人员管理的权限' description='人员管理供派出所和反诈专班的管理员使用' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>人员管理</Text>
      <SearchBar
        value={userAdmin.query}
        placeholder='搜索姓名'
        onChange={(text) => userAdmin.setQuery(text)}
        onSearch={() => void userAdmin.search()}
        right={<Button size='small' onClick={() => void userAdmin.search()}>搜索</Button>}
      />
      <FilterChips label='角色' options={ROLE_OPTIONS} value={userAdmin.filters.role} onChange={(v) => void userAdmin.setFilter('role', v)} />
      <FilterChips label='状态' options={STATUS_OPTIONS} value={userAdmin.filters.status} onChange={(v) => void userAdmin.setFilter('status', v)} />
      <RegionFilter />
      <UserList />
    </PageShell>
  )
})
