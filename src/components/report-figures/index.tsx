import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Comparison } from '@/contract/reports'
import { changeText, formatNumber, type ReportSectionView } from '@/stores/report-store'
import './index.scss'

/** A figure, its value and its 环比 in words: the arrow and the sign carry the direction, colour adds nothing needed. */
function ReportFigure({ figure }: { figure: Comparison }) {
  const change = changeText(figure)
  return (
    <View className='report-figure' role='group' aria-label={`${figure.label} ${formatNumber(figure.current)}，${change}`}>
      <Text className='report-figure__label'>{figure.label}</Text>
      <Text className='report-figure__value'>{formatNumber(figure.current)}</Text>
      <Text className='report-figure__change'>{change}</Text>
    </View>
  )
}

/** One heading of the report with its figures; `children` adds lines that have no 环比, such as a rate. */
export function ReportSection({ section, children }: { section: ReportSectionView; children?: ReactNode }) {
  return (
    <View className='card report-section'>
      <Text className='card-title'>{section.title}</Text>
      {section.figures.map((f) => <ReportFigure key={f.key} figure={f} />)}
      {children}
    </View>
  )
}
