import { Picker, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { ReportPeriodKind } from '@/core/report-period'
import { useStore } from '@/stores/stores-context'
import { reportStore } from '@/stores/report-store'
import { FilterChips, type ChipOption } from '../../components/filter-chips'

const PERIOD_OPTIONS: readonly ChipOption<ReportPeriodKind>[] = [
  { value: 'day', label: '日' },
  { value: 'week', label: '周' },
  { value: 'month', label: '月' },
  { value: 'custom', label: '自定义' },
]

/** 日 / 周 / 月 / 自定义, the date or the range, and the arrows to the period before and after. */
export const PeriodBar = observer(function PeriodBar() {
  const reports = useStore(reportStore)
  const { period } = reports
  return (
    <View className='period-bar'>
      <FilterChips label='统计周期' options={PERIOD_OPTIONS} value={period.kind} onChange={(kind) => void reports.choosePeriodKind(kind)} />
      {period.kind === 'custom' ? (
        <View className='period-bar__range'>
          <Picker mode='date' value={period.from} end={reports.today()} onChange={(e) => void reports.pickCustomRange(String(e.detail.value), period.to)}>
            <View className='picker-value tap-target' role='button'>开始：{period.from}</View>
          </Picker>
          <Picker mode='date' value={period.to} end={reports.today()} onChange={(e) => void reports.pickCustomRange(period.from, String(e.detail.value))}>
            <View className='picker-value tap-target' role='button'>结束：{period.to}</View>
          </Picker>
        </View>
      ) : (
        <Picker mode='date' value={period.from} end={reports.today()} onChange={(e) => void reports.pickDate(String(e.detail.value))}>
          <View className='picker-value tap-target' role='button'>选择日期：{period.from}</View>
        </Picker>
      )}
      <View className='period-bar__nav'>
        <Button className='period-bar__arrow' size='large' onClick={() => void reports.previous()}>‹ 上一期</Button>
        <Text className='period-bar__label'>{period.label}</Text>
        <Button className='period-bar__arrow' size='large' disabled={!reports.canGoNext} onClick={() => void reports.next()}>下一期 ›</Button>
      </View>
      {reports.periodError && <Text className='error-text'>{reports.periodError}</Text>}
    </View>
  )
})
