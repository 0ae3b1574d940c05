import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { LatLng } from '@/core/households'
import { currentLocation } from '../location'

type LocationState = 'none' | 'locating' | 'found' | 'unavailable'

const STATE_TEXT: Record<LocationState, string> = {
  none: '未记录位置（可选）',
  locating: '正在定位…',
  found: '✓ 已记录位置',
  unavailable: '未能定位（未授权或信号弱），不影响保存',
}

/** Optional: only asks for the location when the worker taps, so that refusing costs nothing. */
export function LocationField({ geo, onChange }: { geo: LatLng | null; onChange: (geo: LatLng | null) => void }) {
  const [state, setState] = useState<LocationState>(geo ? 'found' : 'none')
  const locate = async () => {
    setState('locating')
    const found = await currentLocation()
    onChange(found)
    setState(found ? 'found' : 'unavailable')
  }
  return (
    <View className='location-field'>
      <Text className='hint'>{STATE_TEXT[state]}</Text>
      <Button className='big-button' size='large' block disabled={state === 'locating'} onClick={() => void locate()}>
        {geo ? '重新定位' : '记录位置'}
      </Button>
    </View>
  )
}
