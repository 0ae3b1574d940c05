import { Text, View } from '@tarojs/components'
import type { HouseholdSummary } from '@/contract/households'

/** Which door the form is for: code, address and the masked head of household, nothing more. */
export function HouseholdHeader({ household }: { household: HouseholdSummary }) {
  return (
    <View className='card'>
      <Text className='card-title'>{household.code}</Text>
      <Text className='hint'>{household.address}</Text>
      <Text className='hint'>
        户主 {household.headName}
        {household.tags.length > 0 ? ` · ${household.tags.join('、')}` : ''}
      </Text>
    </View>
  )
}
