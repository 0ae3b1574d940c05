import { observer } from 'mobx-react-lite'
import { Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { useStore } from '@/stores/stores-context'
import { labelStore } from '@/stores/label-store'

/** Reissuing cannot be undone on paper: the confirmation says so before anything changes. */
export const ReissueDialog = observer(function ReissueDialog() {
  const labels = useStore(labelStore)
  return (
    <Dialog
      visible={labels.confirmingReissue}
      title='重新生成门牌？'
      content={`将为「${labels.targetName}」生成新的二维码。已贴出的旧门牌会立即失效，扫码后不再打开住户，需要换贴新门牌。`}
      confirmText='确认重新生成'
      cancelText='取消'
      onConfirm={() => void labels.confirmReissue()}
      onCancel={() => labels.cancelReissue()}
    />
  )
})
