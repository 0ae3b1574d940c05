import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { RISK_LEVEL_LABELS, RISK_LEVELS, WARNING_STATE_LABELS, WARNING_STATES, type RiskLevel, type WarningState } from '@/core/warnings'
import { useStore } from '@/stores/stores-context'
import { warningAdminStore } from '@/stores/warning-admin-store'
import { FilterChips, type ChipOption } from '../../components/filter-chips'

const STATE_OPTIONS: ChipOption<WarningState | undefined>[] = [
  { value: undefined, label: '全部状态' },
  ...WARNING_STATES.map((s) => ({ value: s, label: WARNING_STATE_LABELS[s] })),
]
const RISK_OPTIONS: ChipOption<RiskLevel | undefined>[] = [
  { value: undefined, label: '全部风险' },
  ...RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] })),
]
const OVERDUE_OPTIONS: ChipOption<'overdue' | undefined>[] = [
  { value: undefined, label: '不限时限' },
  { value: 'overdue', label: '只看已超时' },
]

export const WarningFilters = observer(function WarningFilters() {
  const warningAdmin = useStore(warningAdminStore)
  const f = warningAdmin.filters
  return (
    <View>
      <FilterChips label='状态' options={STATE_OPTIONS} value={f.state} onChange={(state) => void warningAdmin.setFilters({ state })} />
      <FilterChips label='风险' options={RISK_OPTIONS} value={f.risk} onChange={(risk) => void warningAdmin.setFilters({ risk })} />
      <FilterChips
        label='时限'
        options={OVERDUE_OPTIONS}
        value={f.overdueOnly ? 'overdue' : undefined}
        onChange={(v) => void warningAdmin.setFilters({ overdueOnly: v === 'overdue' })}
      />
    </View>
  )
})
