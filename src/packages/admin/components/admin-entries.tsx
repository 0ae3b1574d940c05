import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/services/routes'
import { ADMIN_ROUTES } from '../routes'

export interface AdminEntry {
  title: string
  description: string
  url: string
}

export const DOOR_TO_DOOR_ENTRIES: readonly AdminEntry[] = [
  { title: '入户覆盖', description: '各镇、村、网格的走访和签约情况，未走访清单', url: ADMIN_ROUTES.coverage },
  { title: '住户管理', description: '查找、新增、修改住户，表格导入', url: ADMIN_ROUTES.households },
  { title: '打印门牌', description: '按网格或所选住户生成二维码门牌', url: ADMIN_ROUTES.labels },
]

export const BULLETIN_ENTRIES: readonly AdminEntry[] = [
  { title: '通报管理', description: '编写、预览、发布和撤回每日警情通报', url: ROUTES.adminBulletins },
  { title: '转发情况', description: '通报到达了哪些群、还差哪些群，谁转发了', url: ROUTES.bulletinReach },
  { title: '群管理', description: '给您的微信群标注名称和类型，开启转发提醒', url: ROUTES.groups },
]

/** The admin's jobs as large cards, each a whole-card tap target. */
export function AdminEntries({ heading, entries }: { heading?: string; entries: readonly AdminEntry[] }) {
  return (
    <View className='admin-entries'>
      {heading && <Text className='section-title'>{heading}</Text>}
      {entries.map((e) => (
        <View key={e.url} className='card tap-target admin-entry' role='button' aria-label={e.title} hoverClass='card-hover' onClick={() => void Taro.navigateTo({ url: e.url })}>
          <Text className='card-title'>{e.title}</Text>
          <Text className='hint'>{e.description}</Text>
        </View>
      ))}
    </View>
  )
}
