import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ROUTES } from '@/navigation/routes'
import './index.scss'

const ANTI_FRAUD_HOTLINE = '96110'
const POLICE = '110'

/**
 * Call now, in one tap: what someone who just got a suspicious call, or already paid, needs first. Elsewhere than on
 * 我被骗了怎么办 itself, it also leads there.
 */
export function HotlineCard({ withGuide = true }: { withGuide?: boolean }) {
  return (
    <View className='card hotline-card'>
      <Text className='card-title'>反诈专线 {ANTI_FRAUD_HOTLINE}</Text>
      <Text className='hint'>接到可疑电话或已经转账，请立即拨打 {ANTI_FRAUD_HOTLINE} 或报警 {POLICE}</Text>
      <View className='hotline-card__calls'>
        <Button className='big-button' type='primary' size='large' onClick={() => void Taro.makePhoneCall({ phoneNumber: ANTI_FRAUD_HOTLINE })}>
          拨打 {ANTI_FRAUD_HOTLINE}
        </Button>
        <Button className='big-button' size='large' onClick={() => void Taro.makePhoneCall({ phoneNumber: POLICE })}>
          报警 {POLICE}
        </Button>
      </View>
      {withGuide && (
        <Button className='big-button hotline-card__guide' size='large' block onClick={() => void Taro.navigateTo({ url: ROUTES.scammed })}>
          我被骗了怎么办 ›
        </Button>
      )}
    </View>
  )
}
