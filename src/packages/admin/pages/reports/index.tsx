import { useEffect, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ChildRegionChart, WarningOutcomeChart } from '@/components/report-charts'
import { ReportSection } from '@/components/report-figures'
import { useStore, useStores } from '@/stores/stores-context'
import { regionStore } from '@/stores/region-store'
import { reportStore } from '@/stores/report-store'
import { RegionPicker } from '../../components/region-picker'
import { PeriodBar } from './period-bar'
import { ReportActions } from './report-actions'
import './index.scss'

const ReportBody = observer(function ReportBody() {
  const reports = useStore(reportStore)
  const { report } = reports
  if (reports.state === 'error') return <ErrorBlock message={reports.error ?? '加载失败'} onRetry={() => void reports.load()} />
  if (reports.state !== 'ready' || !report) return <LoadingBlock text='正在统计…' />
  if (reports.isEmpty) return <EmptyBlock title='本期暂无宣防数据' description='可以换一个时段或区域查看' />
  const { quiz, warnings } = report.current
  // Lines without a 环比 of their own: a mean and a rate, shown under the figures they come from.
  const extras: Record<string, ReactNode> = {
    每日答题: <Text className='hint'>{quiz.averageScore === null ? '本期没有交卷' : `平均得分 ${quiz.averageScore} 分`}</Text>,
    预警劝阻: (
      <View>
        <Text className='hint'>{`按时联系率 ${reports.warningsInTimePercent}%`}</Text>
        <WarningOutcomeChart section={warnings} />
      </View>
    ),
  }
  return (
    <View>
      <Text className='hint'>{`${report.region.name} · ${report.period.label}，环比对比 ${report.previousPeriod.label}`}</Text>
      {reports.sections.map((s) => <ReportSection key={s.title} section={s}>{extras[s.title]}</ReportSection>)}
      <ChildRegionChart rows={report.children} />
    </View>
  )
})

export default observer(function ReportsPage() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const reports = useStore(reportStore)
  const home = session.homeRegion()
  const [picking, setPicking] = useState(false)

  useEffect(() => {
    if (home && !reports.regionId) void reports.start(home.regionId, home.regionName)
  }, [home, reports])

  if (!home) {
    return (
      <PageShell>
        <EmptyBlock title='您没有查看统计通报的权限' description='统计通报供派出所和村（社区）干部查看' />
      </PageShell>
    )
  }

  const togglePicker = () => {
    if (!picking && regions.state === 'idle') void regions.load()
    setPicking(!picking)
  }

  return (
    <PageShell>
      <Text className='page-title'>统计通报</Text>
      <Text className='section-title'>范围：{reports.regionName}</Text>
      <Button className='big-button' size='large' block onClick={togglePicker}>
        {picking ? '收起区域' : '更换区域'}
      </Button>
      {picking && (
        <RegionPicker
          selectedId={reports.regionId}
          canPick={() => true}
          onPick={(node) => void reports.selectRegion(node.id, regions.titleOf(node))}
        />
      )}
      <PeriodBar />
      <ReportActions />
      <ReportBody />
    </PageShell>
  )
})
