import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES } from '@/navigation/routes'

/** A whole-card tap target that opens one bulletin; the hint line says what the card's list is about. */
export function BulletinLinkCard({ id, title, hint }: { id: string; title: string; hint: string }) {
  return (
    <View
      className='card tap-target'
      role='button'
      hoverClass='card-hover'
      onClick={() => void Taro.navigateTo({ url: `${ROUTES.bulletin}?id=${encodeURIComponent(id)}` })}
    >
      <Text className='card-title'>{title}</Text>
      <Text className='hint'>{hint}</Text>
    </View>
  )
}
