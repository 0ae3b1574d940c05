import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/services/routes'

const ENTRIES = [
  { title: '通报管理', description: '编写、预览、发布和撤回每日警情通报', url: ROUTES.adminBulletins },
  { title: '转发情况', description: '通报到达了哪些群、还差哪些群，谁转发了', url: ROUTES.bulletinReach },
  { title: '群管理', description: '给您的微信群标注名称和类型，开启转发提醒', url: ROUTES.groups },
] as const

/** The bulletin jobs, as large whole-card tap targets like the other admin entries. */
export function BulletinEntries() {
  return (
    <View className='admin-entries'>
      {ENTRIES.map((e) => (
        <View key={e.url} className='card tap-target admin-entry' role='button' aria-label={e.title} hoverClass='card-hover' onClick={() => void Taro.navigateTo({ url: e.url })}>
          <Text className='card-title'>{e.title}</Text>
          <Text className='hint'>{e.description}</Text>
        </View>
      ))}
    </View>
  )
}
