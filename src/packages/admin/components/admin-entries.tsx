import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Action } from '@/core/scope'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'

export interface AdminEntry {
  title: string
  description: string
  url: string
  /** What the page behind the entry needs, as the server checks it: the entry shows only to roles allowed it. */
  action: Action
}

export const DOOR_TO_DOOR_ENTRIES: readonly AdminEntry[] = [
  { title: '入户覆盖', description: '各镇、村、网格的走访和签约情况，未走访清单', url: ROUTES.coverage, action: 'coverage.read' },
  { title: '住户管理', description: '查找、新增、修改住户，表格导入', url: ROUTES.households, action: 'household.write' },
  { title: '打印门牌', description: '按网格或所选住户生成二维码门牌', url: ROUTES.labels, action: 'label.issue' },
]

export const BULLETIN_ENTRIES: readonly AdminEntry[] = [
  { title: '通报管理', description: '编写、预览、发布和撤回每日警情通报', url: ROUTES.adminBulletins, action: 'bulletin.write' },
  { title: '转发情况', description: '通报到达了哪些群、还差哪些群，谁转发了', url: ROUTES.bulletinReach, action: 'bulletin.reach' },
  { title: '群管理', description: '给您的微信群标注名称和类型，开启转发提醒', url: ROUTES.groups, action: 'group.label' },
]

/**
 * The admin's jobs as large cards, each a whole-card tap target; only those the signed-in person's roles allow, by
 * the same rule the server checks (session.can), so no entry opens onto 您没有权限执行此操作.
 */
export const AdminEntries = observer(function AdminEntries({ heading, entries }: { heading?: string; entries: readonly AdminEntry[] }) {
  const { session } = useStores()
  const offered = entries.filter((e) => session.can(e.action))
  if (offered.length === 0) return null
  return (
    <View className='admin-entries'>
      {heading && <Text className='section-title'>{heading}</Text>}
      {offered.map((e) => (
        <View key={e.url} className='card tap-target admin-entry' role='button' hoverClass='card-hover' onClick={() => void Taro.navigateTo({ url: e.url })}>
          <Text className='card-title'>{e.title}</Text>
          <Text className='hint'>{e.description}</Text>
        </View>
      ))}
    </View>
  )
})
