import { Text, View } from '@tarojs/components'
import { percent } from '@/core/coverage'
import type { ReportChildRow, WarningSection } from '@/contract/reports'
import { CoverageBar } from '@/components/coverage-bar'
import { RiskBars } from './risk-bars'

/** Each child region's households visited in the period out of all its households, with its other counts in words. */
export function ChildRegionChart({ rows }: { rows: readonly ReportChildRow[] }) {
  if (rows.length === 0) return null
  return (
    <View className='card report-chart'>
      <Text className='card-title'>下级区域</Text>
      <Text className='hint'>条形为本期走访住户占住户总数的比例</Text>
      {rows.map((row) => (
        <View key={row.regionId}>
          <CoverageBar label={row.regionName} part={row.householdsVisited} whole={row.households} percent={percent(row.householdsVisited, row.households)} />
          <Text className='hint'>{`签承诺书 ${row.pledgesSigned} 份 · 接收预警 ${row.warningsReceived} 条 · 宣传活动 ${row.activities} 场`}</Text>
        </View>
      ))}
    </View>
  )
}

const OUTCOME_LABELS: [keyof WarningSection['outcomes'], string][] = [
  ['dissuaded', '劝阻成功'],
  ['defrauded', '已受骗'],
  ['unreachable', '无法联系'],
  ['falseAlarm', '误报'],
  ['open', '处置中'],
]

/** How the period's warnings ended, and how many of each risk level were reached within the time limit. */
export function WarningOutcomeChart({ section }: { section: WarningSection }) {
  if (section.received === 0) return <Text className='hint'>本期没有接收预警</Text>
  return (
    <View className='report-chart'>
      <Text className='section-title'>处置结果</Text>
      {OUTCOME_LABELS.map(([key, label]) => (
        <CoverageBar key={key} label={label} part={section.outcomes[key]} whole={section.received} percent={percent(section.outcomes[key], section.received)} unit='条' />
      ))}
      <Text className='section-title'>按时联系</Text>
      <RiskBars rows={section.byRisk.filter((r) => r.received > 0).map((r) => ({ ...r, inTime: r.handledInTime }))} rate={percent} />
    </View>
  )
}
