import { observer } from 'mobx-react-lite'
import { Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { useStore } from '@/stores/stores-context'
import { householdAdminStore } from '@/stores/household-admin-store'

/** The full number is shown only after the user accepts that the view is recorded. */
export const RevealDialog = observer(function RevealDialog() {
  const householdAdmin = useStore(householdAdminStore)
  return (
    <Dialog
      visible={householdAdmin.revealAskedFor !== null}
      title='查看完整号码'
      content='本次查看将被记录（查看人、时间和住户）。请仅在工作需要时查看，不要外传。'
      confirmText='确认查看'
      cancelText='取消'
      onConfirm={() => void householdAdmin.confirmReveal()}
      onCancel={() => householdAdmin.cancelReveal()}
    />
  )
})
