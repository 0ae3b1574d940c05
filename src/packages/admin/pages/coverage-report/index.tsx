import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { coverageStore } from '@/stores/coverage-store'
import { CoverageCard } from '../../components/coverage-card'
import { GapList } from '../../components/gap-list'

const CoverageReportView = observer(function CoverageReportView() {
  const coverage = useStore(coverageStore)
  const { report } = coverage
  if (coverage.state === 'error') return <ErrorBlock message={coverage.error ?? '加载失败'} onRetry={() => void coverage.load()} />
  if (coverage.state !== 'ready' || !report) return <LoadingBlock text='正在统计覆盖情况…' />
  return (
    <View>
      <CoverageCard row={report.region} />
      {report.region.households === 0 && <EmptyBlock title='该区域还没有住户' description='可在“住户管理”中新增或导入住户' />}
      {report.children.length > 0 && (
        <View>
          <Text className='section-title'>下级区域</Text>
          {report.children.map((row) => (
            <CoverageCard key={row.regionId} row={row} onOpen={() => void coverage.drillDown(row)} />
          ))}
        </View>
      )}
      {report.region.households > 0 && <GapList regionName={report.region.name} />}
    </View>
  )
})

export default observer(function CoveragePage() {
  const { session } = useStores()
  const coverage = useStore(coverageStore)
  const home = session.homeRegion()

  // Coming back to the page reloads the open region: visits recorded meanwhile must show.
  useEffect(() => {
    if (!home) return
    if (coverage.regionId) void coverage.load()
    else void coverage.start(home.regionId, home.regionName)
  }, [home, coverage])

  if (!home) {
    return (
      <PageShell>
        <EmptyBlock title='您没有查看入户覆盖的权限' description='入户覆盖供派出所和村（社区）干部查看' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>入户覆盖</Text>
      <Text className='hint'>{coverage.trail.map((s) => s.name).join(' › ')}</Text>
      {coverage.canGoUp && (
        <Button className='big-button' size='large' block onClick={() => void coverage.goUp()}>
          返回上级
        </Button>
      )}
      <CoverageReportView />
    </PageShell>
  )
})
