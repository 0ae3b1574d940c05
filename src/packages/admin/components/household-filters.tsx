import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { SearchBar } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import { HOUSEHOLD_TAGS, type HouseholdTag } from '@/core/households'
import { useStore } from '@/stores/stores-context'
import { householdAdminStore } from '@/stores/household-admin-store'
import { FilterChips, type ChipOption } from './filter-chips'

const TAG_OPTIONS: ChipOption<HouseholdTag | undefined>[] = [
  { value: undefined, label: '全部标签' },
  ...HOUSEHOLD_TAGS.map((t) => ({ value: t, label: t })),
]
const VISITED_OPTIONS: ChipOption<'yes' | 'no' | undefined>[] = [
  { value: undefined, label: '走访不限' },
  { value: 'yes', label: '已走访' },
  { value: 'no', label: '未走访' },
]
const PLEDGED_OPTIONS: ChipOption<'yes' | 'no' | undefined>[] = [
  { value: undefined, label: '承诺书不限' },
  { value: 'yes', label: '已签' },
  { value: 'no', label: '未签' },
]

export const HouseholdFilters = observer(function HouseholdFilters() {
  const householdAdmin = useStore(householdAdminStore)
  const { filters } = householdAdmin
  return (
    <View className='household-filters'>
      <SearchBar
        value={householdAdmin.query}
        placeholder='搜索门牌、地址或户主'
        onChange={(text) => householdAdmin.setQuery(text)}
        onSearch={() => void householdAdmin.search()}
      />
      <FilterChips label='标签' options={TAG_OPTIONS} value={filters.tag} onChange={(v) => void householdAdmin.setFilter('tag', v)} />
      <FilterChips label='走访' options={VISITED_OPTIONS} value={filters.visited} onChange={(v) => void householdAdmin.setFilter('visited', v)} />
      <FilterChips label='承诺书' options={PLEDGED_OPTIONS} value={filters.pledged} onChange={(v) => void householdAdmin.setFilter('pledged', v)} />
    </View>
  )
})
