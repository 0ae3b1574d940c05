import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { useStores } from '@/stores/stores-context'

/** Once, on first launch, for a person whose phone text is large; either answer is remembered. */
export const CareModeOffer = observer(function CareModeOffer() {
  const { ui } = useStores()
  if (!ui.careModeOffered) return null
  return (
    <View className='card care-offer' role='dialog' aria-label='开启关怀模式？'>
      <Text className='card-title'>开启关怀模式？</Text>
      <Text className='hint'>您手机上的字调得比较大。开启后字更大、按钮更大，首页只留常用的几项。以后可在首页或「我的」里随时更改。</Text>
      <Button className='big-button' type='primary' size='xlarge' block onClick={() => ui.setCareMode(true)}>
        开启关怀模式
      </Button>
      <Button className='big-button' size='xlarge' block onClick={() => ui.setCareMode(false)}>
        暂不开启
      </Button>
    </View>
  )
})
