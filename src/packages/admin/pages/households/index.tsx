import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { householdAdminStore } from '@/stores/household-admin-store'
import { labelStore } from '@/stores/label-store'
import { regionStore } from '@/stores/region-store'
import { HouseholdAdminList } from '../../components/household-admin-list'
import { HouseholdFilters } from '../../components/household-filters'
import { HouseholdForm } from '../../components/household-form'
import { HouseholdImportPanel } from '../../components/household-import-panel'
import { RegionPicker } from '../../components/region-picker'
import { RevealDialog } from '../../components/reveal-dialog'
import { ROUTES } from '@/navigation/routes'
import './index.scss'

export default observer(function HouseholdsPage() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const householdAdmin = useStore(householdAdminStore)
  const labels = useStore(labelStore)
  const home = session.homeRegion()
  const [picking, setPicking] = useState(false)

  useEffect(() => {
    if (!home) return
    if (regions.state === 'idle') void regions.load()
    if (householdAdmin.state === 'idle') void householdAdmin.selectRegion(home.regionId)
  }, [home, regions, householdAdmin])

  if (!home) {
    return (
      <PageShell>
        <EmptyBlock title='您没有住户管理的权限' description='住户管理供派出所和村（社区）干部使用' />
      </PageShell>
    )
  }

  const region = regions.nodes.find((n) => n.id === householdAdmin.regionId)
  const selectedCount = householdAdmin.selectedIds.size
  const printSelected = () => {
    labels.chooseHouseholds([...householdAdmin.selectedIds])
    void Taro.navigateTo({ url: ROUTES.labels })
  }

  return (
    <PageShell>
      <Text className='page-title'>住户管理</Text>
      <Text className='section-title'>范围：{region?.name ?? home.regionName}</Text>
      <Button className='big-button' size='large' block onClick={() => setPicking(!picking)}>
        {picking ? '收起区域' : '更换区域'}
      </Button>
      {picking && (
        <RegionPicker
          selectedId={householdAdmin.regionId}
          canPick={() => true}
          onPick={(node) => void householdAdmin.selectRegion(node.id)}
        />
      )}
      <HouseholdForm />
      {!householdAdmin.draft && (
        <View>
          {region?.level === 'grid' ? (
            <Button className='big-button' type='primary' size='large' block onClick={() => householdAdmin.startAdd(region.id)}>
              新增住户
            </Button>
          ) : (
            <Text className='hint'>新增住户请先在“更换区域”中选择一个网格。</Text>
          )}
          <Button className='big-button' size='large' block disabled={selectedCount === 0} onClick={printSelected}>
            {`为所选 ${selectedCount} 户打印门牌`}
          </Button>
        </View>
      )}
      <HouseholdFilters />
      <HouseholdAdminList />
      <RevealDialog />
      {process.env.TARO_ENV === 'h5' && <HouseholdImportPanel onImported={() => void householdAdmin.search()} />}
    </PageShell>
  )
})
