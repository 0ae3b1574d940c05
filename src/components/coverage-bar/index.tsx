import { Text, View } from '@tarojs/components'
import './index.scss'

interface CoverageBarProps {
  label: string
  part: number
  whole: number
  percent: number
  /** What is counted, for the words read aloud: 户 unless told. */
  unit?: string
}

/**
 * A percentage as words and as a bar. The filled part is hatched inside a solid outline, and the number is written
 * beside it, so that the bar reads the same without colour, in grey print and to a screen reader.
 */
export function CoverageBar({ label, part, whole, percent, unit = '户' }: CoverageBarProps) {
  const width = Math.min(100, Math.max(0, percent))
  const summary = `${label} ${part}/${whole} ${unit}，${percent}%`
  return (
    <View className='coverage-bar' aria-label={summary} role='img'>
      <View className='coverage-bar__head'>
        <Text className='coverage-bar__label'>{label}</Text>
        <Text className='coverage-bar__value'>{`${part}/${whole} · ${percent}%`}</Text>
      </View>
      <View className='coverage-bar__track'>
        <View className='coverage-bar__fill' style={{ width: `${width}%` }} />
      </View>
    </View>
  )
}
