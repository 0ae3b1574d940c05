import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ADMIN_ROUTES } from '../routes'

const ENTRIES = [
  { title: '入户覆盖', description: '各镇、村、网格的走访和签约情况，未走访清单', url: ADMIN_ROUTES.coverage },
  { title: '住户管理', description: '查找、新增、修改住户，表格导入', url: ADMIN_ROUTES.households },
  { title: '打印门牌', description: '按网格或所选住户生成二维码门牌', url: ADMIN_ROUTES.labels },
] as const

/** The admin's main jobs as large cards, each a whole-card tap target. */
export function AdminEntries() {
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
