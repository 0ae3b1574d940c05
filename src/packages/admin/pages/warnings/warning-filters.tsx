import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { RiskLevel, WarningState } from '@/core/warnings'
import { useStore } from '@/stores/stores-context'
import { WARNING_STATE_CHOICES, warningAdminStore } from '@/stores/warning-admin-store'
import { RISK_LEVEL_CHOICES } from '@/stores/warning-form-store'
import { FilterChips, type ChipOption } from '../../components/filter-chips'

const STATE_OPTIONS: ChipOption<WarningState | undefined>[] = [
  { value: undefined, label: '全部状态' },
  ...WARNING_STATE_CHOICES,
]
const RISK_OPTIONS: ChipOption<RiskLevel | undefined>[] = [
  { value: undefined, label: '全部风险' },
  ...RISK_LEVEL_CHOICES,
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
