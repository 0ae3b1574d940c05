import { useEffect, useState } from 'react'
import dayjs from 'dayjs'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import type { MeRole } from '@/contract/common'
import type { ManagedUserDetail } from '@/contract/users'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import type { SessionStore } from '@/stores/session-store'
import type { PendingUserAction } from '@/stores/user-admin-store'
import { useStore, useStores } from '@/stores/stores-context'
import { regionStore } from '@/stores/region-store'
import { userAdminStore } from '@/stores/user-admin-store'
import { RegionPicker } from '../../components/region-picker'
import './index.scss'

type RoleWords = Pick<SessionStore, 'roleAt' | 'roleName'>

/** The sentence the manager confirms: what will change, for whom. */
function confirmText(action: PendingUserAction, user: ManagedUserDetail, regionName: (id: string) => string, words: RoleWords): { title: string; content: string } {
  switch (action.kind) {
    case 'remove':
      return { title: '移除角色', content: `确定移除 ${user.displayName} 的「${words.roleAt({ role: action.role.role, regionName: regionName(action.role.regionId) })}」吗？` }
    case 'move':
      return {
        title: '调整辖区',
        content: `确定把 ${user.displayName} 的${words.roleName(action.move.role)}辖区从 ${regionName(action.move.fromRegionId)} 调整到 ${regionName(action.move.toRegionId)} 吗？`,
      }
    case 'deactivate':
      return { title: '停用账号', content: `停用后 ${user.displayName} 将无法登录和使用任何功能，角色保留，可以随时恢复。确定停用吗？` }
    case 'reactivate':
      return { title: '恢复账号', content: `确定恢复 ${user.displayName} 的账号吗？恢复后其原有角色重新生效。` }
  }
}

const RoleRow = observer(function RoleRow({ role }: { role: MeRole }) {
  const { session } = useStores()
  const userAdmin = useStore(userAdminStore)
  const [moving, setMoving] = useState(false)
  const manageable = session.mayManageRoleAt(role.regionPath)
  return (
    <View className='card'>
      <Text className='card-title user-role'>{session.roleAt(role)}</Text>
      {manageable ? (
        <View className='user-role-actions'>
          <Button
            className='user-role-action'
            size='large'
            onClick={() => userAdmin.ask({ kind: 'remove', role: { role: role.role, regionId: role.regionId } })}
          >
            移除
          </Button>
          <Button className='user-role-action' size='large' onClick={() => setMoving(!moving)}>
            {moving ? '收起' : '调整辖区'}
          </Button>
        </View>
      ) : (
        <Text className='hint'>不在您的辖区内，不能修改</Text>
      )}
      {moving && (
        <View>
          <Text className='hint'>选择新的{session.placesFor(role.role)}：</Text>
          <RegionPicker
            selectedId={role.regionId}
            canPick={(node) => session.roleFits(role.role, node.level) && node.id !== role.regionId}
            onPick={(node) => {
              setMoving(false)
              userAdmin.ask({ kind: 'move', move: { role: role.role, fromRegionId: role.regionId, toRegionId: node.id } })
            }}
          />
        </View>
      )}
    </View>
  )
})

const UserDetail = observer(function UserDetail({ user }: { user: ManagedUserDetail }) {
  const { session } = useStores()
  const userAdmin = useStore(userAdminStore)
  const mayDeactivate = session.mayDeactivate(user.roles)
  return (
    <View>
      <View className='card'>
        <Text className='card-title'>{user.displayName}</Text>
        <Text className='hint'>账号状态：{user.active ? '在用' : '已停用'}</Text>
        <Text className='hint'>注册时间：{dayjs(user.createdAt).format('YYYY-MM-DD')}</Text>
      </View>
      {userAdmin.actionError && <Text className='error-text'>{userAdmin.actionError}</Text>}
      <Text className='section-title'>角色</Text>
      {user.roles.length === 0 && <Text className='hint'>在您的辖区内没有角色</Text>}
      {user.roles.map((r) => <RoleRow key={`${r.role}:${r.regionId}`} role={r} />)}
      {user.active && mayDeactivate && (
        <Button className='big-button' size='large' block loading={userAdmin.acting} onClick={() => userAdmin.ask({ kind: 'deactivate' })}>
          停用账号
        </Button>
      )}
      {!user.active && (
        <Button className='big-button' type='primary' size='large' block loading={userAdmin.acting} onClick={() => userAdmin.ask({ kind: 'reactivate' })}>
          恢复账号
        </Button>
      )}
      <Text className='section-title'>变更记录</Text>
      {user.history.length === 0 && <Text className='hint'>暂无记录</Text>}
      {user.history.map((h, i) => (
        <Text key={`${h.at}:${i}`} className='user-history-line'>
          {`${dayjs(h.at).format('YYYY-MM-DD HH:mm')} ${h.text}${h.actorName ? `（${h.actorName}）` : ''}`}
        </Text>
      ))}
    </View>
  )
})

/** One person in 人员管理: their roles with 移除 and 调整辖区, 停用账号 / 恢复账号, and what changed when. */
export default observer(function UserPage() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const userAdmin = useStore(userAdminStore)
  const id = useRouter().params.id ?? ''
  const allowed = session.roles.some((r) => r.role === 'admin')

  useEffect(() => {
    if (!allowed || !id) return
    if (regions.state === 'idle') void regions.load()
    void userAdmin.open(id)
  }, [allowed, id, regions, userAdmin])

  const user = userAdmin.user
  const regionName = (regionId: string) =>
    user?.roles.find((r) => r.regionId === regionId)?.regionName ?? regions.nodes.find((n) => n.id === regionId)?.name ?? '所选区域'

  let body
  if (!allowed) body = <EmptyBlock title='您没有人员管理的权限' description='人员管理供派出所和反诈专班的管理员使用' />
  else if (!id) body = <EmptyBlock title='没有指定人员' />
  else if (userAdmin.detail.state === 'error' && !user) {
    body = <ErrorBlock message={userAdmin.detail.error ?? '加载失败'} onRetry={() => void userAdmin.open(id)} />
  } else if (!user) body = <LoadingBlock />
  else body = <UserDetail user={user} />

  const pending = userAdmin.pending && user ? confirmText(userAdmin.pending, user, regionName, session) : null
  return (
    <PageShell>
      <Text className='page-title'>人员详情</Text>
      {body}
      <Dialog
        visible={pending !== null}
        title={pending?.title}
        content={pending?.content}
        confirmText='确定'
        cancelText='取消'
        onConfirm={() => void userAdmin.confirm()}
        onCancel={() => userAdmin.cancel()}
      />
    </PageShell>
  )
})
