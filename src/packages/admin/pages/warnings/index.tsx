import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { WarningDetail } from '@/contract/warnings'
import { PageShell } from '@/components/page-shell'
import { SubscribeOptIn } from '@/components/subscribe-opt-in'
import { EmptyBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { regionStore } from '@/stores/region-store'
import { warningAdminStore } from '@/stores/warning-admin-store'
import { warningFormStore } from '@/stores/warning-form-store'
import { CompliancePanel } from './compliance-panel'
import { WarningFilters } from './warning-filters'
import { WarningForm } from './warning-form'
import { WarningImportPanel } from './warning-import-panel'
import { WarningList } from './warning-list'
import './index.scss'

/** The station's warnings of its region: compliance, filters, the list with overdue on top, create and import. */
export default observer(function WarningsAdminPage() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const warningAdmin = useStore(warningAdminStore)
  const warningForm = useStore(warningFormStore)
  const home = session.homeRegion('warning.manage')

  useEffect(() => {
    if (!home) return
    if (regions.state === 'idle') void regions.load()
    if (warningAdmin.regionId !== home.regionId) void warningAdmin.selectRegion(home.regionId)
  }, [home, regions, warningAdmin])

  if (!home) {
    return (
      <PageShell>
        <EmptyBlock title='您没有管理预警的权限' description='预警由派出所派发和管理' />
      </PageShell>
    )
  }
  const reload = () => void warningAdmin.reload()
  const dispatched = (created: WarningDetail) => {
    void warningAdmin.dispatched(created)
    void Taro.showToast({ title: warningAdmin.dispatchedMessage ?? '已派发', icon: 'none', duration: 2500 })
  }
  return (
    <PageShell>
      <Text className='page-title'>预警劝阻</Text>
      <Text className='section-title'>{`范围：${home.regionName}`}</Text>
      <CompliancePanel />
      {warningAdmin.justDispatched && !warningForm.draft && (
        <View className='card dispatch-notice' role='status'>
          <Text className='card-title'>{`✓ ${warningAdmin.dispatchedMessage}`}</Text>
          <Text className='hint'>这条预警排在下方预警列表的第一条</Text>
        </View>
      )}
      <WarningForm onSaved={dispatched} />
      {!warningForm.draft && (
        <Button className='big-button' type='primary' size='large' block onClick={() => warningForm.startNew()}>
          新增预警
        </Button>
      )}
      {process.env.TARO_ENV === 'h5' && <WarningImportPanel onImported={reload} />}
      <Text className='section-title'>预警列表</Text>
      <WarningFilters />
      <WarningList />
      <SubscribeOptIn templateKey='warning_overdue' buttonText='开启超时提醒' />
    </PageShell>
  )
})
