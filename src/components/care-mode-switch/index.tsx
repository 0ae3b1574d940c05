import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '@/stores/stores-context'
import './index.scss'

/**
 * 关怀模式 on or off: the whole row is the switch (at least 48 px tall), its state said in words (已开启 / 已关闭)
 * and by the knob's side, never by colour alone.
 */
export const CareModeSwitch = observer(function CareModeSwitch() {
  const { ui } = useStores()
  const on = ui.careMode
  return (
    <View
      className={`care-switch tap-target${on ? ' care-switch--on' : ''}`}
      role='switch'
      // A string: Taro's H5 components set a changed boolean as a property, leaving the attribute as first rendered.
      aria-checked={on ? 'true' : 'false'}
      aria-label='关怀模式'
      hoverClass='card-hover'
      onClick={() => ui.setCareMode(!on)}
    >
      <View className='care-switch__text' aria-hidden>
        <Text className='care-switch__title'>关怀模式</Text>
        <Text className='hint'>字更大，按钮更大，更好认</Text>
      </View>
      <Text className='care-switch__state' aria-hidden>{on ? '已开启' : '已关闭'}</Text>
      <View className='care-switch__track' aria-hidden>
        <View className='care-switch__knob' />
      </View>
    </View>
  )
})
