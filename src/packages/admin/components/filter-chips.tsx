import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import './filter-chips.scss'

export interface ChipOption<T> {
  value: T
  label: string
}

interface FilterChipsProps<T> {
  label: string
  options: readonly ChipOption<T>[]
  value: T
  onChange: (value: T) => void
}

/** One choice among a few; the chosen one carries a ✓ as well as the filled style, so colour is not the only sign. */
export function FilterChips<T extends string | undefined>({ label, options, value, onChange }: FilterChipsProps<T>) {
  return (
    <View className='filter-chips' role='group' aria-label={label}>
      {options.map((o) => (
        <Button
          key={o.label}
          className='filter-chip'
          size='small'
          type={o.value === value ? 'primary' : 'default'}
          onClick={() => onChange(o.value)}
        >
          {o.value === value ? `✓ ${o.label}` : o.label}
        </Button>
      ))}
    </View>
  )
}
