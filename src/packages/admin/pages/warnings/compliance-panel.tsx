import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { CoverageBar } from '@/components/coverage-bar'
import { RiskBars } from '@/components/report-charts/risk-bars'
import { ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore } from '@/stores/stores-context'
import { warningAdminStore } from '@/stores/warning-admin-store'

/** 时限达标: first contacts within the limit, as numbers and as hatched bars that read without colour. */
export const CompliancePanel = observer(function CompliancePanel() {
  const warningAdmin = useStore(warningAdminStore)
  const c = warningAdmin.compliance
  if (warningAdmin.complianceState === 'error') {
    return <ErrorBlock message={warningAdmin.complianceError ?? '加载失败'} onRetry={() => void warningAdmin.reload()} />
  }
  if (!c) return <LoadingBlock text='正在统计时限达标…' />
  return (
    <View className='card'>
      <Text className='card-title'>时限达标</Text>
      <Text className='hint'>{`收到 ${c.received} 条 · 按时联系 ${c.contactedInTime} 条 · 超时联系 ${c.contactedLate} 条 · 当前超时未联系 ${c.overdueNow} 条`}</Text>
      <CoverageBar label='按时联系' part={c.contactedInTime} whole={c.received} percent={warningAdmin.rate(c.contactedInTime, c.received)} unit='条' />
      <RiskBars rows={c.byRisk.map((r) => ({ ...r, inTime: r.contactedInTime }))} rate={warningAdmin.rate} />
    </View>
  )
})
