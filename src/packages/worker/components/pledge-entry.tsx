import { Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { HouseholdSummary } from '@/contract/households'
import { useStores } from '@/stores/stores-context'
import { useOpenPledgeForm } from '../open-visit-form'
import './pledge-entry.scss'

/** 签承诺书 on a list row whose own tap records a visit; a pledge still on the phone is said instead of offered twice. */
export const PledgeEntry = observer(function PledgeEntry({ household }: { household: HouseholdSummary }) {
  const { queue } = useStores()
  const openPledgeForm = useOpenPledgeForm()
  if (queue.hasWaiting('pledge', household.id)) return <Text className='hint'>✓ 承诺书已签（待上传）</Text>
  return (
    <Button
      className='pledge-entry'
      size='large'
      aria-label={`为 ${household.code} 签承诺书`}
      onClick={(e) => {
        // The row underneath opens the visit form.
        e.stopPropagation()
        openPledgeForm(household)
      }}
    >
      签承诺书
    </Button>
  )
})
