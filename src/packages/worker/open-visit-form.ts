import Taro from '@tarojs/taro'
import type { HouseholdSummary } from '@/contract/households'
import { pledgeFormUrl, visitFormUrl } from '@/pages/door/door-link'
import { useStores } from '@/stores/stores-context'

/** From a list (patrol plan, household list): the list row already holds what the form's header needs. */
export function useOpenVisitForm(): (household: HouseholdSummary) => void {
  const { doors } = useStores()
  return (household) => {
    doors.choose(household)
    void Taro.navigateTo({ url: visitFormUrl(household.id) })
  }
}

/** The pledge form from a list row, like the visit form: no door label needed when the worker is already inside. */
export function useOpenPledgeForm(): (household: HouseholdSummary) => void {
  const { doors } = useStores()
  return (household) => {
    doors.choose(household)
    void Taro.navigateTo({ url: pledgeFormUrl(household.id) })
  }
}
