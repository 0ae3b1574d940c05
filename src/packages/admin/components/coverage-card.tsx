import { Text, View } from '@tarojs/components'
import type { CoverageRow } from '@/contract/coverage'
import { REGION_LEVEL_LABELS } from '@/core/regions'
import { CoverageBar } from '@/components/coverage-bar'
import { coverageLines } from '@/stores/coverage-store'

interface CoverageCardProps {
  row: CoverageRow
  /** Given for child regions: the whole card opens that region. */
  onOpen?: () => void
}

/** One region's households and its coverage measures, each as count, percentage and bar. */
export function CoverageCard({ row, onOpen }: CoverageCardProps) {
  return (
    <View
      className={`card coverage-card${onOpen ? ' tap-target' : ''}`}
      hoverClass={onOpen ? 'card-hover' : 'none'}
      role={onOpen ? 'button' : undefined}
      onClick={onOpen}
    >
      <Text className='card-title'>{row.name}</Text>
      <Text className='hint'>
        {REGION_LEVEL_LABELS[row.level]} · 共 {row.households} 户{onOpen ? ' · 点击查看下级' : ''}
      </Text>
      {coverageLines(row).map((line) => <CoverageBar key={line.label} {...line} />)}
    </View>
  )
}
