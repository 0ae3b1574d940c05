import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { HouseholdSummary } from '@/contract/households'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { useStore, useStores } from '@/stores/stores-context'
import { householdStore } from '@/stores/household-store'
import { patrolStore } from '@/stores/patrol-store'

/**
 * The visit and pledge forms need their household first: a loading state, or the reason it failed with 重试; a link
 * that names no household leads back to the workbench rather than to a 重试 that cannot succeed.
 */
export const HouseholdGate = observer(function HouseholdGate({ householdId, children }: {
  householdId: string
  children: (household: HouseholdSummary) => ReactNode
}) {
  const { doors } = useStores()
  const patrol = useStore(patrolStore)
  const households = useStore(householdStore)
  const loaded = doors.household?.id === householdId ? doors.household : null
  // A household the worker home already listed opens its form at once, and without network at the door; the full
  // record replaces it when (if) it arrives.
  const listed = loaded ? null
    : patrol.items.find((s) => s.household.id === householdId)?.household ?? households.items.find((h) => h.id === householdId) ?? null
  const household = loaded ?? listed
  if (household) return <>{children(household)}</>
  if (!householdId) {
    return (
      <PageShell>
        <EmptyBlock
          title='没有选定住户'
          description='请从工作台的住户清单、今日巡访建议，或扫描门牌二维码进入'
          action={{ label: '返回工作台', onClick: () => void Taro.redirectTo({ url: ROUTES.workerHome }) }}
        />
      </PageShell>
    )
  }
  if (doors.state === 'error') {
    return (
      <PageShell>
        <ErrorBlock message={doors.problem?.message ?? '加载失败'} onRetry={() => void doors.ensureHousehold(householdId)} />
      </PageShell>
    )
  }
  return <PageShell><LoadingBlock text='正在加载住户…' /></PageShell>
})
